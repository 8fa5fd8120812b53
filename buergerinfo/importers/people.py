"""Persons, Fraktionen, Memberships and Wahlperioden -> data/personen/<körperschaft>.yml.

The step after the Organizations (whose Fraktionen `lookups` kept apart from the Gremien) and
before the Papers (whose votes per Fraktion and by name need the keys). Every run compares all of
it with the server, without `modified_since`: a Membership changes without its Person being
reported as changed, and the lists are short (a city: a few hundred Persons).

Memberships come three ways, and the same one often twice: embedded in Person.membership, as
addresses there (fetched; one that answers 404 is listed in the report, nothing more), or only in
Organization.membership. The Body's own list of Memberships (OParl 1.1), when there is one, is read
first, so the addresses need no request each. One Membership is one entry, by its id.

`people_mapping` turns the clean objects into entries; `people_file` merges them with the file as
the editors left it and writes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from buergerinfo.importers.notes import Notes
from buergerinfo.importers.people_file import Entry, PeopleFile
from buergerinfo.importers.people_mapping import (
    Targets,
    group_entry,
    group_key_wanted,
    group_kind,
    membership_entry,
    membership_order,
    person_entry,
    person_key_wanted,
    person_names,
    term_entry,
    term_key_wanted,
)
from buergerinfo.importers.quirks import VENDOR
from buergerinfo.importers.run_context import RunContext


def walk_people(run: RunContext, body: dict[str, Any]) -> None:
    PeopleImport(run, body).execute()


class PeopleImport:
    def __init__(self, run: RunContext, body: dict[str, Any]) -> None:
        self.run = run
        self.body = body
        self.notes = Notes()
        self.file = PeopleFile(run)
        self.memberships: dict[str, dict[str, Any]] = {}  # Membership id -> Membership
        self.member_of: dict[str, str] = {}  # Membership id -> Person id, where the Person named it

    def execute(self) -> None:
        run = self.run
        terms = self.terms()
        persons = self.persons()
        for membership in self.memberships.values():  # an Organization the list left out is fetched on its own
            for url in (membership.get("organization"), membership.get("onBehalfOf")):
                if url:
                    run.lookups.organization(url)
        groups = self.groups()
        if not (terms or groups or persons):
            if not self.file.exists:
                run.report.note("Keine Personen, Fraktionen oder Wahlperioden auf dem Server (keine Personen-Datei)")
            return
        targets = Targets(groups={i: e.key for i, e in groups.items()},
                          gremien=self.gremien(), terms={e.key for e in terms.values()})
        by_person = self.memberships_by_person(persons)
        for person_id, entry in persons.items():
            rows = [membership_entry(m, targets, self.notes) for m in by_person.get(person_id, [])]
            unique_rows = {_frozen(row): row for row in rows if row is not None}
            entry.data["mitgliedschaften"] = sorted(unique_rows.values(), key=membership_order)
        run.report.take(self.notes)
        rows = [row for entry in persons.values() for row in entry.data["mitgliedschaften"]]
        ended = sum(1 for row in rows if row.get("ende") and row["ende"] < dt.date.today())
        run.report.people = (
            f"Vom Server: {len(persons)} Personen, {len(groups)} Fraktionen, {len(terms)} Wahlperioden, "
            f"{len(rows)} Mitgliedschaften (davon {ended} beendet) – in {self.file.relative}"
        )
        run.body_file.flush()  # Gremien a Mitgliedschaft names, before the file that names them
        self.file.write(terms, groups, persons)

    # -- Wahlperioden --

    def terms(self) -> dict[str, Entry]:
        found = list(self.body.get("legislativeTerm") or [])
        if not found and self.body.get("legislativeTermList"):
            found = [t for _, page in self.run.source.pages(self.body["legislativeTermList"], "LegislativeTerm")
                     for t in page]
        entries: dict[str, Entry] = {}
        taken: set[str] = set()
        for term in sorted(found, key=lambda t: t["id"]):
            if term.get("deleted"):
                continue
            if term.get("startDate") is None:
                self.notes.note(f"Wahlperiode ohne Beginn „{term.get('name') or term['id']}“ (nicht übernommen: "
                                "`beginn` ist Pflicht; von Hand mit Datum eintragen)", term["id"])
                continue
            key = self.file.key("wahlperiode", term["id"], term_key_wanted(term), taken, [term.get("name")])
            entries[term["id"]] = Entry(key, term_entry(term, key))
        return entries

    # -- Fraktionen --

    def groups(self) -> dict[str, Entry]:
        entries: dict[str, Entry] = {}
        taken: set[str] = set()
        organizations = self.run.lookups.organizations
        for org_id in sorted(organizations):
            organization = organizations[org_id]
            kind = group_kind(organization)
            if kind is None or organization.get("deleted"):
                continue
            names = [organization.get("name"), organization.get("shortName")]
            key = self.file.key("fraktion", org_id, group_key_wanted(organization), taken, names)
            entries[org_id] = Entry(key, group_entry(organization, key, kind))
        return entries

    def gremien(self) -> dict[str, str]:
        """Organizations a Mitgliedschaft may name as its Gremium: those of the Körperschaft file (added if new)."""
        found = {}
        for org_id, organization in self.run.lookups.organizations.items():
            kind = (organization.get("organizationType") or "").casefold()
            if group_kind(organization) is None and kind == "gremium":
                key = self.run.lookups.organization_key(org_id)
                if key:
                    found[org_id] = key
        for org_id, key in self.run.state.organizations.items():
            found.setdefault(org_id, key)
        return found

    # -- Personen and their Mitgliedschaften --

    def persons(self) -> dict[str, Entry]:
        run = self.run
        if self.body.get("membership"):
            for _, memberships in run.source.pages(self.body["membership"], "Membership"):
                for membership in memberships:
                    self.add_membership(membership)
        found: dict[str, dict[str, Any]] = {}
        if self.body.get("person"):
            for _, persons in run.source.pages(self.body["person"], "Person"):
                for person in persons:
                    found.setdefault(person["id"], person)
        else:
            self.notes.note("Körperschaft ohne Liste der Personen (Feld „person“)", None)
        for person in found.values():
            for membership in person.get("membership") or []:
                self.add_membership(membership, person["id"])
        for organization in self.run.lookups.organizations.values():  # some servers list them only here
            for url in organization.get("membership") or []:
                self.membership_ref(url)
        for membership_id, membership in list(self.memberships.items()):  # named only by an Organization
            person_id = self.member_of.get(membership_id) or membership.get("person")
            if person_id and person_id not in found:
                person = run.source.get(person_id, "Person")
                if person is not None:
                    found[person_id] = person
        entries: dict[str, Entry] = {}
        taken: set[str] = set()
        for person_id in sorted(found):
            person = found[person_id]
            if person.get("deleted"):
                self.file.deleted("person", person_id)
                continue
            if person[VENDOR]["nur_name"]:
                self.notes.note("Personen, die die Quelle nur als Namen von Einreichern führt (nicht übernommen)",
                                person_id)
                continue
            data = person_entry(person, "", self.notes)
            if data is None:
                continue
            key = self.file.key("person", person_id, person_key_wanted(person), taken, person_names(data))
            data["id"] = key
            entries[person_id] = Entry(key, data)
        return entries

    def membership_ref(self, url: str) -> None:
        if url not in self.memberships:
            membership = self.run.source.get(url, "Membership")
            if membership is not None:
                self.add_membership(membership)

    def add_membership(self, membership: dict[str, Any], person_id: str | None = None) -> None:
        if membership.get("deleted"):
            return
        self.memberships.setdefault(membership["id"], membership)
        self.run.source.remember(membership)  # a Person that names it by address needs no request
        if person_id:
            self.member_of.setdefault(membership["id"], person_id)

    def memberships_by_person(self, persons: dict[str, Entry]) -> dict[str, list[dict[str, Any]]]:
        by_person: dict[str, list[dict[str, Any]]] = {}
        for membership_id in sorted(self.memberships):
            membership = self.memberships[membership_id]
            person_id = self.member_of.get(membership_id) or membership.get("person")
            if person_id not in persons:
                self.notes.note("Mitgliedschaften ohne übernommene Person (nicht übernommen)", membership_id)
                continue
            by_person.setdefault(person_id, []).append(membership)
        return by_person


def _frozen(row: dict[str, Any]) -> tuple:
    """Two Memberships that say the same (one server lists a seat twice, under two ids) are one entry."""
    return tuple(sorted((k, str(v)) for k, v in row.items() if v is not None))

