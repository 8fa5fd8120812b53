"""Writing data files the way an editor would: readable YAML, atomically, never over a hand edit.

The emitter is small on purpose: the import writes only mappings, lists, text,
numbers, booleans and dates, and wants one fixed style (two-space indentation,
list entries indented under their key, multi-line text as a `|` block) so that a
second run produces the same bytes. Every rendered file is read back with the
project's own loader before it is written; a text that would read back as
anything else is a bug and is refused.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import urllib.parse
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from buergerinfo.editing.textedit import write_text_atomically
from buergerinfo.reading.yamldocument import YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml
from buergerinfo.importers.report import ImportReport
from buergerinfo.importers.state import ImportState, content_hash

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# What PyYAML's reader accepts in a stream; anything else is written as an escape.
_PRINTABLE = re.compile("[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class RenderError(Exception):
    pass


# --- the emitter ------------------------------------------------------------------------------


def render_yaml(data: dict[str, Any], header: list[str] = ()) -> str:
    """`data` as YAML text with comment lines `header` on top; keys with None or empty values are left out.

    Multi-line text is written as a `|` block; should one not read back exactly (unusual
    spacing), the whole file is written again with such texts in quotes.
    """
    problem = ""
    for blocks in (True, False):
        lines = [f"# {line}" if line else "#" for line in header]
        lines += _mapping(data, 0, blocks)
        text = "\n".join(lines) + "\n"
        try:
            document = load_yaml(text)
        except YamlSyntaxError as exc:
            problem = exc.message
            continue
        if document.data == plain(data) and not document.issues:
            return text
        problem = "der geschriebene Text liest sich anders zurück"
    raise RenderError(problem)


class InvalidData(Exception):
    """Data that does not fit the data model, or would not read back as written; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def checked_text(data: dict[str, Any], header: list[str], model: type[BaseModel]) -> str:
    """`data` as a file's text, once it fits `model` (the data model of its kind of file)."""
    try:
        model.model_validate(plain(data))
        return render_yaml(data, header)
    except ValidationError as exc:
        raise InvalidData(exc.errors()[0]["msg"]) from None
    except RenderError as exc:
        raise InvalidData(str(exc)) from None


def plain(value: Any) -> Any:
    """What the project's loader gives back for `value`: dates as text, no empty keys."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not _empty(v)}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _mapping(data: dict[str, Any], column: int, blocks: bool) -> list[str]:
    pad = " " * column
    lines: list[str] = []
    for key, value in data.items():
        if _empty(value):
            continue
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += _mapping(value, column + 2, blocks)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            for item in value:
                if isinstance(item, dict):
                    item_lines = _mapping(item, column + 4, blocks)
                    item_lines[0] = f"{pad}  - {item_lines[0][column + 4:]}"
                    lines += item_lines
                else:
                    lines.append(f"{pad}  - {_scalar(item, column + 4, blocks)}")
        else:
            lines.append(f"{pad}{key}: {_scalar(value, column + 2, blocks)}")
    return lines


def _scalar(value: Any, column: int, blocks: bool = True) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise RenderError(f"unerwarteter Wert {type(value).__name__}")
    if blocks and "\n" in value and all(_PRINTABLE.match(ch) for ch in value):
        block = _literal_block(value, column)
        if block is not None:
            return block
    if _plain_is_safe(value):
        return value
    return _double_quoted(value)


def _plain_is_safe(value: str) -> bool:
    if not value or value != value.strip() or value[0] in _INDICATORS:
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value or "\n" in value:
        return False
    if not all(_PRINTABLE.match(ch) for ch in value) or "\x85" in value:
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG


def _literal_block(value: str, column: int) -> str | None:
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    lines = body.split("\n")
    if any(line != line.rstrip(" ") and not line.strip() for line in lines):
        return None  # lines of only spaces do not survive a block; quote instead
    first = next((line for line in lines if line), "")
    indicator = "2" if first.startswith(" ") else ""
    pad = " " * column
    rendered = [f"{pad}{line}" if line else "" for line in lines] + [""] * (trailing - 1 if trailing > 1 else 0)
    return f"|{indicator}{chomp}\n" + "\n".join(rendered)


def _double_quoted(value: str) -> str:
    out = []
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif not _PRINTABLE.match(ch) or ch == "\x85":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


# --- writing with ownership ---------------------------------------------------------------------


OVERWRITE_HINT = "mit --ueberschreiben ersetzen"


def write_owned(
    state: ImportState, report: ImportReport, kind: str, relative: str, text: str, overwrite: bool
) -> str:
    """Write `text` to `relative` unless a person changed the file since the import wrote it.

    Returns the outcome as the report counts it: angelegt, geändert, unverändert, übersprungen.
    """
    path = state.root / relative
    new = text.encode("utf-8")
    new_hash = content_hash(new)
    try:
        current: bytes | None = path.read_bytes()
    except FileNotFoundError:
        current = None
    if current == new:
        if state.hashes.get(relative) != new_hash:
            state.record({"datei": relative, "hash": new_hash})
        report.file(kind, "unverändert", relative)
        return "unverändert"
    if current is not None and not overwrite and not state.owns(relative, content_hash(current)):
        reason = (
            "von Hand geändert seit dem letzten Import"
            if relative in state.hashes
            else "vorhanden, aber nicht vom Import angelegt"
        )
        report.file(kind, "übersprungen", relative, f"{reason} – nicht überschrieben ({OVERWRITE_HINT})")
        return "übersprungen"
    state.record({"datei": relative, "hash": new_hash})
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, text)
    outcome = "angelegt" if current is None else "geändert"
    report.file(kind, outcome, relative)
    return outcome


def may_replace(state: ImportState, relative: str, overwrite: bool) -> bool:
    """True if the import may put new content at `relative` (it is missing, unchanged since the import, or forced)."""
    path = state.root / relative
    if overwrite or not path.exists():
        return True
    return state.owns(relative, content_hash(path.read_bytes()))


def move_into_place(state: ImportState, temporary: Path, relative: str, digest: str) -> None:
    """Put a downloaded file at `relative` atomically, journaling its hash first."""
    target = state.root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    state.record({"datei": relative, "hash": digest})
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


def comment_safe(text: str) -> str:
    """An address for a comment line: anything but visible ASCII percent-encoded, so no line break gets in."""
    return re.sub(r"[^\x21-\x7e]", lambda m: urllib.parse.quote(m.group()), text)


def schema_comment(relative: str, schema: str) -> str:
    """The comment that makes editors' YAML tools check the file against `schemas/<schema>`."""
    depth = len(Path(relative).parts) - 1
    return f"yaml-language-server: $schema={'../' * depth}schemas/{schema}"
