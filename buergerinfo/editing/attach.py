"""`buergerinfo anlage`: add an attachment to a Vorlage.

The file is copied into data/anlagen/<körperschaft>/ (or, with an Anlagen-Ablage in mkdocs.yml,
into the store under its SHA-256, entered as `ablage`/`dateiname`/`groesse`), its content must match its
type (a file of random bytes named `.pdf` is refused: readers would download
something their PDF reader cannot open), and the entry is added to the Vorlage's
`anlagen` without touching any other line of the file.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from buergerinfo.documents.kinds import classify, is_active_content
from buergerinfo.editing.common import (
    GIT_NEXT_STEP,
    ScaffoldError,
    apply_checked,
    project_root,
    public_paper_relative,
    refused,
    resolve_paper_path,
)
from buergerinfo.editing.textedit import EditRefused, FileChanges, verified, yaml_scalar
from buergerinfo.model.references import reference_slug
from buergerinfo.model.stored_files import DIGEST_PREFIX, object_name
from buergerinfo.model.structure import ATTACHMENTS_DIR
from buergerinfo.reading.settings import SettingsInvalid, read_settings
from buergerinfo.reading.yamldocument import YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml

# Office Open XML: a zip with [Content_Types].xml and the part of its application.
_OOXML = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
# OpenDocument: a zip whose first member `mimetype` names the type.
_ODF = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".ppt": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".zip": (b"PK\x03\x04", b"PK\x05\x06"),
}
_KIND_NAMES = {
    ".pdf": "PDF", ".png": "PNG-Bild", ".jpg": "JPEG-Bild", ".jpeg": "JPEG-Bild", ".gif": "GIF-Bild",
    ".doc": "Word-Dokument", ".xls": "Excel-Tabelle", ".ppt": "PowerPoint-Präsentation", ".zip": "ZIP-Archiv",
    ".docx": "Word-Dokument", ".xlsx": "Excel-Tabelle", ".pptx": "PowerPoint-Präsentation",
    ".odt": "OpenDocument-Text", ".ods": "OpenDocument-Tabelle", ".odp": "OpenDocument-Präsentation",
    ".txt": "Text", ".csv": "CSV-Tabelle",
}
ALLOWED_SUFFIXES = tuple(_KIND_NAMES)


def content_problem(path: Path) -> str | None:
    """Why the file's content does not match its type (judged by its first bytes), or None."""
    if is_active_content(path):
        # Before the type: a page with script (HTML, SVG, XML, whatever its name says) would run on
        # the site's origin; classify() says so and what is expected instead.
        return classify(path).message
    suffix = path.suffix.lower()
    kind = _KIND_NAMES.get(suffix)
    if kind is None:
        return (
            f"Dateityp „{path.suffix or '(ohne Endung)'}“ wird nicht angenommen; erlaubt sind "
            f"{', '.join(ALLOWED_SUFFIXES)} (am besten ein barrierefreies PDF)"
        )
    with path.open("rb") as handle:
        head = handle.read(8192)
    if not head:
        return "die Datei ist leer"
    mismatch = f"der Inhalt ist kein {kind}, obwohl die Datei auf „{suffix}“ endet – ist es die richtige Datei?"
    if suffix in _SIGNATURES:
        return None if head.startswith(_SIGNATURES[suffix]) else mismatch
    if suffix in _OOXML or suffix in _ODF:
        return None if _zip_kind_matches(path, suffix) else mismatch
    # .txt, .csv: text in UTF-8 without control characters other than line breaks and tabs
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return f"der Inhalt ist kein Text in UTF-8 ({kind}); bitte als UTF-8 speichern"
    return mismatch if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text) else None


