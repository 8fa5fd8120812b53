"""Where the indentation of a YAML file goes wrong, said the way an editor thinks about it.

PyYAML notices a wrong indentation only where the structure can no longer be read,
often a line or five later, and names the token it did not expect ("expected <block
end>"). When a file does not parse, this module reads its lines the way an editor
sees them (fields, list entries, multi-line texts and their columns) and finds the
first line whose indentation fits nothing open above it: the field indented two
spaces too little, the one indented a space too much, or the line of a `|` text
that lost its indentation. The message names that line and the column expected.

Only block YAML as the data files are written is judged; for anything else (flow
collections or quoted texts over several lines, tabs) it answers None and the
parser's own message stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^\s#'"\[\]{}&*!|>%@`,-][^#]*?|-[^\s#][^#]*?)\s*:(?:\s|$)""")
_BLOCK_TEXT = re.compile(r"^[|>][-+0-9]*\s*(?:#.*)?$")
_OPEN_FLOW_OR_QUOTE = re.compile(r"""^(?:[\[{]|"(?:[^"\\]|\\.)*$|'(?:[^']|'')*$)""")


@dataclass(frozen=True)
class IndentationProblem:
    line: int  # 1-based
    column: int  # 1-based, where the line's text starts
    message: str
    fixed_indent: int | None  # the indentation that would be right, to find the field the line belongs to


@dataclass
class _Level:
    kind: str  # "map" (fields) or "seq" (list entries)
    indent: int
    line: int  # where the level starts
    first_key: str = ""


def _key_of(content: str) -> str | None:
    match = _KEY.match(content)
    if not match:
        return None
    return content[: match.end()].rstrip().rstrip(":").strip().strip("\"'")


def _column(indent: int) -> int:
    return indent + 1


def _spaces(count: int) -> str:
    words = {1: "ein", 2: "zwei", 3: "drei", 4: "vier"}
    return f"{words.get(count, count)} Leerzeichen"


def find_indentation_problem(text: str, until_line: int) -> IndentationProblem | None:
    """The first line up to `until_line` whose indentation fits nothing open above it."""
    lines = text.splitlines()
    levels: list[_Level] = []
    opens_nested = False  # the previous field has no value on its line: deeper lines belong to it
    previous_key_line: tuple[int, int, str] | None = None  # line, indent, key of the last field with a value
    block: tuple[str, int, int, int | None] | None = None  # key, its line, its indent, the text's indent
    limit = min(len(lines), until_line)
    number = 0
    while number < limit:
        number += 1
        raw = lines[number - 1]
        stripped = raw.lstrip(" ")
        indent = len(raw) - len(stripped)
        if stripped.startswith("\t") or (not stripped.strip() and "\t" not in raw):
            if stripped.startswith("\t"):
                return None
            continue
        if block is not None:
            key, key_line, key_indent, text_indent = block
            if text_indent is None:
                if indent > key_indent:
                    block = (key, key_line, key_indent, indent)
                    continue
                block = None
            elif indent >= text_indent:
                continue
            else:
                if indent > key_indent or _continues_text(lines, number, text_indent):
                    return IndentationProblem(
                        number,
                        _column(indent),
                        f"Einrückung stimmt nicht: diese Zeile gehört wohl noch zum mehrzeiligen Text von „{key}“ "
                        f"(ab Zeile {key_line}), steht aber in Spalte {_column(indent)}; jede Zeile des Texts muss "
                        f"mindestens so weit eingerückt sein wie seine erste Zeile (Spalte {_column(text_indent)})",
                        text_indent,
                    )
                block = None
        if stripped.startswith("#"):
            continue
        content = stripped
        is_item = content == "-" or content.startswith("- ")
        key = _key_of(content) if not is_item else None
        if not is_item and key is None:
            # A line of text: the value of the field above, or its continuation. Not judged.
            if not opens_nested and previous_key_line and indent <= previous_key_line[1] and levels:
                return None  # text where a field was expected: the parser's message fits better
            opens_nested = False
            continue

        problem = _misplaced(levels, indent, is_item, key, opens_nested, previous_key_line, number)
        if problem is not None:
            return problem
        while levels and levels[-1].indent > indent:
            levels.pop()
        if is_item:
            if not (levels and levels[-1].kind == "seq" and levels[-1].indent == indent):
                levels.append(_Level("seq", indent, number))
            rest = content[1:]
            inner = indent + 1 + len(rest) - len(rest.lstrip(" "))
            content = rest.lstrip(" ")
            key = _key_of(content)
            if key is None:
                opens_nested = not content
                previous_key_line = None
                if content and _OPEN_FLOW_OR_QUOTE.match(content):
                    return None
                continue
            levels.append(_Level("map", inner, number, key))
            indent = inner
        elif not (levels and levels[-1].kind == "map" and levels[-1].indent == indent):
            levels.append(_Level("map", indent, number, key))
        value = content[_KEY.match(content).end() :].strip()
        if value and _OPEN_FLOW_OR_QUOTE.match(value):
            return None  # a list, mapping or quoted text over several lines: not judged here
        if _BLOCK_TEXT.match(value):
            block = (key, number, indent, None)
            opens_nested, previous_key_line = False, None
        elif not value or value.startswith("#"):
            opens_nested, previous_key_line = True, None
        else:
            opens_nested, previous_key_line = False, (number, indent, key)
    return None


