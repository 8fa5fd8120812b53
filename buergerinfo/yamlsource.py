"""YAML loading that remembers where every value stands in the file.

PyYAML's constructors forget source positions, silently keep the last of two
equal keys, and turn `2018-02-30` into a crash. This loader composes the node
tree itself so that every value keeps its line and column, duplicate keys are
reported, and dates stay text until the model checks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .indentation import find_indentation_problem

try:  # libyaml's composer is several times faster; the node tree is the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


@dataclass
class SourceIssue:
    path: Path_
    position: Position
    message: str


@dataclass
class YamlDocument:
    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)
    issues: list[SourceIssue] = field(default_factory=list)
    # The text as written for scalars YAML turned into something else (`0042` -> 34, `no` -> False),
    # so that a message can quote what the editor typed.
    written: dict[Path_, str] = field(default_factory=dict)

    def position_of(self, path: Path_) -> Position:
        """The position of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class YamlSyntaxError(Exception):
    def __init__(self, message: str, position: Position, path: Path_ = ()) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.path = path  # best guess of the field the line belongs to; () if unknown


# Timestamps stay strings: the model parses dates and says in German what is wrong.
_SCALAR_TAGS_KEPT_AS_TEXT = {"tag:yaml.org,2002:timestamp"}


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.scalar_constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.document.positions[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (index,)) for index, child in enumerate(node.value)]
        value = self._scalar(node)
        if not isinstance(value, str):
            self.document.written[path] = node.value
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlSyntaxError("YAML-Verweise mit `<<` werden nicht unterstützt", _mark(key_node))
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                raise YamlSyntaxError("Feldnamen müssen Text sein", _mark(key_node))
            key_path = path + (key,)
            if key in result:
                first = self.document.positions.get(key_path, (0, 0))
                self.document.issues.append(
                    SourceIssue(
                        key_path,
                        _mark(key_node),
                        f"steht doppelt in derselben Zuordnung (zuerst in Zeile {first[0]}); jedes Feld darf "
                        "nur einmal vorkommen – YAML würde sonst einen der Werte stillschweigend verwerfen",
                    )
                )
                continue
            result[key] = self.build(value_node, key_path)
            # The key's own position is the better place to point an editor to.
            self.document.positions[key_path] = _mark(key_node)
            self.document.positions[key_path + ("__value__",)] = _mark(value_node)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag in _SCALAR_TAGS_KEPT_AS_TEXT:
            return node.value
        if node.tag == "tag:yaml.org,2002:binary":
            raise YamlSyntaxError("Binärdaten sind in Datendateien nicht erlaubt", _mark(node))
        return self.scalar_constructor.construct_object(node, deep=True)


