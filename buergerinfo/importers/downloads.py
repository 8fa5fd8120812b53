"""Anlagen downloaded into data/anlagen/<körperschaft>/<vorlage>/ (`--dateien`), kept or replaced like any file.

A download is checked against the server's SHA-1/SHA-512 where given; one that fails, or
cannot be fetched, stays an address in the Vorlage. With an Anlagen-Ablage in mkdocs.yml
(`anlagen_ablage`), a download goes there instead, named by its SHA-256 (hashed while it is
written, then renamed into place; an object already there is not written again), and the entry
gets `ablage`, `dateiname` and `groesse`. A file replaced by hand is not
overwritten. Where the exporting Bürgerinfo kept an Anlage (`buergerinfo:datei`) is used
if it lies inside the Körperschaft's folder.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from typing import Any

from buergerinfo.documents.kinds import classify
from buergerinfo.model.stored_files import DIGEST_PREFIX, object_name
from buergerinfo.model.structure import ATTACHMENTS_DIR
from buergerinfo.reading.settings import SettingsInvalid, read_settings
from buergerinfo.importers.http import FetchError
from buergerinfo.importers.names import file_title, slugify
from buergerinfo.importers.notes import Notes
from buergerinfo.importers.quirks import VENDOR
from buergerinfo.importers.run_context import RunContext
from buergerinfo.importers.state import file_hash, hash_from_sha256
from buergerinfo.importers.writer import OVERWRITE_HINT, may_replace, move_into_place


class AttachmentDownloads:
    def __init__(self, run: RunContext) -> None:
        self.run = run
        self.attachment_paths = {known[0] for known in run.state.attachments.values()}
        try:
            self.store = read_settings(run.root).attachment_store
        except SettingsInvalid:
            self.store = None  # the check at the end of the run names the setting

    def download(
        self, file: dict[str, Any], paper_stem: str, used: set[str | None], notes: Notes
    ) -> str | dict[str, Any] | None:
        """The Anlage in data/anlagen/ (a path relative to that folder) or in the Anlagen-Ablage (the entry's
        fields); None falls back to its address."""
        run, state = self.run, self.run.state
        url = file.get("downloadUrl") or file.get("accessUrl")
        if not url:
            return None
        file_id = file["id"]
        known = state.attachments.get(file_id)
        modified = str(file.get("modified") or file.get("size") or "")
        if self.store is not None:
            return self._into_store(file, url, known, modified, notes)
        wanted = file[VENDOR]["datei"]
        if known:
            relative = known[0]
        elif wanted and _safe_attachment_path(wanted, run.body_id) and wanted not in used:
            relative = wanted  # where the exporting Bürgerinfo kept it
        else:
            taken = self.attachment_paths | used
            name = attachment_file_name(file)
            base, dot, suffix = name.rpartition(".")
            candidate = f"{run.body_id}/{paper_stem}/{name}"
            number = 2
            while candidate in taken or (run.root / "data" / ATTACHMENTS_DIR / candidate).exists():
                candidate = f"{run.body_id}/{paper_stem}/{base or name}-{number}{dot}{suffix if base else ''}"
                number += 1
            relative = candidate
        target = f"data/{ATTACHMENTS_DIR}/{relative}"
        current = file_hash(run.root / target)
        if known and known[1] == modified and current is not None and state.owns(target, current):
            run.report.file("Anlage", "unverändert", target)
            return relative
        if current is not None and not may_replace(state, target, run.options.overwrite):
            run.report.file("Anlage", "übersprungen", target, f"von Hand ersetzt – nicht überschrieben ({OVERWRITE_HINT})")
            return relative
        download = self._fetch(file, url, (run.root / target).parent, notes)
        if download is None:
            return None
        digest = hash_from_sha256(download.digests["sha256"])
        if current == digest:
            download.path.unlink()
            run.report.file("Anlage", "unverändert", target)
        else:
            move_into_place(state, download.path, target, digest)
            run.report.file("Anlage", "angelegt" if current is None else "geändert", target)
        if known != [relative, modified]:
            state.record({"anlage": file_id, "datei": relative, "geaendert": modified})
            self.attachment_paths.add(relative)
        return relative


    def _into_store(
        self, file: dict[str, Any], url: str, known: list[Any] | None, modified: str, notes: Notes
    ) -> dict[str, Any] | None:
        run, store, file_id = self.run, self.store, file["id"]
        earlier = object_name(known[2], known[3]) if known and len(known) == 5 else None
        if earlier and known[1] == modified and store.file(earlier).is_file():
            run.report.file("Anlage", "unverändert", f"Anlagen-Ablage {earlier}")
            return {"ablage": known[2], "dateiname": known[3], "groesse": known[4]}
        name = attachment_file_name(file)
        if "." not in name:
            notes.note("Anlagen ohne Dateiendung (Adresse statt Datei eingetragen)", file_id)
            return None
        download = self._fetch(file, url, store.folder, notes)  # a temporary file there: renamed, never copied
        if download is None:
            return None
        # The check judges files of the Ablage by their name only, so their content is judged here, once.
        verdict = classify(name, _head(download.path))
        if not verdict.allowed:
            download.path.unlink()
            notes.note("Anlagen, die die Website nicht veröffentlicht (Adresse statt Datei eingetragen)",
                       f"{file_id}: {verdict.message}")
            return None
        digest = DIGEST_PREFIX + download.digests["sha256"]
        stored = object_name(digest, name)
        target = store.file(stored)
        if target.is_file():
            download.path.unlink()  # the same content is there already: objects never change
            run.report.file("Anlage", "unverändert", f"Anlagen-Ablage {stored}")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(download.path, target)
            run.report.file("Anlage", "angelegt", f"Anlagen-Ablage {stored}")
        entry = [None, modified, digest, name, download.size]
        if known != entry:
            run.state.record({"anlage": file_id, "geaendert": modified, "ablage": entry[2:]})
        return {"ablage": digest, "dateiname": name, "groesse": download.size}

    def _fetch(self, file: dict[str, Any], url: str, folder: Any, notes: Notes) -> Any:
        """The File downloaded into `folder` with its checksums checked; None (noted, reported) if not."""
        try:
            download = self.run.client.download(url, folder)
        except FetchError as exc:
            notes.note("Anlagen nicht ladbar (Adresse statt Datei eingetragen)", file["id"])
            self.run.report.not_found(url, "File", exc.message.removeprefix(f"{url}: "))
            return None
        return download if _checksums_match(file, download, notes) else None


def _checksums_match(file: dict[str, Any], download: Any, notes: Notes) -> bool:
    """Whether a download has the SHA-1/SHA-512 the server states; a mismatch is deleted and noted."""
    expected = {"sha1": file.get("sha1Checksum"), "sha512": file.get("sha512Checksum")}
    if any(value and value.lower() != download.digests[name] for name, value in expected.items()):
        download.path.unlink()
        notes.note("Anlagen mit falscher Prüfsumme (Adresse statt Datei eingetragen)", file["id"])
        return False
    return True


def _head(path: Any) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(2048)


def _safe_attachment_path(path: str, body_id: str) -> bool:
    """A path from a foreign server may name a place in data/anlagen/ only inside the Körperschaft's folder."""
    parts = path.split("/")
    return (
        len(parts) >= 2
        and parts[0] == body_id
        and all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", part) and ".." not in part for part in parts)
    )


def attachment_file_name(file: dict[str, Any]) -> str:
    """A safe file name for a downloaded Anlage, keeping its extension."""
    name = file.get("fileName") or ""
    if not name:
        url = file.get("downloadUrl") or file.get("accessUrl") or ""
        name = urllib.parse.unquote(urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1])
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())[:8]
    base = slugify(stem or file_title(file), 80) or "anlage"
    return f"{base}.{suffix}" if suffix else base
