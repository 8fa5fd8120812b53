"""Papers -> Vorlage files in data/vorlagen/<körperschaft>/, with Beratungsfolge, Anlagen and Bezüge.

File names follow the project's convention (`0042/2019` -> `0042-2019.yml`); a Paper
without a number is named after the last part of its OParl id. Once chosen, a name is
kept in the state file, so a Vorlage keeps its address even if the server renumbers it.
A file of the same number that editors made by hand is not overwritten: the import
names it and goes on.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from buergerinfo.model.paper import Paper
from buergerinfo.reading.patterns import PatternRefused, matches_number_format
from buergerinfo.model.placement import paper_schema_name, year_of
from buergerinfo.model.references import reference_slug
from buergerinfo.model.structure import ATTACHMENTS_DIR, PAPERS_DIR
from buergerinfo.importers.http import FetchError
from buergerinfo.importers.mapping import attachment_entry, attachment_file_name, consultation_entry, paper_data
from buergerinfo.importers.names import fallback_file_name, unique
from buergerinfo.importers.quirks import VENDOR
from buergerinfo.importers.state import file_hash, hash_from_sha256, remove_file
from buergerinfo.importers.run_context import RunContext
from buergerinfo.importers.writer import (
    OVERWRITE_HINT,
    RenderError,
    comment_safe,
    may_replace,
    move_into_place,
    plain,
    render_yaml,
    schema_comment,
    write_owned,
)

KIND = "Vorlage"
_NUMBER_LINE = re.compile(r"^nummer:[ \t]*(['\"]?)(.*?)\1[ \t]*(?:#.*)?$", re.MULTILINE)


class PaperWriter:
    def __init__(self, run: RunContext) -> None:
        self.run = run
        self.state = run.state
        self.report = run.report
        self.folder = f"data/{PAPERS_DIR}/{run.body_id}"
        self.results = run.body_file.result_table()
        self.numbers: dict[str, str] = {}  # Vorlagen-Nr. -> Paper id that carries it
        self.paths: dict[str, str] = {}  # file -> Paper id
        for paper_id, (path, number) in self.state.papers.items():
            self.paths[path] = paper_id
            if number:
                self.numbers[number] = paper_id
        self.foreign_paths: set[str] = set()
        self.foreign_numbers: dict[str, str] = {}  # numbers in files the import did not write
        self._scan_foreign()
        # File names are unique per Körperschaft (they are the page address), whatever folder a file is in.
        self.stems = {_stem(path) for path in (*self.paths, *self.foreign_paths)}
        self.attachment_paths = {known[0] for known in self.state.attachments.values()}
        self.done_consultations: set[str] = set()
        self.count = 0

    def _scan_foreign(self) -> None:
        """Files in the Körperschaft's folder that the import did not write: their names and numbers."""
        folder = self.run.root / self.folder
        if not folder.is_dir():
            return
        for path in sorted(folder.rglob("*.y*ml")):
            relative = path.relative_to(self.run.root).as_posix()
            if relative in self.paths:
                continue
            self.foreign_paths.add(relative)
            match = _NUMBER_LINE.search(path.read_text(encoding="utf-8", errors="replace"))
            if match and match.group(2):
                self.foreign_numbers.setdefault(match.group(2), relative)

    # -- the list of Papers --

    def walk(self, body: dict[str, Any]) -> None:
        run, progress = self.run, self.state.run or {}
        if progress.get("phase") == "vorlagen-fertig":
            return
        resume_at = progress.get("weiter_ab") if progress.get("phase") == "vorlagen" else None
        if resume_at:
            pages = run.source.pages(resume_at, "Paper")  # its address already carries the filter
        else:
            pages = run.source.pages(body["paper"], "Paper", run.list_params())
        for page, papers in pages:
            for paper in papers:
                self.process(paper)
            self.state.record({"phase": "vorlagen", "weiter_ab": page.next_url})
            run.progress(f"Vorlagen: {self.count} verarbeitet")
        self.state.record({"phase": "vorlagen-fertig", "weiter_ab": None})

    def refresh_changed_agenda(self) -> None:
        """On a later run: Vorlagen whose Tagesordnungspunkt changed (a result entered) but whose Paper did not."""
        for consultation_id in sorted(self.run.refresh - self.done_consultations):
            consultation = self.run.source.get(consultation_id, "Consultation")
            paper_id = consultation.get("paper") if consultation else None
            if not paper_id:
                self.report.note("Geänderte Tagesordnungspunkte ohne erreichbare Vorlage", consultation_id)
                continue
            if paper_id in self.run.done_papers:
                continue
            paper = self.run.source.get(paper_id, "Paper")
            if paper is not None:
                self.process(paper)

    def complete_pending(self) -> None:
        """Vorlagen whose related Vorlagen came later in the list: written again, now with their numbers."""
        for paper_id in sorted(self.state.pending):
            paper = self.run.source.get(paper_id, "Paper")
            if paper is not None:
                self.process(paper, final=True)

    # -- one Paper --

    def process(self, paper: dict[str, Any], final: bool = False) -> None:
        paper_id = paper["id"]
        self.run.done_papers.add(paper_id)
        self.count += 1
        if paper.get("deleted"):
            self.deleted(paper)
            return
        written, hints = self.number(paper)
        relative = self.path_for(paper, written)
        previous = self.state.papers.get(paper_id)
        if not paper.get("name"):
            self.report.note("Vorlagen ohne Betreff auf dem Server (als „Vorlage <Nummer>“ eingetragen)", paper_id)
        paper_type = paper.get("paperType")
        if not paper_type:
            paper_type = "Vorlage"
            self.report.note("Vorlagen ohne Art auf dem Server (als „Vorlage“ übernommen)", paper_id)
        self.run.body_file.ensure_paper_type(paper_type)
        consultations = [
            entry
            for index, consultation in enumerate(paper.get("consultation") or [])
            if (entry := self.consultation(consultation, consultation.get("id") or f"{paper_id}#{index}"))
        ]
        related, unresolved = self.related(paper, written, final)
        if unresolved and not final:
            self.state.record({"offen": paper_id})
        extra = dict(paper[VENDOR]["felder"])  # a copy: the clean Paper stays as it came in
        originators = [] if extra.get("einreicher") else self.originators(paper)
        if hints:
            extra["hinweise"] = "\n\n".join(part.strip() for part in (extra.get("hinweise"), *hints) if part)
        if paper[VENDOR]["themen"]:
            self.report.note("Vorlagen mit Themen-Dossiers der Quelle (Dossiers werden nicht übernommen)", paper_id)
        data = paper_data(
            paper,
            self.run.body_id,
            reference=written,
            paper_type=paper_type,
            originators=originators,
            under_direction_of=[n for n in map(self.run.organization_name, paper.get("underDirectionOf") or []) if n],
            consultations=consultations,
            attachments=self.attachments(paper, relative),
            related=related,
            extra=extra,
        )
        try:
            Paper.model_validate(plain(data))
            text = render_yaml(data, self.header(paper_id, relative))
        except (ValidationError, RenderError) as exc:
            reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            self.report.file(KIND, "übersprungen", relative, f"ergibt keine gültige Vorlage ({reason})")
            return
        self.run.body_file.flush()
        if previous != [relative, written]:
            self.state.record({"vorlage": paper_id, "datei": relative, "nummer": written})
        self.paths[relative] = paper_id
        self.stems.add(_stem(relative))
        write_owned(self.state, self.report, KIND, relative, text, self.run.options.overwrite)

    def header(self, paper_id: str, relative: str) -> list[str]:
        return [
            # The Körperschaft's own schema: editors' tools then know its Gremien and result words.
            schema_comment(relative, paper_schema_name(self.run.body_id)),
            f"Importiert aus OParl: {comment_safe(paper_id)}",
            "Von Hand geändert, überschreibt der nächste Import diese Datei nicht (er nennt sie dann).",
        ]

    def number(self, paper: dict[str, Any]) -> tuple[str | None, list[str]]:
        """The Vorlagen-Nr. to write (None if another Vorlage already carries it), and notes for `hinweise`."""
        paper_id, reference = paper["id"], paper.get("reference")
        previous = self.state.papers.get(paper_id)
        if previous and previous[1] and previous[1] != reference and self.numbers.get(previous[1]) == paper_id:
            del self.numbers[previous[1]]  # renumbered on the server: the old number is free again
        if not reference:
            return None, []
        if self.numbers.get(reference, paper_id) != paper_id:
            self.report.note("Vorlagen mit einer Nummer, die schon eine andere trägt (ohne Nummer übernommen)", paper_id)
            return None, [f"Im alten Ratsinformationssystem trägt auch eine andere Vorlage die Nummer {reference}."]
        self.numbers[reference] = paper_id
        self._check_number_format(reference)
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
        if self.run.body_file.data.get("ablage") != "jahresordner":
            return self.folder
        try:
            date = dt.date.fromisoformat(str(paper.get("date") or "")[:10])
        except ValueError:
            date = None
        # Without a date or a year in the number, the year of the import: the state file keeps the choice.
        return f"{self.folder}/{year_of(date, reference) or dt.date.today().year}"

    def _check_number_format(self, reference: str) -> None:
        pattern = self.run.body_file.data.get("nummernformat")
        try:
            fits = not pattern or matches_number_format(pattern, reference)
        except PatternRefused:
            fits = True  # the check reports the pattern itself
        if not fits:
            self.report.note(
                "Vorlagen-Nummern, die nicht zum nummernformat der Körperschaft passen (nummernformat anpassen "
                "oder entfernen, sonst schlägt die Prüfung fehl)",
                reference,
            )

    # -- parts of a Vorlage --

    def consultation(self, consultation: dict[str, Any], key: str) -> dict[str, Any] | None:
        run = self.run
        if consultation.get("deleted"):
            return None
        if consultation.get("id"):
            self.done_consultations.add(consultation["id"])
        if consultation.get("agendaItem"):
            agenda = run.agenda_item(consultation["agendaItem"])
        else:
            item_id = run.agenda_by_consultation.get(consultation.get("id"))
            agenda = run.agenda.get(item_id) if item_id else None
        meeting = run.meeting(consultation.get("meeting") or (agenda.meeting if agenda else None))
        if meeting is None or meeting.date is None:
            self.report.note("Beratungen ohne erreichbare Sitzung oder ohne Datum (nicht übernommen)", key)
            return None
        organizations = consultation.get("organization") or list(meeting.organizations)
        organization = next((k for k in map(run.organization_key, organizations) if k), None)
        if organization is None:
            self.report.note("Beratungen ohne erreichbares Gremium (nicht übernommen)", key)
            return None
        if len(organizations) > 1:
            self.report.note("Beratungen mehrerer Gremien (dem ersten zugeordnet)", key)
        return consultation_entry(consultation, organization, meeting, agenda, self.results, self.report, key)

    def originators(self, paper: dict[str, Any]) -> list[str]:
        """Names of originatorPerson and originatorOrganization (Bürgerinfo's own export has them with role)."""
        names = []
        for url in paper.get("originatorPerson") or []:
            person = self.run.source.get(url, "Person")
            if person:
                name = person.get("name") or " ".join(
                    p for p in (person.get("givenName"), person.get("familyName")) if p
                )
                if name:
                    names.append(name)
        for url in paper.get("originatorOrganization") or []:
            name = self.run.organization_name(url)
            if name:
                names.append(name)
        return list(dict.fromkeys(names))

    def related(self, paper: dict[str, Any], own: str | None, final: bool) -> tuple[list[str], bool]:
        """Numbers of the related Vorlagen, and whether some are not known yet (they may come later in the list)."""
        numbers, unresolved = [], False
        urls = [*paper.get("relatedPaper", []), *paper.get("superordinatedPaper", []),
                *paper.get("subordinatedPaper", [])]
        for url in dict.fromkeys(urls):
            known = self.state.papers.get(url)
            if known is None:
                unresolved = True
                if final:
                    self.report.note("Bezüge auf Vorlagen, die der Server nicht liefert (weggelassen)", f"{paper['id']} {url}")
                continue
            if known[1] is None:
                self.report.note("Bezüge auf Vorlagen ohne Nummer (weggelassen)", f"{paper['id']} {url}")
            elif known[1] != own and known[1] not in numbers:
                numbers.append(known[1])
        return numbers, unresolved

    def attachments(self, paper: dict[str, Any], relative: str) -> list[dict[str, Any]]:
        """Main file first, then the others, in the order the exporting Bürgerinfo had them (with those without file)."""
        files = [paper.get("mainFile"), *(paper.get("auxiliaryFile") or [])]
        placed: list[tuple[int, int, dict[str, Any]]] = []
        seen, used = set(), set()
        stem = _stem(relative)
        for index, file in enumerate(files):
            if not file or file.get("deleted") or file.get("id") in seen:
                continue
            seen.add(file.get("id"))
            local = self.download(file, stem, used) if self.run.options.files else None
            used.add(local)
            entry = attachment_entry(file, local)
            if entry is None:
                self.report.note("Anlagen ohne Adresse (weggelassen)", f"{relative} {file.get('id')}")
                continue
            position = file[VENDOR]["position"]
            placed.append((position if position is not None else index, index, entry))
        for position, entry in paper[VENDOR]["anlagen_ohne_datei"]:
            placed.append((position, len(files) + position, entry))
        return [entry for _, _, entry in sorted(placed, key=lambda item: item[:2])]

    def download(self, file: dict[str, Any], paper_stem: str, used: set[str | None]) -> str | None:
        """The Anlage in data/anlagen/, as a path relative to that folder; None falls back to its address."""
        run, state = self.run, self.state
        url = file.get("downloadUrl") or file.get("accessUrl")
        if not url:
            return None
        file_id = file["id"]
        known = state.attachments.get(file_id)
        modified = str(file.get("modified") or file.get("size") or "")
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
            self.report.file("Anlage", "unverändert", target)
            return relative
        if current is not None and not may_replace(state, target, run.options.overwrite):
            self.report.file("Anlage", "übersprungen", target, f"von Hand ersetzt – nicht überschrieben ({OVERWRITE_HINT})")
            return relative
        try:
            download = run.client.download(url, (run.root / target).parent)
        except FetchError as exc:
            self.report.note("Anlagen nicht ladbar (Adresse statt Datei eingetragen)", file_id)
            self.report.not_found(url, "File", exc.message.removeprefix(f"{url}: "))
            return None
        expected = {"sha1": file.get("sha1Checksum"), "sha512": file.get("sha512Checksum")}
        if any(value and value.lower() != download.digests[name] for name, value in expected.items()):
            download.path.unlink()
            self.report.note("Anlagen mit falscher Prüfsumme (Adresse statt Datei eingetragen)", file_id)
            return None
        digest = hash_from_sha256(download.digests["sha256"])
        if current == digest:
            download.path.unlink()
            self.report.file("Anlage", "unverändert", target)
        else:
            move_into_place(state, download.path, target, digest)
            self.report.file("Anlage", "angelegt" if current is None else "geändert", target)
        if known != [relative, modified]:
            state.record({"anlage": file_id, "datei": relative, "geaendert": modified})
            self.attachment_paths.add(relative)
        return relative

    # -- deleted on the server --

    def deleted(self, paper: dict[str, Any]) -> None:
        known = self.state.papers.get(paper["id"])
        if not known:
            return
        relative = known[0]
        if not self.run.options.remove_deleted:
            self.report.deleted.append(f"{relative}: behalten (mit --geloeschte-entfernen entfernen)")
            return
        if not may_replace(self.state, relative, self.run.options.overwrite):
            self.report.deleted.append(f"{relative}: von Hand geändert – nicht entfernt ({OVERWRITE_HINT})")
            return
        remove_file(self.state, relative)
        self.state.record({"vorlage_weg": paper["id"]})
        self.paths.pop(relative, None)
        if known[1] and self.numbers.get(known[1]) == paper["id"]:
            del self.numbers[known[1]]
        self.report.file(KIND, "entfernt", relative)
        self.report.deleted.append(f"{relative}: entfernt")



def _safe_attachment_path(path: str, body_id: str) -> bool:
    """A path from a foreign server may name a place in data/anlagen/ only inside the Körperschaft's folder."""
    parts = path.split("/")
    return (
        len(parts) >= 2
        and parts[0] == body_id
        and all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", part) and ".." not in part for part in parts)
    )


def _stem(relative: str) -> str:
    return relative.rsplit("/", 1)[-1].rsplit(".", 1)[0]
