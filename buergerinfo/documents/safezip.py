"""Reading the XML inside an Office file without trusting it.

A .docx, .xlsx, .odt or .ods is a zip of XML parts from outside. Two attacks matter:
a zip bomb (a few KB that inflate to gigabytes) and XML entity tricks (the "billion laughs",
external entities that read local files). The zip's members are counted and inflated in
chunks with the bytes counted as they come, whatever sizes the zip's directory claims; the XML
is parsed as a stream by expat with any DTD refused outright: Office XML never has one, so a
DOCTYPE means a crafted file (the rule defusedxml applies, without the extra package).
"""

from __future__ import annotations

import io
import posixpath
import xml.parsers.expat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from . import limits as L

_CHUNK = 64 * 1024


class Refused(Exception):
    """The file is not readable as what it claims to be; the message (German) says why."""


class ZipBomb(Exception):
    """The file inflates beyond the limits; the message names the limit."""


class Archive:
    def __init__(self, source: Path | bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
            members = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise Refused(f"kein gültiges Zip-Archiv: {error}") from None
        if len(members) > L.MAX_ZIP_MEMBERS:
            raise ZipBomb(f"{L.MAX_ZIP_MEMBERS} Teile")
        self._names = {member.filename for member in members}
        self._inflated = 0

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def has(self, name: str) -> bool:
        return name in self._names

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's bytes in chunks, stopped with ZipBomb past the limits."""
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            raise Refused(f"Teil „{name}“ fehlt") from None
        # A bomb shows in its ratio whatever size it claims; the counting below catches a lying directory.
        allowed = min(L.MAX_XML_PART_BYTES, max(info.compress_size, 1) * L.MAX_ZIP_RATIO + _CHUNK)
        if info.file_size > allowed:
            raise ZipBomb(_megabytes(allowed))
        read = 0
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    read += len(chunk)
                    self._inflated += len(chunk)
                    if read > allowed:
                        raise ZipBomb(_megabytes(allowed))
                    if self._inflated > L.MAX_ZIP_TOTAL_BYTES:
                        raise ZipBomb(_megabytes(L.MAX_ZIP_TOTAL_BYTES))
                    yield chunk
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
            # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method.
            raise Refused(f"Teil „{name}“ nicht lesbar: {error}") from None

    def relationships(self, part: str) -> dict[str, str]:
        """Office Open XML relationships of `part`: id → member name (targets made absolute)."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        found: dict[str, str] = {}
        if not self.has(rels):
            return found

        def start(tag: str, attributes: dict[str, str]) -> None:
            if local(tag) == "Relationship" and attributes.get("TargetMode") != "External":
                target = attributes.get("Target", "")
                if target.startswith("/"):
                    path = target.lstrip("/")
                else:
                    path = posixpath.normpath(posixpath.join(folder, target))
                found[attributes.get("Id", "")] = path
                found["type:" + attributes.get("Type", "").rsplit("/", 1)[-1]] = path

        parse(self.chunks(rels), start=start)
        return found


def local(name: str) -> str:
    """The local part of an expat name "namespace}local"."""
    return name.rpartition("}")[2]


def parse(
    chunks: Iterator[bytes],
    start: Callable[[str, dict[str, str]], None] | None = None,
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Streams the XML through the callbacks; raises Refused on bad XML or any DTD."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True

    def refuse(*_: object) -> None:
        raise Refused("XML mit DTD oder Entitäten (in Office-Dateien nicht vorgesehen)")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    if start is not None:
        parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as error:
        raise Refused(f"XML fehlerhaft: {xml.parsers.expat.ErrorString(error.code)}") from None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
