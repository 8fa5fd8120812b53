"""YAML loading that remembers where every value stands in the file.

PyYAML's constructors forget source positions, silently keep the last of two
equal keys, and turn `2018-02-30` into a crash. This loader composes the values
itself (yamlcompose.py, within the limits of limits.py) so that every value keeps
its line and column, duplicate keys are reported, and dates stay text until the
model checks them. Here: reading a file safely, and saying in German where a
syntax error stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from buergerinfo.reading.characters import (
    CONTROL_CHARACTERS_LIBYAML_ACCEPTS,
    control_character_message,
    first_control_character,
)
from buergerinfo.reading.indentation import find_indentation_problem
from buergerinfo.reading.limits import MAX_FILE_BYTES
from buergerinfo.reading.yamlcompose import Composer
from buergerinfo.reading.yamldocument import Path_, Position, YamlDocument, YamlSyntaxError

try:  # libyaml's composer is several times faster; the node tree is the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

def load_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise YamlSyntaxError with a German message."""
    if len(text) > MAX_FILE_BYTES:
        raise YamlSyntaxError(_too_large(len(text), "Zeichen"), (1, 1))
    for character in CONTROL_CHARACTERS_LIBYAML_ACCEPTS:
        if character in text:
            _raise_for_control_character(text)

    document = YamlDocument(data=None)
    loader = _Loader(text)
    try:
        document.data = Composer(loader, document).compose()
    except yaml.MarkedYAMLError as exc:
        misplaced = _indentation_problem(exc, text)
        if misplaced is not None:
            raise misplaced from None
        message, position = _german_syntax_error(exc, text)
        raise YamlSyntaxError(message, position, field_at_line(text, position[0])) from None
    except yaml.reader.ReaderError:
        _raise_for_control_character(text)
        raise YamlSyntaxError("die Datei enthält ein Zeichen, das in YAML nicht erlaubt ist", (1, 1)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML-Syntaxfehler: {exc}", (1, 1)) from None
    finally:
        loader.dispose()
    return document


def _raise_for_control_character(text: str) -> None:
    found = first_control_character(text)
    if found is not None:
        line, column, character = found
        raise YamlSyntaxError(
            f"diese Zeile {control_character_message(character)}", (line, column), field_at_line(text, line)
        )


def _too_large(size: int, unit: str) -> str:
    return (
        f"die Datei ist zu groß: {size:,} {unit}, erlaubt sind höchstens {MAX_FILE_BYTES:,} Byte".replace(",", ".")
        + " – lange Texte gehören als Anlage nach data/anlagen/, eine Vorlage je Datei"
    )


def load_yaml_file(path: Path) -> YamlDocument:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlSyntaxError(_too_large(size, "Byte"), (1, 1))
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise YamlSyntaxError(f"Datei lässt sich nicht lesen ({exc.strerror})", (1, 1)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise YamlSyntaxError(_too_large(len(raw), "Byte"), (1, 1))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        readable = raw.decode("utf-8", errors="replace")
        raise YamlSyntaxError(
            f"Datei ist nicht in UTF-8 gespeichert (Byte 0x{raw[exc.start]:02X} an dieser Stelle); bitte im Editor "
            "als UTF-8 speichern",
            (line, column),
            field_at_line(readable, line),
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
    # Rarer constructs (directives, tags, anchors, escapes): libyaml's reasons, so no English reaches an editor.
    "found incompatible YAML document": "die Angabe „%YAML“ nennt eine YAML-Version, die hier nicht gelesen wird; "
    "bitte die Zeile mit „%YAML“ löschen",
    "found duplicate %YAML directive": "„%YAML“ steht doppelt; bitte die Zeile löschen",
    "found duplicate %TAG directive": "„%TAG“ steht doppelt; YAML-Tags werden nicht unterstützt, bitte die Zeile "
    "löschen",
    "found unknown directive name": "unbekannte Angabe mit „%“ am Zeilenanfang; bitte löschen oder den Text in "
    "Anführungszeichen setzen",
    "did not find expected directive name": "nach „%“ am Zeilenanfang fehlt der Name; bitte löschen oder den Text in "
    "Anführungszeichen setzen",
    "did not find expected version number": "nach „%YAML“ fehlt die Version; bitte die Zeile löschen",
    "did not find expected digit or '.' character": "nach „%YAML“ fehlt die Version; bitte die Zeile löschen",
    "found extremely long version number": "nach „%YAML“ steht keine gültige Version; bitte die Zeile löschen",
    "did not find expected whitespace": "ungültige Angabe mit „%“ am Zeilenanfang; bitte löschen",
    "found undefined tag handle": "unbekannter YAML-Tag (ein Kürzel mit „!…!“); YAML-Tags werden nicht unterstützt – "
    "bitte den Tag entfernen oder den Text in Anführungszeichen setzen",
    "did not find expected tag URI": "unvollständiger YAML-Tag; YAML-Tags werden nicht unterstützt – bitte entfernen",
    "did not find expected '!'": "unvollständiger YAML-Tag; YAML-Tags werden nicht unterstützt – bitte entfernen",
    "did not find expected '>'": "unvollständiger YAML-Tag; YAML-Tags werden nicht unterstützt – bitte entfernen",
    "did not find URI escaped octet": "ungültiger YAML-Tag; YAML-Tags werden nicht unterstützt – bitte entfernen",
    "found an incorrect leading UTF-8 octet": "ungültiger YAML-Tag; YAML-Tags werden nicht unterstützt – bitte "
    "entfernen",
    "did not find expected alphabetic or numeric character": "nach „&“ oder „*“ fehlt der Name des YAML-Verweises; "
    "ist Text gemeint, bitte in Anführungszeichen setzen",
    "did not find expected hexdecimal number": "unvollständige Escape-Sequenz mit „\\x“ oder „\\u“ in Text mit "
    "doppelten Anführungszeichen; einfache Anführungszeichen verwenden oder „\\\\“ schreiben",
    "found invalid Unicode character escape code": "die Escape-Sequenz „\\u…“ nennt kein gültiges Zeichen; "
    "einfache Anführungszeichen verwenden oder das Zeichen selbst schreiben",
    "found unexpected document indicator": "„---“ oder „...“ am Zeilenanfang mitten in einem Text; bitte die Zeile "
    "einrücken oder anders schreiben",
    "found an indentation indicator equal to 0": "nach „|“ oder „>“ steht eine 0; bitte die Ziffer löschen",
    "did not find expected comment or line break": "nach dem Wert steht noch weiterer Text (für einen Kommentar ein "
    "Leerzeichen vor „#“ lassen)",
    "did not find expected node content": "hier fehlt ein Wert (zwei Kommas hintereinander oder ein Komma am Anfang?)",
    "did not find expected <document start>": "nach dem Ende des Dokuments steht noch Text; bitte „...“ oder den Text "
    "danach entfernen",
    "block sequence entries are not allowed in this context": "ein Listeneintrag („- “) steht an einer Stelle, an der "
    "keine Liste beginnen kann; ist die Einrückung verrutscht?",
    "mapping keys are not allowed in this context": "an dieser Stelle kann kein Feld beginnen; ist die Einrückung "
    "verrutscht, oder muss der Text in Anführungszeichen?",
    "found unexpected ':'": "unerwarteter Doppelpunkt; bitte den Text in Anführungszeichen setzen",
}
