"""What a Beratung or Sitzung needs of other objects: Organizations, Meetings and AgendaItems, looked up.

The walk fills the index (all Organizations, then every Meeting with its AgendaItems);
whatever a Paper names that the index does not hold is fetched on its own and kept. An
Organization that a Sitzung or Beratung belongs to becomes a Gremium of the Körperschaft
file (added if new). Memory holds Organizations and the summaries of Meetings, never Papers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from buergerinfo.importers.body_file import BodyFile
from buergerinfo.importers.meeting_mapping import AgendaFacts, MeetingSummary, agenda_facts, map_meeting
from buergerinfo.importers.people_mapping import group_kind
from buergerinfo.importers.report import ImportReport
from buergerinfo.importers.source import ObjectSource


class Lookups:
    def __init__(self, source: ObjectSource, body_file: BodyFile, report: ImportReport,
                 state_meetings: dict[str, list[list]] | None = None) -> None:
        self.source = source
        self.body_file = body_file
        self.report = report
        self.organizations: dict[str, dict[str, Any]] = {}  # OParl id -> Organization
        self.meetings: dict[str, MeetingSummary] = {}
        self.agenda: dict[str, AgendaFacts] = {}  # AgendaItem id -> what a Beratung takes from it
        self.agenda_by_consultation: dict[str, str] = {}  # Consultation id -> AgendaItem id
        # (Gremium key, day) -> ids of its Meetings that day: of this run, and of earlier runs (from the state), so a
        # later run that reads only the changed Meeting still counts the other one of that day.
        self.meetings_of_day: dict[tuple[str, str], set[str]] = {}
        for meeting_id, keys in (state_meetings or {}).items():
            for key in keys:
                self.meetings_of_day.setdefault((key[0], key[1]), set()).add(meeting_id)

    # -- Organizations --

    def add_organization(self, organization: dict[str, Any]) -> None:
        """An Organization of the list: its name is known from now on; a Gremium goes into the Körperschaft file."""
        self.organizations[organization["id"]] = organization
        if group_kind(organization) is not None:
            return  # a Fraktion (also one sent as "Gremium" with classification "Fraktion"): data/personen/
        if (organization.get("organizationType") or "").casefold() == "gremium":
            self.body_file.ensure_organization(organization)

    def organization(self, url: str | None) -> dict[str, Any] | None:
        return self._known_or_fetched(self.organizations, url, "Organization", lambda found: found)

    def organization_key(self, url: str | None) -> str | None:
        """The Gremium key of an Organization a Sitzung or Beratung belongs to (added to the file if new)."""
        organization = self.organization(url)
        if organization is None:
            return None
        if group_kind(organization) is not None:
            self.report.note("Sitzungen oder Beratungen einer Fraktion (keine Gremien; nicht übernommen)", url)
            return None
        return self.body_file.ensure_organization(organization)

    def organization_name(self, url: str) -> str | None:
        organization = self.organization(url)
        return (organization.get("name") or organization.get("shortName")) if organization else None

    # -- Meetings and AgendaItems --

    def index_meeting(self, meeting: dict[str, Any]) -> MeetingSummary:
        """A Meeting summed up, with its AgendaItems, for the Beratungen that name them."""
        mapped = map_meeting(meeting)
        self.report.take(mapped.notes)
        self.meetings[mapped.summary.id] = mapped.summary
        self.agenda.update(mapped.agenda)
        self.agenda_by_consultation.update(mapped.agenda_by_consultation)
        return mapped.summary

    def meeting(self, url: str | None) -> MeetingSummary | None:
        return self._known_or_fetched(self.meetings, url, "Meeting", self.index_meeting)

    def meeting_of_day(self, summary: MeetingSummary, organization: str) -> int:
        """Which Sitzung of Gremium `organization` on its day `summary` is (`sitzung_am_tag`): 1 for the first.

        Ordered by start time (unknown last), then by id, so the regular Sitzung at 9:00 stays the first and keeps
        its address; another Bürgerinfo's own number wins. Meetings of that day known only from earlier runs are
        fetched once to compare.
        """
        if summary.own_facts:
            return summary.meeting_of_day or 1
        if summary.date is None:
            return 1
        ids = self.meetings_of_day.setdefault((organization, summary.date.isoformat()), set())
        ids.add(summary.id)
        if len(ids) == 1:
            return 1
        others = [self.meeting(meeting_id) for meeting_id in sorted(ids)]
        same_day = [m for m in others if m is not None and m.date == summary.date]
        order = sorted(same_day, key=lambda m: (m.start is None, m.start or "", m.id))
        return 1 + next((i for i, m in enumerate(order) if m.id == summary.id), 0)

    def note_meeting_of_day(self, summary: MeetingSummary, organization: str) -> None:
        """`summary` is a Meeting of Gremium `organization` on its day (the walk tells, before any Beratung asks)."""
        if summary.date is not None:
            self.meetings_of_day.setdefault((organization, summary.date.isoformat()), set()).add(summary.id)

    def agenda_of(self, consultation: dict[str, Any]) -> AgendaFacts | None:
        """The AgendaItem of a Consultation: the one it names, else the one that names it."""
        if consultation.get("agendaItem"):
            return self._known_or_fetched(self.agenda, consultation["agendaItem"], "AgendaItem", agenda_facts)
        item_id = self.agenda_by_consultation.get(consultation.get("id"))
        return self.agenda.get(item_id) if item_id else None

    def _known_or_fetched(self, index: dict[str, Any], url: str | None, kind: str, convert: Callable[[dict], Any]):
        """From the index of this run, else fetched on its own (and kept in the index under `url`)."""
        if not url:
            return None
        if url not in index:
            found = self.source.get(url, kind)
            if found is None:
                return None
            index[url] = convert(found)
        return index[url]
