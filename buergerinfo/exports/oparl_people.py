"""OParl Person, Organization (Fraktion) and Membership from data/personen/, for the OParl export.

`exports/oparl.py` writes the interface; this module gives it the objects of the Personen files:

- Person at `person/<körperschaft>/personen/<key>.json` (a folder of its own: the Persons that
  `oparl.py` makes of free-text Einreicher names keep their addresses), with its Memberships
  embedded (hash URIs `…#mitgliedschaft-<n>`), which the Organizations list by URL.
- Fraktion, Gruppe, Partei as Organization at `organization/<körperschaft>/fraktionen/<key>.json`,
  `classification` "Fraktion" (or Gruppe, Partei) and organizationType "Fraktion"/"Partei" as the
  specification names them (Gruppe: "Sonstiges").
- Wahlperioden as LegislativeTerm, embedded in the Body like the Gremien's.

Only what may be published: a person with `veroeffentlichen: false` is no object at all (the Vorlage
keeps their name in `buergerinfo:einreicher`); contact data only with consent and while the person is
active (PeopleViews.contact); the consent itself is never exported, nor the photo (no File for it yet).
What OParl lacks goes under `buergerinfo:` (the keys, the Stimmrecht default, Anrede parts).
"""

from __future__ import annotations

from typing import Any

from buergerinfo.exports.dates import ExportDates, Stamps
from buergerinfo.exports.oparl_urls import OParlIds, slug
from buergerinfo.exports.oparl_values import drop_empty, dump_model, vendor_fields
from buergerinfo.model.paper import Consultation
from buergerinfo.model.people import Group, PersonEntry
from buergerinfo.model.structure import BodyRecord, PaperRecord
from buergerinfo.views.people import PeopleViews
from buergerinfo.views.views import Views

SCHEMA = "https://schema.oparl.org/1.1/"
# OParl 1.1, Organization.organizationType: Gremium, Partei, Fraktion, Verwaltungsbereich, externes Gremium,
# Institution, Sonstiges.
ORGANIZATION_TYPES = {"Fraktion": "Fraktion", "Partei": "Partei", "Gruppe": "Sonstiges"}