def _zip_kind_matches(path: Path, suffix: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if suffix in _OOXML:
                return "[Content_Types].xml" in names and any(n.startswith(_OOXML[suffix]) for n in names)
            return "mimetype" in names and archive.read("mimetype").decode("ascii", "replace").strip() == _ODF[suffix]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


@dataclass
class AttachmentPlan:
    changes: FileChanges
    relative: str  # the Vorlage
    target: Path  # the copy in data/anlagen/
    target_relative: str  # as written in `datei`, or the object's name in the Anlagen-Ablage
    copy_needed: bool
    stored: bool = False  # the target is in the Anlagen-Ablage


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan_attachment(root: Path, file: str, source: Path, title: str | None = None, name: str | None = None) -> AttachmentPlan:
    path = resolve_paper_path(root, file)
    relative = public_paper_relative(root, path, "anlage")
    if not source.is_file():
        raise ScaffoldError(f"Angabe „QUELLE“: „{source}“ nicht gefunden")
    problem = content_problem(source)
    if problem:
        raise ScaffoldError(f"{source.name}: {problem} – nichts geändert.")
    text = path.read_text(encoding="utf-8")
    try:
        document = load_yaml(text)
    except YamlSyntaxError as exc:
        raise ScaffoldError(f"{relative}: {exc.message} – bitte zuerst beheben (`./bi check`)") from None
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("koerperschaft"), str):
        raise ScaffoldError(f"{relative}: keine Vorlage mit `koerperschaft` – bitte zuerst `./bi check` ausführen")
    body_id = data["koerperschaft"]
    try:
        store = read_settings(root).attachment_store
    except SettingsInvalid as exc:
        raise ScaffoldError(f"{exc} – nichts geändert.") from None
    if store is not None:
        return _plan_stored(store, path, relative, text, document, source, title, name)
    stem = name or f"{path.stem}-{reference_slug(source.stem) or 'anlage'}"
    target_relative = f"{body_id}/{reference_slug(Path(stem).stem) if name else stem}{source.suffix.lower()}"
    target = root / "data" / ATTACHMENTS_DIR / target_relative
    copy_needed = True
    if target.exists():
        if _file_digest(target) != _file_digest(source):
            raise ScaffoldError(
                f"data/{ATTACHMENTS_DIR}/{target_relative} gibt es schon mit anderem Inhalt – nichts geändert. "
                "Mit --name einen anderen Dateinamen wählen."
            )
        copy_needed = False
    entries = data.get("anlagen") or []
    if any(isinstance(e, dict) and e.get("datei") == target_relative for e in entries):
        raise ScaffoldError(f"{relative}: die Anlage {target_relative} ist schon eingetragen – nichts geändert.")
    entry = {"titel": title or source.stem, "datei": target_relative}
    return AttachmentPlan(_entry_added(path, relative, text, document, entry), relative, target, target_relative,
                          copy_needed)


def _plan_stored(store, path: Path, relative: str, text: str, document, source: Path, title, name) -> AttachmentPlan:
    """The Anlage goes into the Anlagen-Ablage, named by its content; the entry names it by hash."""
    digest = DIGEST_PREFIX + _file_digest(source)
    file_name = f"{reference_slug(name or source.stem) or 'anlage'}{source.suffix.lower()}"
    stored = object_name(digest, file_name)
    target = store.file(stored)
    entries = document.data.get("anlagen") or []
    if any(isinstance(e, dict) and e.get("ablage") == digest for e in entries):
        raise ScaffoldError(f"{relative}: diese Datei ist schon als Anlage eingetragen ({digest}) – nichts geändert.")
    entry = {"titel": title or source.stem, "ablage": digest, "dateiname": file_name, "groesse": source.stat().st_size}
    changes = _entry_added(path, relative, text, document, entry)
    return AttachmentPlan(changes, relative, target, stored, not target.is_file(), stored=True)


def _entry_added(path: Path, relative: str, text: str, document, entry: dict) -> FileChanges:
    changes = FileChanges()
    expected = dict(document.data)
    expected["anlagen"] = [*(document.data.get("anlagen") or []), entry]
    try:
        changes.set(path, verified(_with_entry(text, document, entry), expected, relative))
    except EditRefused as exc:
        raise ScaffoldError(f"{exc} – nichts geändert.") from None
    return changes


