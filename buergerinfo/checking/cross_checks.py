"""The checks that need every Vorlage at once: unique files and numbers, references, dossiers, redirects.

A part of the loader (`buergerinfo.checking.archive`); they run again after every edit while a
preview serves, on the records kept from each file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from buergerinfo.checking.messages import unknown
from buergerinfo.model.structure import TOPICS_FILE, DossierRecord, PaperRecord, paper_address
from buergerinfo.reading.yamldocument import Path_, Position, YamlDocument


class CrossChecks:
    """Mixed into the loader, whose `problem`, `archive` and broken-file sets these use."""

    def check_unique_ids(self) -> None:
        seen: dict[tuple[str, str], PaperRecord] = {}
        for record in self.archive.papers:
            first = seen.get(record.key)
            if first is None:
                seen[record.key] = record
            elif Path(first.source).parent != Path(record.source).parent:
                # With year folders the same file can end up twice, e.g. after a move by hand.
                self.duplicate_files.add(record.source)
                self.problem(
                    record.source,
                    (1, 1),
                    (),
                    f"dieselbe Vorlage „{record.id}“ liegt in zwei Ordnern: {first.source} und {record.source}; "
                    "die Seite hätte zweimal dieselbe Adresse – bitte eine der beiden Dateien löschen",
                )
            else:
                self.problem(
                    record.source,
                    (1, 1),
                    (),
                    f"Dateiname „{record.id}“ wird in {record.body_id} schon von {first.source} "
                    "verwendet; er muss je Körperschaft eindeutig sein",
                )

    def check_numbers(self, references: dict[tuple[str, str], list[tuple[PaperRecord, Position]]]) -> None:
        for (_, number), holders in references.items():
            for record, position in holders[1:]:
                if record.source in self.duplicate_files:
                    continue  # the same Vorlage twice: reported once, as such
                self.problem(
                    record.source,
                    position,
                    ("nummer",),
                    f"Vorlagen-Nr. „{number}“ ist in dieser Körperschaft schon vergeben ({holders[0][0].source})",
                )

    def check_related(self, links, references) -> None:
        for record, index, target, position in links:
            if target == record.paper.reference:
                self.problem(record.source, position, ("bezuege", index), "eine Vorlage kann nicht auf sich selbst verweisen")
            elif record.body_id not in self.archive.bodies:
                continue  # the unknown Körperschaft is reported; its numbers cannot be checked
            elif (record.body_id, target) not in references and not self.is_broken_paper(record.body_id, target):
                self.problem(
                    record.source,
                    position,
                    ("bezuege", index),
                    self.unknown_paper(record.body_id, target, references),
                    severity=self.unknown_paper_severity,
                )

    @property
    def unknown_paper_severity(self) -> str:
        # Without the folder of nicht öffentliche Vorlagen an unknown number may be one of them.
        return "Warnung" if self.confidential_missing else "Fehler"

    def unknown_paper(self, body_id: str, number: str, references) -> str:
        known = sorted(n for (b, n) in references if b == body_id)
        name = self.archive.bodies[body_id].body.name
        if len(known) <= 20:
            return unknown(
                "unbekannte Vorlage", number, known, listing=f"Vorlagen-Nummern von {name}", list_when_close=False
            )
        # A large archive: look for the typo among numbers of about the same length only.
        similar = [n for n in known if abs(len(n) - len(number)) <= 1]
        return unknown("unbekannte Vorlage", number, similar, listing="", note=f"keine Vorlage von {name} hat diese Nummer")

    def check_dossier(self, record: DossierRecord, document: YamlDocument, references) -> None:
        dossier, source = record.dossier, record.source
        body = self.body_or_problem(source, document, dossier.body, ("koerperschaft",))
        if dossier.topic not in self.archive.topics and not self.topics_broken:
            self.problem(
                source,
                document.position_of(("thema", "__value__")),
                ("thema",),
                unknown(
                    "unbekanntes Thema",
                    dossier.topic,
                    sorted(self.archive.topics),
                    listing="bekannt",
                    note=f"Themen stehen in data/{TOPICS_FILE}",
                ),
            )
        previous: dt.date | None = None
        for index, milestone in enumerate(dossier.milestones):
            path = ("verlauf", index)
            if milestone.date is None and milestone.period is None:
                self.problem(source, document.position_of(path), path, "`datum` oder `zeitraum` angeben")
            if milestone.date and previous and milestone.date < previous:
                self.problem(
                    source,
                    document.position_of(path + ("datum", "__value__")),
                    path + ("datum",),
                    f"der Verlauf muss zeitlich geordnet sein: {milestone.date:%d.%m.%Y} steht nach "
                    f"{previous:%d.%m.%Y}",
                )
            previous = milestone.date or previous
            if milestone.organization and body:
                self.check_organization(source, document, body, milestone.organization, path + ("gremium",))
            if milestone.paper:
                self.check_paper_reference(source, document, dossier.body, milestone.paper, path + ("vorlage",), references)
        for index, measure in enumerate(dossier.measures):
            if measure.paper:
                path = ("massnahmen", index, "vorlage")
                self.check_paper_reference(source, document, dossier.body, measure.paper, path, references)
        for index, item in enumerate(dossier.documents):
            path = ("dokumente", index)
            if item.path:
                self.check_attachment(source, document, item.path, path + ("datei",))
            elif item.store:
                self.check_stored(source, document, item, path)
            if item.organization and body:
                self.check_organization(source, document, body, item.organization, path + ("gremium",))

    def check_paper_reference(self, source, document, body_id, number, path, references) -> None:
        if body_id not in self.archive.bodies:
            return  # reported once as unknown Körperschaft
        if (body_id, number) not in references and not self.is_broken_paper(body_id, number):
            self.problem(
                source,
                document.position_of(path + ("__value__",)),
                path,
                self.unknown_paper(body_id, number, references),
                severity=self.unknown_paper_severity,
            )

    def check_redirects(self) -> None:
        """Old addresses lead to a Vorlage that exists, and never hide one."""
        document = self.redirects_document
        if document is None:
            return
        source = self.redirects_source
        addresses = {paper_address(r.body_id, r.id): r for r in self.archive.papers}
        seen: dict[str, int] = {}
        for index, redirect in enumerate(self.redirects_list):
            path: Path_ = ("weiterleitungen", index)

            def flag(field: str, message: str) -> None:
                self.problem(source, document.position_of(path + (field, "__value__")), path + (field,), message)

            if redirect.old in addresses:
                flag(
                    "von",
                    f"unter „{redirect.old}“ gibt es die Vorlage {addresses[redirect.old].source}; "
                    "eine Weiterleitung würde sie verdecken – bitte diesen Eintrag löschen",
                )
            if redirect.old in seen:
                flag(
                    "von",
                    f"die Adresse „{redirect.old}“ wird schon in weiterleitungen[{seen[redirect.old] + 1}] "
                    "weitergeleitet; jede alte Adresse nur einmal",
                )
            seen.setdefault(redirect.old, index)
            if redirect.new not in addresses:
                flag("nach", unknown("keine Vorlage unter der Adresse", redirect.new, sorted(addresses), listing=""))
        self.archive.redirects = [r for r in self.redirects_list if r.new in addresses and r.old not in addresses]