def load_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise YamlSyntaxError with a German message."""
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        misplaced = _indentation_problem(exc, text)
        if misplaced is not None:
            raise misplaced from None
        message, position = _german_syntax_error(exc, text)
        raise YamlSyntaxError(message, position, field_at_line(text, position[0])) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML-Syntaxfehler: {exc}", (1, 1)) from None
    document = YamlDocument(data=None)
    if root is None:
        return document
    document.data = _Builder(document).build(root, ())
    return document


def load_yaml_file(path: Path) -> YamlDocument:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlSyntaxError(f"Datei lässt sich nicht lesen ({exc.strerror})", (1, 1)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlSyntaxError(
            "Datei ist nicht in UTF-8 gespeichert; bitte im Editor als UTF-8 speichern", (line, column)
        ) from None
    return load_yaml(text.removeprefix("\ufeff"))


# --- where a syntax error stands ---------------------------------------------------

_KEY_LINE = re.compile(r"""^(?:"([^"]*)"|'([^']*)'|([^\s#'"\[\]{}&*!|>%@`,-][^#]*?|-[^\s#][^#]*?))\s*:(?:\s|$)""")
_BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*\s*(?:#.*)?$")


@dataclass
class _Open:
    indent: int
    part: str | int
    opens_block: bool = False  # a key whose value follows on the next lines
    items: int = 0  # list entries seen below this key


def field_at_line(text: str, line: int) -> Path_:
    """The field a line belongs to, judged from indentation alone.

    Used only when the YAML cannot be parsed, to name a field next to the line
    number. It reads keys, list entries and block texts (`|`, `>`) the way an
    editor sees them; for anything else it answers with the enclosing field.
    """
    stack: list[_Open] = []
    block_indent: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if number > line:
            break
        stripped = raw.lstrip(" ")
        indent = len(raw) - len(stripped)
        if block_indent is not None:
            if not stripped.strip() or indent > block_indent:
                continue
            block_indent = None
        if not stripped.strip() or stripped.startswith("#"):
            continue
        while stack and stack[-1].indent > indent:
            stack.pop()
        if stack and stack[-1].indent == indent:
            if not (stripped.startswith("-") and stack[-1].opens_block and isinstance(stack[-1].part, str)):
                stack.pop()
        content = stripped
        is_key_line = False
        while content == "-" or content.startswith("- "):
            parent = stack[-1] if stack else None
            index = parent.items if parent else 0
            if parent:
                parent.items += 1
            stack.append(_Open(indent, index, opens_block=True))
            rest = content[1:]
            indent += 1 + len(rest) - len(rest.lstrip(" "))
            content = rest.lstrip(" ")
        match = _KEY_LINE.match(content)
        if match:
            key = next(group for group in match.groups() if group is not None)
            value = content[match.end():].strip()
            opens = not value or value.startswith("#") or bool(_BLOCK_SCALAR.match(value))
            stack.append(_Open(indent, key.strip(), opens_block=opens))
            if _BLOCK_SCALAR.match(value):
                block_indent = indent
            is_key_line = True
        if number == line and not is_key_line and stack and stack[-1].indent >= indent:
            stack.pop()  # a line that is not a key of its own belongs to the field above it
    return tuple(entry.part for entry in stack)


def _indentation_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlSyntaxError | None:
    """The line where the indentation goes wrong, if that is what the parser stumbled over."""
    marks = [mark.line + 1 for mark in (exc.problem_mark, exc.context_mark) if mark is not None]
    found = find_indentation_problem(text, max(marks, default=0))
    if found is None:
        return None
    if found.fixed_indent is None:
        path = field_at_line(text, found.line)
    else:
        # The field the line would belong to with the right indentation.
        lines = text.splitlines()
        lines[found.line - 1] = " " * found.fixed_indent + lines[found.line - 1].lstrip(" ")
        path = field_at_line("\n".join(lines), found.line)
    return YamlSyntaxError(f"YAML-Syntaxfehler: {found.message}", (found.line, found.column), path)


def _german_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, Position]:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    # Where the editor has to look: an unclosed quote or bracket is fixed where it opens,
    # a missing colon on the line of the key.
    if exc.context_mark is not None and exc.problem_mark is not None and (
        context.startswith(("while scanning a quoted scalar", "while scanning a simple key"))
        or context.startswith(("while parsing a flow", "while scanning a block scalar"))
    ):
        mark = exc.context_mark
    position = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if context.startswith("while scanning a quoted scalar") and problem.startswith("found unexpected end"):
        return "YAML-Syntaxfehler: das hier geöffnete Anführungszeichen wird nicht geschlossen", position
    if problem.startswith(("did not find expected key", "expected <block end>")):
        lines = text.splitlines()
        line_text = lines[position[0] - 1] if 0 < position[0] <= len(lines) else ""
        if line_text[: position[1] - 1].strip():
            return (
                "YAML-Syntaxfehler: nach dem Wert steht noch weiterer Text; beginnt der Text mit einem "
                "Anführungszeichen, den ganzen Text in einfache Anführungszeichen setzen ('…')",
                position,
            )
    if context.startswith("expected a single document"):
        return f"YAML-Syntaxfehler: {_PROBLEMS_IN_GERMAN['expected a single document']}", position
    for english, german in _PROBLEMS_IN_GERMAN.items():
        if problem.startswith(english):
            return f"YAML-Syntaxfehler: {german}", position
    if "that cannot start any token" in problem:
        # libyaml does not name the character; the text does.
        lines = text.splitlines()
        line_text = lines[position[0] - 1] if 0 < position[0] <= len(lines) else ""
        character = line_text[position[1] - 1 : position[1]] or "?"
        if character == "\t":
            return f"YAML-Syntaxfehler: {_PROBLEMS_IN_GERMAN['found a tab character']}", position
        return (
            f"YAML-Syntaxfehler: ein Wert darf nicht mit „{character}“ beginnen; "
            "bitte den ganzen Text in Anführungszeichen setzen",
            position,
        )
    if problem.startswith("expected <block end>"):
        return (
            "YAML-Syntaxfehler: Einrückung stimmt nicht: diese Zeile ist anders eingerückt als die Felder "
            "davor (gleichrangige Felder und Listeneinträge müssen genau untereinander stehen)",
            position,
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        closing = "]" if "]" in problem else "}"
        return f"YAML-Syntaxfehler: die hier geöffnete Klammer wird nicht mit „{closing}“ geschlossen", position
    return f"YAML-Syntaxfehler: {problem or context or exc}", position


_PROBLEMS_IN_GERMAN = {
    "mapping values are not allowed": "an dieser Stelle ist kein „Feld: Wert“ erlaubt "
    "(fehlt ein Leerzeichen nach dem Doppelpunkt, oder muss der Text in Anführungszeichen?)",
    "could not find expected ':'": "erwartet „Feld: Wert“, aber der Doppelpunkt fehlt",
    "did not find expected key": "Einrückung stimmt nicht: ein Feld steht nicht bündig mit den anderen",
    "did not find expected '-' indicator": "Einrückung stimmt nicht: ein Listeneintrag („- “) steht nicht bündig",
    "found unexpected end of stream": "Datei endet unerwartet (fehlt ein schließendes Anführungszeichen?)",
    "found undefined alias": "unbekannter YAML-Verweis (*name); Verweise werden nicht unterstützt",
    "expected a single document": "nur ein YAML-Dokument pro Datei erlaubt (kein `---` dazwischen)",
    "found unknown escape character": "unbekannte Escape-Sequenz mit „\\“ in Text mit doppelten "
    "Anführungszeichen; einfache Anführungszeichen verwenden oder „\\\\“ schreiben",
    "found a tab character": "Tabulatoren sind in YAML nicht erlaubt; bitte mit Leerzeichen einrücken",
}
