"""What the Personen and Fraktionen mean for a reader: memberships over time, Anträge, votes.

Works on the public view only (`Views.archive`): a nicht öffentliche Vorlage never reaches a
Person or Fraktion page, a nicht öffentliche Beratung has lost its votes, and a person with
`veroeffentlichen: false` is found by none of the lookups that give a page or a link (only
`name_of`, for the plain text on a Vorlage).

A person's vote is what `namentliche_abstimmung` records for them, never what their Fraktion
voted: a Fraktion may vote uneinheitlich, a member may be absent.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from buergerinfo.model.paper import Consultation, Person
from buergerinfo.model.people import Contact, Group, GroupVote, LegislativeTerm, Membership, NamedVote, PersonEntry
from buergerinfo.model.structure import PaperRecord
from buergerinfo.views.views import Views

VOTE_WORDS = {"ja": "Ja", "nein": "Nein", "enthaltung": "Enthaltung", "abwesend": "abwesend",
              "uneinheitlich": "uneinheitlich"}


@dataclass(frozen=True)
class MembershipRow:
    """A Mitgliedschaft as a page shows it."""

    person: PersonEntry
    membership: Membership
    term: LegislativeTerm | None
    current: bool


@dataclass(frozen=True)
class VoteRow:
    record: PaperRecord
    consultation: Consultation
    vote: NamedVote | GroupVote


def term_label(term: LegislativeTerm) -> str:
    """'8. Wahlperiode, 2024–2029'."""
    years = f"{term.start.year}–{term.end.year}" if term.end else f"seit {term.start.year}"
    return f"{term.name}, {years}"


class PeopleViews:
    """Derived views over the public Personen files, computed once per build."""

    def __init__(self, views: Views) -> None:
        self.views = views
        self.today = views.today

    # -- lookups --

    def bodies(self) -> list[str]:
        """The Körperschaften with a Personen file, in the order of their names."""
        people = self.views.archive.people
        return sorted(people, key=lambda key: self.views.body(key).body.name)

    @cached_property
    def _persons(self) -> dict[tuple[str, str], PersonEntry]:
        return {(k, p.id): p for k, r in self.views.archive.people.items() for p in r.people.persons}

    @cached_property
    def _groups(self) -> dict[tuple[str, str], Group]:
        return {(k, g.id): g for k, r in self.views.archive.people.items() for g in r.people.groups}

    def persons(self, body_id: str) -> list[PersonEntry]:
        """The published persons of a Körperschaft, by family name."""
        record = self.views.archive.people.get(body_id)
        persons = [p for p in record.people.persons if p.publish] if record else []
        return sorted(persons, key=lambda p: p.sort_name)

    def person(self, body_id: str, key: str | None) -> PersonEntry | None:
        """A person who has a page; None for an unknown key and for a hidden person."""
        person = self._persons.get((body_id, key)) if key else None
        return person if person is not None and person.publish else None

    def name_of(self, body_id: str, key: str) -> str:
        """The name of any person, also a hidden one: for plain text on a Vorlage."""
        person = self._persons.get((body_id, key))
        return person.display_name if person else key

    def groups(self, body_id: str) -> list[Group]:
        record = self.views.archive.people.get(body_id)
        return list(record.people.groups) if record else []

    def group(self, body_id: str, key: str | None) -> Group | None:
        return self._groups.get((body_id, key)) if key else None

    def terms(self, body_id: str) -> list[LegislativeTerm]:
        record = self.views.archive.people.get(body_id)
        return sorted(record.people.legislative_terms, key=lambda t: t.start) if record else []

    def term(self, body_id: str, key: str) -> LegislativeTerm | None:
        return next((t for t in self.terms(body_id) if t.id == key), None)

    def term_at(self, body_id: str, day: dt.date | None) -> LegislativeTerm | None:
        if day is None:
            return None
        return next((t for t in self.terms(body_id) if t.start <= day and (t.end is None or day <= t.end)), None)

    def current_term(self, body_id: str) -> LegislativeTerm | None:
        """The Wahlperiode running today, else the latest that has begun."""
        terms = self.terms(body_id)
        running = self.term_at(body_id, self.today)
        started = [t for t in terms if t.start <= self.today]
        return running or (started[-1] if started else None)

    # -- memberships --

    def is_current(self, membership: Membership) -> bool:
        started = membership.start is None or membership.start <= self.today
        return started and (membership.end is None or membership.end >= self.today)

    def _row(self, body_id: str, person: PersonEntry, membership: Membership) -> MembershipRow:
        term = (
            self.term(body_id, membership.legislative_term)
            if membership.legislative_term
            else self.term_at(body_id, membership.start)
        )
        return MembershipRow(person, membership, term, self.is_current(membership))

    def memberships(self, body_id: str, person: PersonEntry, in_file_order: bool = False) -> list[MembershipRow]:
        """A person's memberships, the current ones first, each group newest first (or as the file has them)."""
        rows = [self._row(body_id, person, m) for m in person.memberships]
        if in_file_order:
            return rows
        return sorted(rows, key=lambda r: (not r.current, -(r.membership.start or dt.date.min).toordinal()))

    def is_active(self, body_id: str, person: PersonEntry) -> bool:
        """Whether the person holds a mandate or seat today; a person who left keeps the record, not the contact."""
        return any(self.is_current(m) for m in person.memberships)

    def contact(self, body_id: str, person: PersonEntry) -> Contact | None:
        """Contact data as it may be shown: with consent, and only while the person is active."""
        contact = person.contact
        if contact is None or contact.consent is None or not self.is_active(body_id, person):
            return None
        return contact

    def current_group(self, body_id: str, person: PersonEntry) -> Group | None:
        for row in self.memberships(body_id, person):
            if row.current and row.membership.group:
                group = self.group(body_id, row.membership.group)
                if group is not None and group.classification == "Fraktion":
                    return group
        return None

    @cached_property
    def _rows_by_target(self) -> dict[tuple[str, str, str], list[MembershipRow]]:
        """(Körperschaft, 'gremium' or 'fraktion', key) -> the memberships of published persons."""
        grouped: dict[tuple[str, str, str], list[MembershipRow]] = defaultdict(list)
        for body_id in self.views.archive.people:
            for person in self.persons(body_id):
                for membership in person.memberships:
                    row = self._row(body_id, person, membership)
                    if membership.organization:
                        grouped[(body_id, "gremium", membership.organization)].append(row)
                    else:
                        grouped[(body_id, "fraktion", membership.group)].append(row)
        for rows in grouped.values():
            rows.sort(key=lambda r: (not r.current, _role_order(r.membership), r.person.sort_name))
        return grouped

    def group_members(self, body_id: str, group_id: str) -> list[MembershipRow]:
        """Members of a Fraktion over time: the current ones first."""
        return self._rows_by_target.get((body_id, "fraktion", group_id), [])

    def organization_members(self, body_id: str, org_id: str) -> list[tuple[LegislativeTerm | None, list[MembershipRow]]]:
        """Members of a Gremium per Wahlperiode, the current Wahlperiode first, then the earlier ones."""
        by_term: dict[str | None, list[MembershipRow]] = defaultdict(list)
        for row in self._rows_by_target.get((body_id, "gremium", org_id), []):
            by_term[row.term.id if row.term else None].append(row)
        terms = {t.id: t for t in self.terms(body_id)}
        current = self.current_term(body_id)
        order = sorted(by_term, key=lambda k: (k != (current.id if current else None), -(terms[k].start.toordinal()
                                                                                          if k in terms else 0)))
        return [(terms.get(key) if key else None, by_term[key]) for key in order]

    # -- what they submitted and how they voted --

    def _papers_where(self, body_id: str, test) -> list[PaperRecord]:
        return [r for r in self.views.papers_of_body(body_id) if any(test(o) for o in r.paper.originators)]

    def papers_of_person(self, body_id: str, person_id: str) -> list[PaperRecord]:
        return self._papers_where(body_id, lambda o: o.person == person_id)

    def papers_of_group(self, body_id: str, group_id: str) -> list[PaperRecord]:
        return self._papers_where(body_id, lambda o: o.group == group_id)

    def named_votes_of(self, body_id: str, person_id: str) -> list[VoteRow]:
        return [
            VoteRow(r, c, v)
            for r, c in self._consultations(body_id)
            for v in c.named_votes
            if v.person == person_id
        ]

    def group_votes_of(self, body_id: str, group_id: str) -> list[VoteRow]:
        return [VoteRow(r, c, v) for r, c in self._consultations(body_id) for v in c.group_votes if v.group == group_id]

    def _consultations(self, body_id: str) -> list[tuple[PaperRecord, Consultation]]:
        rows = [(r, c) for r in self.views.papers_of_body(body_id) for c in r.paper.consultations if c.public]
        return sorted(rows, key=lambda rc: rc[1].date, reverse=True)

    @staticmethod
    def recorded_votes(record: PaperRecord) -> list[Consultation]:
        """The public Beratungen of a Vorlage with votes per Fraktion or by name, in date order."""
        found = [c for c in record.paper.consultations if c.public and (c.group_votes or c.named_votes)]
        return sorted(found, key=lambda c: c.date)

    def submitted_by(self, record: PaperRecord) -> list[str]:
        """The search facet "eingereicht von": published persons and Fraktionen named by key."""
        names = []
        for originator in record.paper.originators:
            if originator.person and self.person(record.body_id, originator.person):
                names.append(self.person(record.body_id, originator.person).display_name)
            elif originator.group and self.group(record.body_id, originator.group):
                names.append(self.group(record.body_id, originator.group).name)
        return names

    def originator_target(self, record: PaperRecord, originator: Person) -> tuple[str, str] | None:
        """('person' or 'fraktion', key) when the Einreicher has a page to link to."""
        if originator.person and self.person(record.body_id, originator.person):
            return ("person", originator.person)
        if originator.group and self.group(record.body_id, originator.group):
            return ("fraktion", originator.group)
        return None

    @staticmethod
    def vote_word(word: str | None) -> str:
        return VOTE_WORDS.get(word or "", word or "")

    @staticmethod
    def group_vote_text(vote: GroupVote) -> str:
        """'Ja', or 'uneinheitlich (1 Ja, 3 Nein)'."""
        counts = [f"{n} {w}" for n, w in ((vote.yes, "Ja"), (vote.no, "Nein"), (vote.abstention, "Enthaltung")) if n]
        word = VOTE_WORDS.get(vote.voting or "", "")
        if word and counts:
            return f"{word} ({', '.join(counts)})"
        return word or ", ".join(counts) or "keine Stimmen"


def _role_order(membership: Membership) -> int:
    order = ("Vorsitz", "stellv. Vorsitz", "Mitglied", "sachkundige/r Bürger/in", "beratend")
    return order.index(membership.role)
