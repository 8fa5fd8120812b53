"""The checks of data/personen/<körperschaft>.yml and of the Vorlagen that name its Personen and Fraktionen.

A part of the loader (`buergerinfo.checking.archive`), kept apart by job. The Personen files are
read after the Körperschaften and before the Vorlagen, so each Vorlage (in its own worker) can
check `einreicher`, `abstimmung_fraktionen` and `namentliche_abstimmung` against them.

Privacy first: contact data and photos are personal data beyond the mandate; German law (DSGVO
Art. 6) allows publishing them only with the person's consent. A file that has them without a
recorded `einwilligung` (and a photo without `lizenz`) is refused, naming the field.
"""

from __future__ import annotations

from pathlib import Path

from buergerinfo.checking.messages import unknown
from buergerinfo.model.paper import Paper
from buergerinfo.model.people import CONTACT_FIELDS, PeopleFile
from buergerinfo.model.structure import PEOPLE_DIR, PeopleRecord
from buergerinfo.reading.yamldocument import Path_, YamlDocument

CONSENT_WHY = (
    "Kontaktdaten und Fotos sind keine Angaben des Mandats; veröffentlicht werden dürfen sie nur mit "
    "Einwilligung der Person (DSGVO Art. 6 Abs. 1 a)"
)


class PeopleChecks:
    """Mixed into the loader, whose `read`, `problem`, `archive` and `body_or_problem` these use."""

    def load_people(self, path: Path) -> None:
        loaded = self.read(path, PeopleFile)
        if not loaded:
            self.broken_people.add(path.stem)
            return
        people, document = loaded
        source = self.relative(path)
        if people.body != path.stem:
            self.problem(
                source,
                document.position_of(("koerperschaft", "__value__")),
                ("koerperschaft",),
                f"die Datei heißt „{path.name}“, nennt aber die Körperschaft „{people.body}“; je Körperschaft "
                f"eine Datei data/{PEOPLE_DIR}/<körperschaft>.yml – erwartet: koerperschaft: {path.stem}",
            )
            self.broken_people.update((path.stem, people.body))
            return
        body = self.body_or_problem(source, document, people.body, ("koerperschaft",))
        self._check_keys(source, document, people)
        self._check_privacy(source, document, people)
        terms = [t.id for t in people.legislative_terms]
        groups = [g.id for g in people.groups]
        for index, person in enumerate(people.persons):
            for number, membership in enumerate(person.memberships):
                where: Path_ = ("personen", index, "mitgliedschaften", number)
                if membership.organization and body:
                    self.check_organization(source, document, body, membership.organization, where + ("gremium",))
                for key, value, known, kind in (
                    ("fraktion", membership.group, groups, "unbekannte Fraktion"),
                    ("fuer_fraktion", membership.on_behalf_of, groups, "unbekannte Fraktion"),
                    ("wahlperiode", membership.legislative_term, terms, "unbekannte Wahlperiode"),
                ):
                    if value is not None and value not in known:
                        self._unknown(source, document, where + (key,), kind, value, known)
        if body:
            self.archive.people[people.body] = PeopleRecord(people.body, source, people)

    def _unknown(self, source, document, path: Path_, kind: str, value: str, known: list[str]) -> None:
        self.problem(
            source,
            document.position_of(path + ("__value__",)),
            path,
            unknown(kind, value, known, listing="bekannt"),
        )

    def _check_keys(self, source: str, document: YamlDocument, people: PeopleFile) -> None:
        for list_key, entries, what in (
            ("wahlperioden", people.legislative_terms, "Wahlperiode"),
            ("fraktionen", people.groups, "Fraktion"),
            ("personen", people.persons, "Person"),
        ):
            seen: set[str] = set()
            for index, entry in enumerate(entries):
                if entry.id in seen:
                    where = (list_key, index, "id")
                    self.problem(
                        source, document.position_of(where + ("__value__",)), where,
                        f"Schlüssel „{entry.id}“ kommt doppelt vor; jede {what} braucht einen eigenen",
                    )
                seen.add(entry.id)

    def _check_privacy(self, source: str, document: YamlDocument, people: PeopleFile) -> None:
        aliases = {"email": "email", "phone": "telefon", "address": "anschrift", "website": "website"}
        for index, person in enumerate(people.persons):
            contact = person.contact
            if contact is not None and contact.consent is None:
                for attribute, key in aliases.items():
                    if key in CONTACT_FIELDS and getattr(contact, attribute):
                        where = ("personen", index, "kontakt", key)
                        self.problem(
                            source, document.position_of(where + ("__value__",)), where,
                            f"„{key}“ ohne Einwilligung: {CONSENT_WHY}. Bitte `kontakt: einwilligung: datum: "
                            "JJJJ-MM-TT` eintragen (Tag der schriftlichen Einwilligung) oder die Angabe löschen",
                        )
            photo = person.photo
            if photo is not None:
                where = ("personen", index, "foto")
                if photo.consent is None:
                    self.problem(
                        source, document.position_of(where + ("datei", "__value__")), where + ("datei",),
                        f"Foto ohne Einwilligung: {CONSENT_WHY}. Bitte `foto: einwilligung: datum: JJJJ-MM-TT` "
                        "eintragen oder das Foto löschen",
                    )
                if not photo.licence:
                    self.problem(
                        source, document.position_of(where + ("datei", "__value__")), where + ("datei",),
                        "Foto ohne Lizenz: ein Foto darf nur mit einer Lizenz veröffentlicht werden, die das "
                        "erlaubt (z. B. `lizenz: CC BY 4.0`, mit `urheber`)",
                    )
                else:
                    self.check_attachment(source, document, photo.path, where + ("datei",), self.root / "data")

    def check_people_references(self, source: str, document: YamlDocument, paper: Paper) -> None:
        """Einreicher, Fraktionen and Personen that a Vorlage names by key must exist in its Körperschaft's file."""
        if paper.body in self.broken_people:
            return  # the Personen file has its own errors; nothing to compare with
        record = self.archive.people.get(paper.body)
        persons = [p.id for p in record.people.persons] if record else []
        groups = [g.id for g in record.people.groups] if record else []
        note = f"Personen und Fraktionen stehen in data/{PEOPLE_DIR}/{paper.body}.yml"
        references: list[tuple[Path_, str, list[str], str]] = []
        for index, originator in enumerate(paper.originators):
            if originator.person:
                references.append((("einreicher", index, "person"), originator.person, persons, "unbekannte Person"))
            if originator.group:
                references.append((("einreicher", index, "fraktion"), originator.group, groups, "unbekannte Fraktion"))
        for index, consultation in enumerate(paper.consultations):
            for number, vote in enumerate(consultation.group_votes):
                where = ("beratungsfolge", index, "abstimmung_fraktionen", number, "fraktion")
                references.append((where, vote.group, groups, "unbekannte Fraktion"))
            for number, vote in enumerate(consultation.named_votes):
                where = ("beratungsfolge", index, "namentliche_abstimmung", number, "person")
                references.append((where, vote.person, persons, "unbekannte Person"))
        for where, value, known, kind in references:
            if value not in known:
                self.problem(
                    source,
                    document.position_of(where + ("__value__",)),
                    where,
                    unknown(kind, value, known, listing="bekannt", note=note, list_when_close=False),
                )