def _with_entry(text: str, document, entry: dict[str, str]) -> str:
    """`text` with one more entry at the end of `anlagen`, indented like the file's other lists."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    dash, key = _list_indentation(text)
    item = [f"{' ' * dash}- titel: {yaml_scalar(entry['titel'])}\n"]
    item += [f"{' ' * key}{field}: {value if isinstance(value, int) else yaml_scalar(value)}\n"
             for field, value in entry.items() if field != "titel"]
    if ("anlagen",) not in document.positions:
        return "".join(lines) + "anlagen:\n" + "".join(item)
    if not document.data["anlagen"]:
        # `anlagen: []` or empty: the key's line becomes the start of a block list
        line = document.position_of(("anlagen",))[0]
        lines[line - 1] = "anlagen:\n" + "".join(item)
        return "".join(lines)
    # After the last line that belongs to the list: the next top-level key (or the end), minus trailing comments.
    start = document.position_of(("anlagen",))[0]
    later = sorted(pos[0] for path, pos in document.positions.items() if len(path) == 1 and pos[0] > start)
    end = (later[0] if later else len(lines) + 1) - 1  # 1-based last line before the next key
    while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return "".join(lines[:end] + item + lines[end:])


def _list_indentation(text: str) -> tuple[int, int]:
    """(column of „- “, column of the keys) as this file writes list entries of mappings; default 2 and 4."""
    match = re.search(r"^( *)- ([a-z_]+):", text, re.MULTILINE)
    if match:
        return len(match.group(1)), len(match.group(1)) + 2
    return 2, 4


def command_attach(args: argparse.Namespace) -> int:

    root = project_root(args)
    try:
        plan = plan_attachment(root, args.datei, Path(args.quelle), args.titel, args.name)
    except ScaffoldError as exc:
        return refused(exc)
    if plan.copy_needed:
        plan.changes.originals.setdefault(plan.target, None)
        plan.target.parent.mkdir(parents=True, exist_ok=True)
        # Beside its place, then renamed: an upload of the Ablage running now never sees half a file.
        partial = plan.target.parent / f".anlage-{plan.target.name}.part"
        shutil.copyfile(args.quelle, partial)
        os.replace(partial, plan.target)
    if not apply_checked(plan.changes, root, "Die Anlage", plan.relative):
        return 1
    where = f"Anlagen-Ablage {plan.target_relative}" if plan.stored else f"data/{ATTACHMENTS_DIR}/{plan.target_relative}"
    print(f"Anlage hinzugefügt: {where}")
    print(f"  eingetragen in {plan.relative} unter `anlagen`")
    print(GIT_NEXT_STEP)
    return 0


def add_attachment_command(commands) -> None:
    attach = commands.add_parser(
        "anlage",
        help="eine Datei als Anlage zu einer Vorlage hinzufügen (prüft, ob der Inhalt zum Dateityp passt)",
        description=f"Kopiert die Datei nach data/{ATTACHMENTS_DIR}/<körperschaft>/ und trägt sie unter `anlagen` "
        "in die Vorlage ein. Nimmt PDF, Office- und OpenDocument-Dateien, Bilder, Text und CSV.",
    )
    attach.add_argument("datei", help="die Vorlage, z. B. data/vorlagen/landkreis-wittmund/0042-2019.yml")
    attach.add_argument("quelle", help="die Datei, die angehängt wird, z. B. ~/Downloads/Konzept.pdf")
    attach.add_argument("--titel", help="Titel der Anlage (Standard: Dateiname)")
    attach.add_argument("--name", help="Dateiname in data/anlagen/ ohne Endung (Standard: aus Vorlage und Datei)")
    attach.set_defaults(handler=command_attach)