def _continues_text(lines: list[str], number: int, text_indent: int) -> bool:
    """A line left of a `|` text is a stray line of it when the text goes on right after it."""
    content = lines[number - 1].strip()
    key = _key_of(content)
    if key is not None:
        value = content[_KEY.match(content).end() :].strip()
        if not value or value.startswith("#") or _BLOCK_TEXT.match(value):
            return False  # the next field, opening its own text or entries
    for following in lines[number:]:
        if not following.strip():
            continue
        indent = len(following) - len(following.lstrip(" "))
        return indent >= text_indent and (key is None or _key_of(following.strip()) is None)
    return False


def _misplaced(
    levels: list[_Level],
    indent: int,
    is_item: bool,
    key: str | None,
    opens_nested: bool,
    previous_key_line: tuple[int, int, str] | None,
    number: int,
) -> IndentationProblem | None:
    if not levels:
        return None
    top = levels[-1]
    if opens_nested and (indent > top.indent or (is_item and indent == top.indent and top.kind == "map")):
        return None  # the first line of a nested mapping or list
    fitting_kind = "seq" if is_item else "map"
    if any(level.indent == indent and level.kind == fitting_kind for level in levels):
        return None
    what = "der Listeneintrag („- “)" if is_item else f"das Feld „{key}“"
    where = f"steht in Spalte {_column(indent)}"
    if not is_item and previous_key_line and indent > previous_key_line[1] and top.indent == previous_key_line[1]:
        line, other_indent, other_key = previous_key_line
        extra = indent - other_indent
        return IndentationProblem(
            number,
            _column(indent),
            f"Einrückung stimmt nicht: {what} {where}, {_spaces(extra)} weiter als „{other_key}“ in Zeile {line}; "
            f"gleichrangige Felder müssen genau untereinander stehen (erwartet: Spalte {_column(other_indent)})",
            other_indent,
        )
    same_kind = [level for level in levels if level.kind == fitting_kind]
    if not same_kind:
        return None
    deeper = [level for level in same_kind if level.indent > indent]
    shallower = [level for level in same_kind if level.indent < indent]
    target = deeper[0] if deeper else shallower[-1]
    if deeper:
        distance = f"{_spaces(target.indent - indent)} zu wenig eingerückt"
    else:
        distance = f"{_spaces(indent - target.indent)} zu weit eingerückt"
    if is_item:
        anchor = f"die Listeneinträge darüber (ab Zeile {target.line}) stehen in Spalte {_column(target.indent)}"
    else:
        anchor = f"„{target.first_key}“ in Zeile {target.line} steht in Spalte {_column(target.indent)}"
    alternative = ""
    if deeper and shallower and not is_item:
        outer = shallower[-1]
        alternative = (
            f"; oder, falls es nicht mehr dazugehört, in Spalte {_column(outer.indent)} wie „{outer.first_key}“"
        )
    return IndentationProblem(
        number,
        _column(indent),
        f"Einrückung stimmt nicht: {what} {where}, {distance}: {anchor}. Gleichrangige Einträge müssen genau "
        f"untereinander stehen (erwartet: Spalte {_column(target.indent)}{alternative})",
        target.indent,
    )
