"""Papers -> Vorlage files in data/vorlagen/<körperschaft>/, one pipeline per Paper.

Each Paper comes clean from `source` (its quirks and `buergerinfo:` fields read once, by
`quirks`), then goes one way: `paper_names` chooses its number and file, `paper_facts`
gathers what the run knows about it (Sitzungen, Gremien, related numbers, downloads),
`mapping.map_paper` turns both into the Vorlage's content, and `write` checks, renders and
writes it, records it in the state and hands what the report is to count to the report.

The lists are walked page by page; the position is journaled after each page, so an
interrupted import continues there.
"""

from __future__ import annotations

from typing import Any

from buergerinfo.model.paper import Paper
from buergerinfo.model.placement import paper_schema_name
from buergerinfo.importers.mapping import MappedPaper, map_paper
from buergerinfo.importers.notes import Notes
from buergerinfo.importers.paper_facts import PaperFactFinder
from buergerinfo.importers.paper_names import PaperNames
from buergerinfo.importers.run_context import RunContext
from buergerinfo.importers.state import remove_file
from buergerinfo.importers.writer import (
    OVERWRITE_HINT,
    InvalidData,
    checked_text,
    comment_safe,
    may_replace,
    schema_comment,
    write_owned,
)

KIND = "Vorlage"


class PaperWriter:
    def __init__(self, run: RunContext) -> None:
        self.run = run
        self.state = run.state
        self.report = run.report
        self.results = run.body_file.result_table()
        # The report groups what is left by the same vocabulary the mapping used.
        self.report.results.result_words = self.results.result_words
        self.report.results.gremien = self.results.gremien
        self.names = PaperNames(run.root, run.body_id, run.state, run.body_file)
        self.facts = PaperFactFinder(run)
        self.count = 0

    # -- the lists of Papers --

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
        for consultation_id in sorted(self.run.refresh - self.facts.done_consultations):
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

    # -- one Paper: name, gather, map, write --

    def process(self, paper: dict[str, Any], final: bool = False) -> None:
        self.run.done_papers.add(paper["id"])
        self.count += 1
        if paper.get("deleted"):
            self.deleted(paper)
            return
        notes = Notes()
        reference, hints, relative = self.names.choose(paper, notes)
        facts = self.facts.gather(paper, reference, relative, hints, notes, final)
        if facts.confidential:
            relative = self.confidential(paper["id"], reference, relative)
            if relative is None:
                return
            facts.relative = relative
        mapped = map_paper(paper, facts, self.run.body_id, self.results)
        self.write(paper["id"], reference, relative, mapped)

    # -- discussed only behind closed doors --

    def confidential(self, paper_id: str, reference: str | None, relative: str) -> str | None:
        """Where a nicht öffentliche Vorlage goes: the confidential folder (`--nicht-oeffentliche ablegen`), or
        nowhere (the default). Never data/: a public repository shows every file it holds. Only its OParl id
        (and, filed, its number and file) reach the report and the state, never its Betreff."""
        known = self.state.papers.get(paper_id)
        public_file = known[0] if known and known[0].startswith("data/") else None
        if public_file and may_replace(self.state, public_file, self.run.options.overwrite):
            remove_file(self.state, public_file)  # written by an import before this rule: out of data/
            self.report.file(KIND, "entfernt", public_file)
            self.report.note("Nicht öffentliche Vorlagen eines früheren Imports aus data/ entfernt", paper_id)
        elif public_file:
            self.report.note("Nicht öffentliche Vorlagen in data/, von Hand geändert: bitte selbst entfernen "
                             f"({OVERWRITE_HINT})", paper_id)
        if self.run.options.confidential != "ablegen":
            self.names.released(paper_id, relative, reference)
            if known:
                self.state.record({"vorlage_weg": paper_id})
            self.report.note("Nicht öffentliche Vorlagen (nur in nicht öffentlicher Sitzung beraten): ausgelassen; "
                             "--nicht-oeffentliche ablegen legt sie im Ordner für nicht öffentliche Vorlagen ab",
                             paper_id)
            return None
        self.report.note(f"Nicht öffentliche Vorlagen (nur in nicht öffentlicher Sitzung beraten): abgelegt in "
                         f"{self.state.private_dir}/", paper_id)
        if known and not public_file:
            return known[0]
        return f"{self.state.private_dir}/{relative.removeprefix('data/')}"

    def write(self, paper_id: str, reference: str | None, relative: str, mapped: MappedPaper) -> None:
        """The Vorlage into its file (unless it is invalid or edited by hand), the state, and the report."""
        self.report.take(mapped.notes)
        self.run.body_file.ensure_paper_type(mapped.paper_type)
        try:
            text = checked_text(mapped.data, self.header(paper_id, relative), Paper)
        except InvalidData as exc:
            self.report.file(KIND, "übersprungen", relative, f"ergibt keine gültige Vorlage ({exc.reason})")
            return
        self.run.body_file.flush()  # the Gremien and Vorlagenart the Vorlage names, before the Vorlage
        if self.state.papers.get(paper_id) != [relative, reference]:
            self.state.record({"vorlage": paper_id, "datei": relative, "nummer": reference})
        self.names.taken(paper_id, relative)
        write_owned(self.state, self.report, KIND, relative, text, self.run.options.overwrite)

    def header(self, paper_id: str, relative: str) -> list[str]:
        return [
            # The Körperschaft's own schema: editors' tools then know its Gremien and result words.
            schema_comment(relative, paper_schema_name(self.run.body_id)),
            f"Importiert aus OParl: {comment_safe(paper_id)}",
            "Von Hand geändert, überschreibt der nächste Import diese Datei nicht (er nennt sie dann).",
        ]

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
        self.names.released(paper["id"], relative, known[1])
        self.report.file(KIND, "entfernt", relative)
        self.report.deleted.append(f"{relative}: entfernt")
