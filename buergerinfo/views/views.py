"""What the data means for a reader: public view, Sitzungen, status, backlinks.

Everything here works on the public view of the archive. `public_view` is the
only way the site gets at the data, so a nicht öffentliche Vorlage or the details
of a nicht öffentliche Beratung cannot reach any page, index or download.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from buergerinfo.model.stored_files import StoredLocation
from buergerinfo.model.paper import Consultation
from buergerinfo.model.meeting import MeetingFacts
from buergerinfo.model.dossier import Milestone
from buergerinfo.model.body import Organization
from buergerinfo.views.attachments import AttachmentFacts, attachment_facts
from buergerinfo.views.people_public import named_originators, public_people
from buergerinfo.views.stages import PHASE_WORDS, DossierStage, dossier_stage, milestone_decision
from buergerinfo.model.structure import Archive, BodyRecord, DossierRecord, PaperRecord, paper_address
from buergerinfo.model.vocabulary import (
    IN_CONSULTATION,
    NOT_PUBLIC,
    NOT_SCHEDULED,
    RESULT_NOT_RECORDED,
    UPCOMING,
    Badge,
)

NOT_PUBLICLY_CONSULTED = Badge(
    "nicht öffentlich beraten",
    "neutral",
    "Die letzte Beratung fand in nicht öffentlicher Sitzung statt; ihr Ergebnis wird nicht veröffentlicht.",
)
NO_RESULT_RECORDED = Badge("kein Ergebnis erfasst", "neutral", "Für diese Beratung ist kein Ergebnis erfasst.")


def _redacted(consultation: Consultation) -> Consultation:
    """A nicht öffentliche Beratung keeps only Gremium, date and the fact that it was not public."""
    # Which Sitzung of the day stays: it says where the Beratung took place, not what was said there.
    return Consultation.model_validate(
        {"gremium": consultation.organization, "datum": consultation.date,
         "sitzung_am_tag": consultation.meeting_of_day, "oeffentlich": False}
    )


def _redacted_facts(facts: MeetingFacts) -> MeetingFacts:
    return MeetingFacts.model_validate({"gremium": facts.organization, "datum": facts.date,
                                        "sitzung_am_tag": facts.meeting_of_day, "oeffentlich": False})


def public_view(archive: Archive) -> Archive:
    """A copy of the archive holding only what may be published."""
    public_papers = [record for record in archive.papers if record.paper.public]
    public_numbers = {(r.body_id, r.paper.reference) for r in public_papers if r.paper.reference}
    papers = []
    for record in public_papers:
        paper = record.paper.model_copy(
            update={
                "consultations": [c if c.public else _redacted(c) for c in record.paper.consultations],
                "related_papers": [n for n in record.paper.related_papers if (record.body_id, n) in public_numbers],
                "originators": named_originators(record.paper, archive.people),
            }
        )
        papers.append(PaperRecord(record.id, record.source, paper))
    dossiers = {}
    for key, dossier_record in archive.dossiers.items():
        dossier = dossier_record.dossier
        milestones = [
            m if not m.paper or (dossier.body, m.paper) in public_numbers else m.model_copy(update={"paper": None})
            for m in dossier.milestones
        ]
        measures = [
            m if not m.paper or (dossier.body, m.paper) in public_numbers else m.model_copy(update={"paper": None})
            for m in dossier.measures
        ]
        dossiers[key] = DossierRecord(
            dossier_record.id,
            dossier_record.source,
            dossier.model_copy(update={"milestones": milestones, "measures": measures}),
        )
    facts = {key: _redacted_facts(f) if f.public is False else f for key, f in archive.meeting_facts.items()}
    public_addresses = {paper_address(r.body_id, r.id) for r in public_papers}
    return Archive(
        redirects=[r for r in archive.redirects if r.new in public_addresses],
        root=archive.root,
        bodies=archive.bodies,
        topics=archive.topics,
        papers=papers,
        dossiers=dossiers,
        meeting_facts=facts,
        warnings=archive.warnings,
        people=public_people(archive.people),
        store=archive.store,
    )


# --- Sitzungen ------------------------------------------------------------------------


@dataclass
class AgendaEntry:
    """One Vorlage on the agenda of a Sitzung (OParl AgendaItem with its Consultation)."""

    paper: PaperRecord
    consultation: Consultation


def meeting_id(date: dt.date, number: int = 1) -> str:
    """A Sitzung's part of its page address, OParl file and calendar UID: `2019-05-13`, then `2019-05-13-2`.

    The first Sitzung of a day keeps the bare day, so every address published before a Gremium
    first met twice on one day stays valid.
    """
    return date.isoformat() if number == 1 else f"{date.isoformat()}-{number}"


@dataclass
class Meeting:
    """A Sitzung, derived from the Beratungsfolgen: one per Gremium, day and `sitzung_am_tag` (`number`).

    Its entries are complete once Views.meetings has built it; what is derived from them is kept,
    as every Sitzung is read by its page, the lists, the search index and each export.
    """

    body: BodyRecord
    organization: Organization
    date: dt.date
    facts: MeetingFacts | None = None
    entries: list[AgendaEntry] = field(default_factory=list)
    number: int = 1  # which Sitzung of its Gremium on this day
    of_day: int = 1  # how many Sitzungen its Gremium held on this day (set by Views.meetings)

    @property
    def id(self) -> str:
        return meeting_id(self.date, self.number)

    @property
    def day_label(self) -> str:
        """"2. Sitzung am Tag" where its Gremium met more than once that day, else ""."""
        return f"{self.number}. Sitzung am Tag" if self.of_day > 1 else ""

    @cached_property
    def public(self) -> bool | None:
        """Whether the Sitzung was public; None when only extra facts without that detail are known."""
        if self.facts is not None and self.facts.public is False:
            return False
        if self.entries:
            return any(e.consultation.public for e in self.entries)
        return self.facts.public if self.facts else None

    @cached_property
    def public_entries(self) -> tuple[AgendaEntry, ...]:
        return tuple(
            sorted(
                (e for e in self.entries if e.consultation.public),
                key=lambda e: (_natural_key(e.consultation.agenda_item or "~"), e.paper.paper.reference or e.paper.id),
            )
        )

    @property
    def has_non_public_part(self) -> bool:
        return any(not e.consultation.public for e in self.entries)

    @cached_property
    def closed_entries(self) -> tuple[AgendaEntry, ...]:
        """Public Vorlagen beraten in the nicht öffentliche part: only that they were, never how."""
        return tuple(
            sorted(
                (e for e in self.entries if not e.consultation.public),
                key=lambda e: e.paper.paper.reference or e.paper.id,
            )
        )

    @cached_property
    def title(self) -> str | None:
        """The Sitzung's own name ("43. ordentliche Sitzung …") when the data gives one."""
        if self.public is False:
            return None
        if self.facts and self.facts.name:
            return self.facts.name
        for entry in self.public_entries:
            if entry.consultation.meeting_name:
                return entry.consultation.meeting_name
        return None

    @property
    def name(self) -> str:
        return self.title or f"Sitzung {self.organization.name}" + (f" ({self.day_label})" if self.day_label else "")


