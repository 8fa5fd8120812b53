"""The number and file of each Vorlage: chosen once, kept in the state file, never twice in one Körperschaft.

File names follow the project's convention (`0042/2019` -> `0042-2019.yml`); a Paper
without a number is named after the last part of its OParl id. Once chosen, a name is
kept in the state file, so a Vorlage keeps its address even if the server renumbers it.
A file of the same number that editors made by hand keeps its place: the import names
it as skipped instead of writing a second one.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from buergerinfo.model.placement import year_of
from buergerinfo.model.references import reference_slug
from buergerinfo.model.structure import PAPERS_DIR
from buergerinfo.reading.patterns import PatternRefused, matches_number_format
from buergerinfo.importers.body_file import BodyFile
from buergerinfo.importers.names import fallback_file_name, unique
from buergerinfo.importers.notes import Notes
from buergerinfo.importers.quirks import VENDOR
from buergerinfo.importers.state import ImportState

_NUMBER_LINE = re.compile(r"^nummer:[ \t]*(['\"]?)(.*?)\1[ \t]*(?:#.*)?$", re.MULTILINE)


class PaperNames:
    """Which Vorlagen-Nr. and file each Paper has, for this run."""

    def __init__(self, root: Path, body_id: str, state: ImportState, body_file: BodyFile) -> None:
        self.root = root
        self.state = state
        self.body_file = body_file  # its `nummernformat` and `ablage`, as they stand when a Paper comes
        self.folder = f"data/{PAPERS_DIR}/{body_id}"
        self.numbers: dict[str, str] = {}  # Vorlagen-Nr. -> Paper id that carries it
        self.paths: dict[str, str] = {}  # file -> Paper id
        for paper_id, (path, number) in state.papers.items():
            self.paths[path] = paper_id
            if number:
                self.numbers[number] = paper_id
        self.foreign_paths: set[str] = set()
        self.foreign_numbers: dict[str, str] = {}  # numbers in files the import did not write
        self._scan_foreign()
        # File names are unique per Körperschaft (they are the page address), whatever folder a file is in.
        self.stems = {stem_of(path) for path in (*self.paths, *self.foreign_paths)}

    def _scan_foreign(self) -> None:
        """Files in the Körperschaft's folder that the import did not write: their names and numbers."""
        folder = self.root / self.folder
        if not folder.is_dir():
            return
        for path in sorted(folder.rglob("*.y*ml")):
            relative = path.relative_to(self.root).as_posix()
            if relative in self.paths:
                continue
            self.foreign_paths.add(relative)
            match = _NUMBER_LINE.search(path.read_text(encoding="utf-8", errors="replace"))
            if match and match.group(2):
                self.foreign_numbers.setdefault(match.group(2), relative)

    def choose(self, paper: dict[str, Any], notes: Notes) -> tuple[str | None, list[str], str]:
        """The Vorlagen-Nr. to write, notes for `hinweise`, and the file (from the project's root)."""
        reference, hints = self.number(paper, notes)
        return reference, hints, self.path_for(paper, reference)

    def number(self, paper: dict[str, Any], notes: Notes) -> tuple[str | None, list[str]]:
        """The Vorlagen-Nr. to write (None if another Vorlage already carries it), and notes for `hinweise`."""
        paper_id, reference = paper["id"], paper.get("reference")
        previous = self.state.papers.get(paper_id)
        if previous and previous[1] and previous[1] != reference and self.numbers.get(previous[1]) == paper_id:
            del self.numbers[previous[1]]  # renumbered on the server: the old number is free again
        if not reference:
            return None, []
        if self.numbers.get(reference, paper_id) != paper_id:
            notes.note("Vorlagen mit einer Nummer, die schon eine andere trägt (ohne Nummer übernommen)", paper_id)
            return None, [f"Im alten Ratsinformationssystem trägt auch eine andere Vorlage die Nummer {reference}."]
        self.numbers[reference] = paper_id
        self._check_number_format(reference, notes)
        return reference, []

    def path_for(self, paper: dict[str, Any], reference: str | None) -> str:
        known = self.state.papers.get(paper["id"])
        if known and known[0]:
            return known[0]
        if reference and reference in self.foreign_numbers:
            return self.foreign_numbers[reference]  # typed in by hand before: named in the report, not duplicated
        # The exporting Bürgerinfo's own file name first, so a Vorlage keeps its address when it moves.
        stem = paper[VENDOR]["id"] or (reference_slug(reference) if reference else "")
        stem = stem or fallback_file_name(paper)
        return f"{self.folder_for(paper, reference)}/{unique(stem, self.stems)}.yml"

    def folder_for(self, paper: dict[str, Any], reference: str | None) -> str:
        """The Körperschaft's folder, or its year folder when it files by year (`ablage: jahresordner`)."""
        if self.body_file.data.get("ablage") != "jahresordner":
            return self.folder
        try:
            date = dt.date.fromisoformat(str(paper.get("date") or "")[:10])
        except ValueError:
            date = None
        # Without a date or a year in the number, the year of the import: the state file keeps the choice.
        return f"{self.folder}/{year_of(date, reference) or dt.date.today().year}"

    def taken(self, paper_id: str, relative: str) -> None:
        """`relative` is now the file of `paper_id`."""
        self.paths[relative] = paper_id
        self.stems.add(stem_of(relative))

    def released(self, paper_id: str, relative: str, number: str | None) -> None:
        """The Vorlage of `paper_id` was removed: its file and number are free again."""
        self.paths.pop(relative, None)
        if number and self.numbers.get(number) == paper_id:
            del self.numbers[number]

    def _check_number_format(self, reference: str, notes: Notes) -> None:
        pattern = self.body_file.data.get("nummernformat")
        try:
            fits = not pattern or matches_number_format(pattern, reference)
        except PatternRefused:
            fits = True  # the check reports the pattern itself
        if not fits:
            notes.note(
                "Vorlagen-Nummern, die nicht zum nummernformat der Körperschaft passen (nummernformat anpassen "
                "oder entfernen, sonst schlägt die Prüfung fehl)",
                reference,
            )


def stem_of(relative: str) -> str:
    return relative.rsplit("/", 1)[-1].rsplit(".", 1)[0]
