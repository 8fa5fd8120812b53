"""Changing single values in a data file without touching any other byte of it.

The editor's comments, quotes, blank lines and key order stay exactly as written:
each value is replaced where it stands in the text (its span from the parser), and
the result must read back as exactly the old data plus the change.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from buergerinfo.reading.yamldocument import Path_, YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class EditRefused(Exception):
    """The change cannot be made safely by text; the message is German."""


def scalar_spans(text: str) -> dict[Path_, tuple[int, int]]:
    """Start and end offset in `text` of every scalar value, by its path."""
    node = yaml.compose(text, Loader=_Loader)
    spans: dict[Path_, tuple[int, int]] = {}

    def walk(current: yaml.Node | None, path: Path_) -> None:
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                walk(value, path + (key.value,))
        elif isinstance(current, yaml.SequenceNode):
            for index, value in enumerate(current.value):
                walk(value, path + (index,))
        elif isinstance(current, yaml.ScalarNode):
            spans[path] = (current.start_mark.index, current.end_mark.index)

    walk(node, ())
    return spans


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar that the project's loader reads back as exactly this text."""
    if text and text == text.strip() and "\n" not in text:
        try:
            if load_yaml(f"x: {text}\n").data == {"x": text}:
                return text
        except YamlSyntaxError:
            pass
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def replace_values(text: str, changes: dict[Path_, str]) -> str:
    """`text` with the scalars at the given paths set to new texts; nothing else changes."""
    spans = scalar_spans(text)
    missing = [path for path in changes if path not in spans]
    if missing:
        raise EditRefused(f"kein Wert an der Stelle {missing[0]}")
    for path, (start, end) in sorted(((p, spans[p]) for p in changes), key=lambda item: -item[1][0]):
        text = text[:start] + yaml_scalar(changes[path]) + text[end:]
    return text


def set_in(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def verified(new_text: str, expected: Any, relative: str) -> str:
    """`new_text` if it reads back as `expected`, else EditRefused."""
    try:
        document = load_yaml(new_text)
    except YamlSyntaxError as exc:
        raise EditRefused(f"{relative}: die Änderung ergäbe kein gültiges YAML ({exc.message})") from None
    if document.data != expected or document.issues:
        raise EditRefused(f"{relative}: die Änderung ließe sich nicht sauber schreiben; bitte von Hand ändern")
    return new_text


def write_text_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, so an interrupted write never leaves half a file."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


class FileChanges:
    """Several files written together: all or, after a failed check, none (the old texts come back)."""

    def __init__(self) -> None:
        self.originals: dict[Path, str | None] = {}
        self.texts: dict[Path, str | None] = {}  # None: delete the file

    def set(self, path: Path, text: str | None) -> None:
        if path not in self.originals:
            self.originals[path] = path.read_text(encoding="utf-8") if path.is_file() else None
        self.texts[path] = text

    def apply(self) -> None:
        for path, text in self.texts.items():
            if text is None:
                path.unlink(missing_ok=True)
            else:
                write_text_atomically(path, text)

    def undo(self) -> None:
        for path, text in self.originals.items():
            if text is None:
                path.unlink(missing_ok=True)
            else:
                write_text_atomically(path, text)
        for path in self.texts:
            _remove_empty_folders(path.parent)


def _remove_empty_folders(folder: Path) -> None:
    while folder.is_dir() and not any(folder.iterdir()) and folder.name not in {"vorlagen", "anlagen", "data"}:
        folder.rmdir()
        folder = folder.parent