def _natural_key(text: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


# --- status -------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperStatus:
    badge: Badge
    next_consultation: Consultation | None = None


class Views:
    """Derived views over the public archive, computed once per build."""

    def __init__(self, archive: Archive, today: dt.date) -> None:
        self.archive = archive
        self.today = today
        self._status_cache: dict[tuple[str, str], PaperStatus] = {}

    # -- lookups --

    @cached_property
    def papers_by_number(self) -> dict[tuple[str, str], PaperRecord]:
        return {(r.body_id, r.paper.reference): r for r in self.archive.papers if r.paper.reference}

    def paper(self, body_id: str, number: str | None) -> PaperRecord | None:
        return self.papers_by_number.get((body_id, number)) if number else None

    def body(self, body_id: str) -> BodyRecord:
        return self.archive.bodies[body_id]

    def organization(self, body_id: str, org_id: str) -> Organization:
        return self.organizations_by_key[(body_id, org_id)]

    @cached_property
    def organizations_by_key(self) -> dict[tuple[str, str], Organization]:
        return {(b.id, o.id): o for b in self.archive.bodies.values() for o in b.body.organizations}

    # -- derived collections --

    @cached_property
    def meetings(self) -> dict[tuple[str, str, dt.date, int], Meeting]:
        """Every Sitzung by (Körperschaft, Gremium, day, which Sitzung of the day), in order of day."""
        meetings: dict[tuple[str, str, dt.date, int], Meeting] = {}
        for record in self.archive.papers:
            for consultation in record.paper.consultations:
                key = (record.body_id, consultation.organization, consultation.date, consultation.meeting_number)
                meeting = meetings.get(key)
                if meeting is None:
                    meeting = meetings[key] = self._meeting(key)
                meeting.entries.append(AgendaEntry(record, consultation))
        for key in self.archive.meeting_facts:
            if key not in meetings:
                meetings[key] = self._meeting(key)
        of_day: dict[tuple[str, str, dt.date], int] = defaultdict(int)
        for body_id, org_id, date, _ in meetings:
            of_day[(body_id, org_id, date)] += 1
        for (body_id, org_id, date, _), meeting in meetings.items():
            meeting.of_day = of_day[(body_id, org_id, date)]
        return dict(sorted(meetings.items(), key=lambda item: (item[0][2], item[0][0], item[0][1], item[0][3])))

    def _meeting(self, key: tuple[str, str, dt.date, int]) -> Meeting:
        body_id, org_id, date, number = key
        return Meeting(
            self.body(body_id), self.organization(body_id, org_id), date, self.archive.meeting_facts.get(key),
            number=number,
        )

    def meeting_of(self, record: PaperRecord, consultation: Consultation) -> Meeting:
        key = (record.body_id, consultation.organization, consultation.date, consultation.meeting_number)
        return self.meetings[key]

    def meeting_on(self, body_id: str, org_id: str | None, date: dt.date | None) -> Meeting | None:
        """The first Sitzung of a Gremium on a day, for what names only Gremium and day (a dossier's story)."""
        if not org_id or not date:
            return None
        return next((self.meetings[k] for k in sorted(self.meetings_by_day.get((body_id, org_id, date), ()))), None)

    @cached_property
    def meetings_by_day(self) -> dict[tuple[str, str, dt.date], list[tuple[str, str, dt.date, int]]]:
        grouped: dict[tuple[str, str, dt.date], list[tuple[str, str, dt.date, int]]] = defaultdict(list)
        for key in self.meetings:
            grouped[key[:3]].append(key)
        return grouped

    @cached_property
    def meetings_by_organization(self) -> dict[tuple[str, str], list[Meeting]]:
        grouped: dict[tuple[str, str], list[Meeting]] = defaultdict(list)
        for meeting in self.meetings.values():
            grouped[(meeting.body.id, meeting.organization.id)].append(meeting)
        return grouped

    def upcoming_meetings(self, limit: int | None = None) -> list[Meeting]:
        upcoming = [m for m in self.meetings.values() if m.date >= self.today]
        return upcoming[:limit] if limit else upcoming

    @cached_property
    def papers_by_organization(self) -> dict[tuple[str, str], list[tuple[PaperRecord, Consultation]]]:
        grouped: dict[tuple[str, str], list[tuple[PaperRecord, Consultation]]] = defaultdict(list)
        for record in self.papers_newest_first:
            # A nicht öffentliche Beratung of a public Vorlage is listed as the Vorlage page lists it:
            # Gremium and date only (public_view has dropped everything else).
            for consultation in record.paper.consultations:
                grouped[(record.body_id, consultation.organization)].append((record, consultation))
        return grouped

    @cached_property
    def meetings_by_body(self) -> dict[str, list[Meeting]]:
        grouped: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in self.meetings.values():
            grouped[meeting.body.id].append(meeting)
        return grouped

    def upcoming_meetings_of_body(self, body_id: str, limit: int) -> list[Meeting]:
        return [m for m in self.meetings_by_body.get(body_id, []) if m.date >= self.today][:limit]

    def recent_meetings_of_body(self, body_id: str, limit: int) -> list[Meeting]:
        past = [m for m in self.meetings_by_body.get(body_id, []) if m.date < self.today]
        return past[::-1][:limit]

    @cached_property
    def dossiers_by_meeting(self) -> dict[tuple[str, str, dt.date, int], list[tuple[DossierRecord, str]]]:
        """Dossiers whose story or documents name a Sitzung, with what they say of it.

        A dossier names Gremium and day only; it is shown with the first Sitzung of that day (meeting_on).
        """
        cited: dict[tuple[str, str, dt.date, int], list[tuple[DossierRecord, str]]] = defaultdict(list)
        for record in self.archive.dossiers.values():
            body_id = record.dossier.body
            mentions = [(m.organization, m.date, m.title) for m in record.dossier.milestones]
            mentions += [(d.organization, d.date, d.name) for d in record.dossier.documents]
            for org_id, date, what in mentions:
                meeting = self.meeting_on(body_id, org_id, date)
                if meeting is not None:
                    cited[(body_id, org_id, date, meeting.number)].append((record, what))
        return cited

    def dossiers_of_meeting(self, meeting: Meeting) -> list[tuple[DossierRecord, list[str]]]:
        grouped: dict[str, tuple[DossierRecord, list[str]]] = {}
        key = (meeting.body.id, meeting.organization.id, meeting.date, meeting.number)
        for record, what in self.dossiers_by_meeting.get(key, []):
            grouped.setdefault(record.id, (record, []))[1].append(what)
        return list(grouped.values())

    @cached_property
    def referenced_by(self) -> dict[tuple[str, str], list[PaperRecord]]:
        backlinks: dict[tuple[str, str], list[PaperRecord]] = defaultdict(list)
        for record in self.archive.papers:
            for number in record.paper.related_papers:
                target = self.paper(record.body_id, number)
                if target:
                    backlinks[target.key].append(record)
        return backlinks

    def related(self, record: PaperRecord) -> list[tuple[PaperRecord, str]]:
        """Related Vorlagen both ways, each with the direction in words."""
        result = [(self.paper(record.body_id, n), "verweist auf") for n in record.paper.related_papers]
        result += [(other, "wird erwähnt in") for other in self.referenced_by.get(record.key, [])]
        return [(r, how) for r, how in result if r is not None]

    @cached_property
    def papers_newest_first(self) -> list[PaperRecord]:
        return sorted(self.archive.papers, key=lambda r: (sort_date(r) or dt.date.min, r.id), reverse=True)

    def papers_of_body(self, body_id: str) -> list[PaperRecord]:
        return [r for r in self.papers_newest_first if r.body_id == body_id]

    @cached_property
    def papers_by_dossier(self) -> dict[str, list[PaperRecord]]:
        grouped: dict[str, list[PaperRecord]] = defaultdict(list)
        for record in sorted(self.archive.papers, key=lambda r: (sort_date(r) or dt.date.min, r.id)):
            for topic in record.paper.topics:
                grouped[topic].append(record)
        return grouped

    def dossiers_of_paper(self, record: PaperRecord) -> list[DossierRecord]:
        return [self.archive.dossiers[t] for t in record.paper.topics if t in self.archive.dossiers]

    def dossiers_of_body(self, body_id: str) -> list[DossierRecord]:
        return [d for d in self.archive.dossiers.values() if d.dossier.body == body_id]

    def dossiers_of_topic(self, topic_id: str) -> list[DossierRecord]:
        return sorted(
            (d for d in self.archive.dossiers.values() if d.dossier.topic == topic_id),
            key=lambda d: self.body(d.dossier.body).body.name,
        )

    def dossier_stage(self, record: DossierRecord) -> DossierStage | None:
        return dossier_stage(self, record)

    def milestone_decision(
        self, record: DossierRecord, milestone: Milestone
    ) -> tuple[PaperRecord, Consultation] | None:
        return milestone_decision(self, record, milestone)

    @staticmethod
    def first_consultation_date(record: PaperRecord) -> dt.date | None:
        return first_consultation_date(record)

    @staticmethod
    def phase_word(phase: str) -> str:
        return PHASE_WORDS.get(phase, phase)

    def dossier_milestone(self, record: DossierRecord, phase: str):
        return next((m for m in record.dossier.milestones if m.phase == phase), None)

    def attachment_facts(self, entry: StoredLocation) -> AttachmentFacts:
        return attachment_facts(self.archive, entry)

    # -- status --

    def status(self, record: PaperRecord) -> PaperStatus:
        # Asked for by the Vorlage page, every list it appears in and the search facets.
        cached = self._status_cache.get(record.key)
        if cached is None:
            cached = self._status_cache[record.key] = self._compute_status(record)
        return cached

    def _compute_status(self, record: PaperRecord) -> PaperStatus:
        consultations = sorted(record.paper.consultations, key=lambda c: c.date)
        if not consultations:
            return PaperStatus(NOT_SCHEDULED)
        vocabulary = self.body(record.body_id).vocabulary
        upcoming = [c for c in consultations if c.date >= self.today and c.result is None]
        decided = [c for c in consultations if c.result is not None]
        if decided:
            latest = decided[-1]
            kind = vocabulary.result(latest.result)
            is_last = latest is consultations[-1] or latest.role == "Entscheidung"
            if kind and kind.final and is_last:
                return PaperStatus(vocabulary.badge(latest.result))
        if upcoming:
            return PaperStatus(IN_CONSULTATION, upcoming[0])
        if not consultations[-1].public:
            return PaperStatus(NOT_PUBLICLY_CONSULTED)
        if decided and not (kind and kind.final):
            return PaperStatus(IN_CONSULTATION)
        return PaperStatus(RESULT_NOT_RECORDED)

    def status_family(self, record: PaperRecord) -> Badge:
        """The family of the status, as lists and search filters group it: "ungeändert beschlossen" -> beschlossen."""
        badge = self.status(record).badge
        vocabulary = self.body(record.body_id).vocabulary
        family = vocabulary.family(badge.label)
        return badge if family == badge.label else vocabulary.family_badge(family)

    def consultation_badge(self, record: PaperRecord, consultation: Consultation) -> Badge:
        if not consultation.public:
            return NOT_PUBLIC
        if consultation.result:
            return self.body(record.body_id).vocabulary.badge(consultation.result)
        if consultation.date >= self.today:
            return UPCOMING
        return NO_RESULT_RECORDED


def paper_date(record: PaperRecord) -> dt.date | None:
    """The date shown for a Vorlage on its page, in lists and in search: its own date, or none.

    A Vorlage without a printed date is "nicht angegeben" everywhere; the day of its first Beratung
    only orders it among the others (sort_date) and names its year in the lists' Jahr filter.
    """
    return record.paper.date


def first_consultation_date(record: PaperRecord) -> dt.date | None:
    dates = [c.date for c in record.paper.consultations]
    return min(dates) if dates else None


def sort_date(record: PaperRecord) -> dt.date | None:
    """The Vorlage's own date, else the day of its first Beratung: for order and year, never shown as its date."""
    if record.paper.date:
        return record.paper.date
    dates = [c.date for c in record.paper.consultations]
    return min(dates) if dates else None


def paper_year(record: PaperRecord) -> int | None:
    date = sort_date(record)
    return date.year if date else None