class PeopleExport:
    def __init__(self, views: Views, ids: OParlIds, pages: Any, dates: ExportDates, absolute) -> None:
        self.people = PeopleViews(views)
        self.ids, self.pages, self.dates, self.absolute = ids, pages, dates, absolute

    # -- ids --

    def person_id(self, body_id: str, key: str) -> str:
        return self.ids._at(f"person/{body_id}/personen/{key}")

    def group_id(self, body_id: str, key: str) -> str:
        return self.ids._at(f"organization/{body_id}/fraktionen/{key}")

    def term_id(self, body_id: str, key: str) -> str:
        return f"{self.ids.body(body_id)}#wahlperiode-{slug(key)}"

    def _stamps(self, body: BodyRecord) -> dict[str, str]:
        record = self.people.views.archive.people.get(body.id)
        stamps: Stamps = (self.dates.history.of(record.source) if record else None) or self.dates.body(body)
        created, modified = stamps.iso()
        return {"created": created, "modified": modified}

    # -- objects --

    def legislative_terms(self, body: BodyRecord) -> list[dict[str, Any]]:
        return [
            drop_empty({
                "id": self.term_id(body.id, term.id),
                "type": SCHEMA + "LegislativeTerm",
                "body": self.ids.body(body.id),
                "name": term.name,
                "startDate": term.start.isoformat(),
                "endDate": term.end.isoformat() if term.end else None,
                **self._stamps(body),
                **vendor_fields({"id": term.id}),
            })
            for term in self.people.terms(body.id)
        ]

    def persons(self, body: BodyRecord) -> list[dict[str, Any]]:
        return [self._person(body, person) for person in self.people.persons(body.id)]

    def _person(self, body: BodyRecord, person: PersonEntry) -> dict[str, Any]:
        person_id = self.person_id(body.id, person.id)
        contact = self.people.contact(body.id, person)
        memberships = [
            self._membership(body, person_id, index, row.membership)
            # Numbered in the order of the data file: the ids stay when a membership ends.
            for index, row in enumerate(self.people.memberships(body.id, person, in_file_order=True), start=1)
        ]
        return drop_empty({
            "id": person_id,
            "type": SCHEMA + "Person",
            "body": self.ids.body(body.id),
            "name": person.display_name,
            "familyName": person.family_name,
            "givenName": person.given_name,
            "formOfAddress": person.form_of_address,
            "title": [person.title] if person.title else [],
            "email": [contact.email] if contact and contact.email else [],
            "phone": [contact.phone] if contact and contact.phone else [],
            "membership": memberships,
            "web": self.absolute(self.pages.person(body.id, person.id)),
            **self._stamps(body),
            **vendor_fields({"id": person.id}),
        })

    def _membership(self, body: BodyRecord, person_id: str, index: int, membership) -> dict[str, Any]:
        target = (
            self.ids.organization(body.id, membership.organization)
            if membership.organization
            else self.group_id(body.id, membership.group)
        )
        return drop_empty({
            "id": f"{person_id}#mitgliedschaft-{index}",
            "type": SCHEMA + "Membership",
            "person": person_id,
            "organization": target,
            "role": membership.role,
            "votingRight": membership.votes,
            "startDate": membership.start.isoformat() if membership.start else None,
            "endDate": membership.end.isoformat() if membership.end else None,
            "onBehalfOf": self.group_id(body.id, membership.on_behalf_of) if membership.on_behalf_of else None,
            **self._stamps(body),
            # `votingRight` says what holds; whether the data file said so itself is ours alone.
            **vendor_fields({"wahlperiode": membership.legislative_term, "stimmrecht": membership.voting_right}),
        })

    def membership_ids(self, body: BodyRecord) -> dict[str, list[str]]:
        """Organization id -> the ids of its Memberships (Gremien and Fraktionen)."""
        found: dict[str, list[str]] = {}
        for person in self.people.persons(body.id):
            person_id = self.person_id(body.id, person.id)
            for index, row in enumerate(self.people.memberships(body.id, person, in_file_order=True), start=1):
                ms = row.membership
                target = (
                    self.ids.organization(body.id, ms.organization) if ms.organization else self.group_id(body.id, ms.group)
                )
                found.setdefault(target, []).append(f"{person_id}#mitgliedschaft-{index}")
        return found

    def groups(self, body: BodyRecord) -> list[dict[str, Any]]:
        members = self.membership_ids(body)
        return [self._group(body, group, members) for group in self.people.groups(body.id)]

    def _group(self, body: BodyRecord, group: Group, members: dict[str, list[str]]) -> dict[str, Any]:
        group_id = self.group_id(body.id, group.id)
        return drop_empty({
            "id": group_id,
            "type": SCHEMA + "Organization",
            "body": self.ids.body(body.id),
            "name": group.name,
            "shortName": group.short_name,
            "organizationType": ORGANIZATION_TYPES[group.classification],
            "classification": group.classification,
            "membership": members.get(group_id, []),
            "startDate": group.start.isoformat() if group.start else None,
            "endDate": group.end.isoformat() if group.end else None,
            "website": group.website,
            "web": self.absolute(self.pages.group(body.id, group.id)),
            **self._stamps(body),
            **vendor_fields({"id": group.id, "beschreibung": group.description}),
        })

    # -- what a Vorlage says of them --

    def originators(self, record: PaperRecord) -> tuple[list[str], list[str]]:
        """originatorPerson and originatorOrganization of the Einreicher named by key (hidden persons: none)."""
        persons, organizations = [], []
        for originator in record.paper.originators:
            target = self.people.originator_target(record, originator)
            if target and target[0] == "person":
                persons.append(self.person_id(record.body_id, target[1]))
            elif target:
                organizations.append(self.group_id(record.body_id, target[1]))
        return persons, organizations

    def keyed(self, originator) -> bool:
        """An Einreicher named by key: no free-text Person object is made of its name."""
        return bool(originator.person or originator.group)

    def einreicher(self, record: PaperRecord, originator) -> dict[str, Any]:
        """The vendor field of one Einreicher named by key: its name (filled in by the public view) and, as for
        free-text Einreicher, `person` as the Person's URL (`organization` for a Fraktion), the data key under
        `schluessel`. A hidden person keeps only the name."""
        data = {"name": originator.name, "funktion": originator.role}
        target = self.people.originator_target(record, originator)
        if target and target[0] == "person":
            data |= {"person": self.person_id(record.body_id, target[1]), "schluessel": target[1]}
        elif target:
            data |= {"organization": self.group_id(record.body_id, target[1]), "schluessel": target[1]}
        return drop_empty(data)

    def votes(self, record: PaperRecord, consultation: Consultation) -> dict[str, Any]:
        """Vendor fields of an AgendaItem: votes per Fraktion and by name (a hidden person by name only)."""
        body_id = record.body_id
        named = []
        for vote in consultation.named_votes:
            person = self.people.person(body_id, vote.person)
            who = {"person": self.person_id(body_id, vote.person)} if person else {"name": self.people.name_of(body_id, vote.person)}
            named.append({**who, "stimme": vote.vote})
        return {
            "abstimmung_fraktionen": [
                {**(dump_model(vote) or {}), "organization": self.group_id(body_id, vote.group)}
                for vote in consultation.group_votes
            ],
            "namentliche_abstimmung": named,
        }
