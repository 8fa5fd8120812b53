"""Meeting and AgendaItem (clean, see `quirks`) -> what a Beratung and data/sitzungen/ take from them.

Pure functions: nothing here fetches, writes or reports; what the report is to count comes
back as `Notes`. A nicht öffentliche Sitzung keeps only Gremium and date (as
`views.public_view` would show it), a nicht öffentlicher Tagesordnungspunkt only that it is
not public: no name, result, TOP or text of it goes anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from buergerinfo.importers.notes import Notes
from buergerinfo.importers.quirks import VENDOR

# --- Sitzungen (Meeting) ------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingSummary:
    """What a Beratung and the Sitzungen file need to know about a Meeting."""

    id: str
    organizations: tuple[str, ...]  # OParl Organization ids
    date: dt.date | None
    start: str | None  # HH:MM
    name: str | None
    location: str | None
    public: bool | None  # False: no public item at all; None: no items known
    cancelled: bool
    end: str | None = None  # HH:MM
    note: str | None = None
    # From another Bürgerinfo: its entry in data/sitzungen/ as written; `own_facts` True even if it had none.
    own_facts: bool = False
    facts: dict[str, Any] | None = None
    meeting_of_day: int | None = None  # another Bürgerinfo's `sitzung_am_tag`


def agenda_item_public(item: dict[str, Any]) -> bool:
    """Whether an AgendaItem may be published. A missing flag counts as public, unless the TOP says "N"/"NÖ"."""
    public = item.get("public")
    if public is not None:
        return public
    number = item.get("number") or ""
    return not re.match(r"^(?:n|nö|nichtöff|nicht öff)\b", number.strip(), re.IGNORECASE)


def location_text(location: dict[str, Any] | None) -> str | None:
    if not location:
        return None
    if location.get("description"):
        text = location["description"]
        room = location.get("room")
        return f"{text}, {room}" if room and room not in text else text
    town = " ".join(p for p in (location.get("postalCode"), location.get("locality")) if p)
    parts = [location.get("room"), location.get("streetAddress"), town or None, location.get("subLocality")]
    return ", ".join(p for p in parts if p) or None


@dataclass
class MappedMeeting:
    """What `map_meeting` gives: the summary, its AgendaItems for the Beratungen, what the report is to count."""

    summary: MeetingSummary
    agenda: dict[str, AgendaFacts]  # AgendaItem id -> what a Beratung takes from it
    agenda_by_consultation: dict[str, str]  # Consultation id -> AgendaItem id
    notes: Notes


def map_meeting(meeting: dict[str, Any]) -> MappedMeeting:
    """A clean Meeting with its AgendaItems, summed up once for the Sitzungen file and the Beratungen."""
    summary, notes = summarize_meeting(meeting)
    agenda: dict[str, AgendaFacts] = {}
    by_consultation: dict[str, str] = {}
    for item in meeting.get("agendaItem") or []:
        if item.get("id") is None:
            continue
        agenda[item["id"]] = agenda_facts(item, summary.id)
        if item.get("consultation"):
            by_consultation[item["consultation"]] = item["id"]
    return MappedMeeting(summary, agenda, by_consultation, notes)


def summarize_meeting(meeting: dict[str, Any]) -> tuple[MeetingSummary, Notes]:
    notes = Notes()
    extras = meeting[VENDOR]
    start = meeting.get("start") or meeting.get("end")
    date = start.date() if isinstance(start, dt.datetime) else start if isinstance(start, dt.date) else None
    clock = end = None
    if isinstance(meeting.get("start"), dt.datetime) and not extras["ganztaegig"]:
        clock = meeting["start"].strftime("%H:%M")
        if clock == "00:00":
            clock = None  # systems without a time write midnight
            notes.note("Sitzungen mit Uhrzeit 00:00 (als unbekannt behandelt)", meeting["id"])
    finish = meeting.get("end")
    if clock and isinstance(finish, dt.datetime) and finish.date() == date and finish.strftime("%H:%M") > clock:
        end = finish.strftime("%H:%M")
    items = meeting.get("agendaItem") or []
    public = any(agenda_item_public(item) for item in items) if items else None
    if extras["oeffentlich"] is not None:
        public = extras["oeffentlich"]
    summary = MeetingSummary(
        id=meeting["id"],
        organizations=tuple(meeting.get("organization") or ()),
        date=date,
        start=clock,
        name=meeting.get("name"),
        location=location_text(meeting.get("location")),
        public=public,
        cancelled=bool(meeting.get("cancelled")),
        end=end,
        note=extras["hinweis"],
        own_facts=extras["bürgerinfo"],
        facts=extras["sitzungsangaben"],
        meeting_of_day=extras["sitzung_am_tag"],
    )
    return summary, notes


def meeting_facts(summary: MeetingSummary, organization: str, number: int = 1) -> dict[str, Any] | None:
    """One entry of data/sitzungen/<körperschaft>.yml; None if another Bürgerinfo had none for this Sitzung.

    `number`: the second (third …) Sitzung of the Gremium that day gets `sitzung_am_tag`; the first none,
    so its address stays what it was before a second one came."""
    day = {"gremium": organization, "datum": summary.date, "sitzung_am_tag": number if number > 1 else None}
    if summary.public is False:
        return {**day, "oeffentlich": False}
    if summary.own_facts:
        if summary.facts is None:
            return None
        entry = {**summary.facts, **day}
        keys = ("gremium", "datum", "sitzung_am_tag", *summary.facts)
        return {key: entry.get(key) for key in dict.fromkeys(keys) if entry.get(key) is not None}
    entry: dict[str, Any] = {**day, "name": summary.name}
    entry["beginn"] = summary.start
    entry["ende"] = summary.end
    entry["ort"] = summary.location
    if summary.public:
        entry["oeffentlich"] = True
    notes = [summary.note, "Die Sitzung wurde abgesagt." if summary.cancelled else None]
    entry["hinweis"] = "\n\n".join(n.strip() for n in notes if n) or None
    return entry


# --- Tagesordnungspunkte (AgendaItem) --------------------------------------------------------------


@dataclass(frozen=True)
class AgendaFacts:
    """What a Beratung takes from its AgendaItem."""

    meeting: str | None
    number: str | None
    result: str | None
    resolution: str | None
    public: bool
    vote: dict[str, Any] | None = None  # Abstimmung, from Bürgerinfo's own export
    # From Bürgerinfo's own export: the words of the system it had the result from, and whether it was derived.
    wording: str | None = None
    derived: bool | None = None
    # From Bürgerinfo's own export: votes per Fraktion and by name, with the OParl addresses of Fraktion and Person
    # (`vendor.group_votes`, `vendor.named_votes`); the keys they stand for are the import's (`mapping.votes_by_key`).
    group_votes: tuple = ()
    named_votes: tuple = ()


def agenda_facts(item: dict[str, Any], meeting_id: str | None = None) -> AgendaFacts:
    """What a Beratung needs of an AgendaItem; of a nicht öffentliche one only that it is not public."""
    public = agenda_item_public(item)
    if not public:
        return AgendaFacts(item.get("meeting") or meeting_id, None, None, None, False)
    return AgendaFacts(
        item.get("meeting") or meeting_id,
        item.get("number"),
        item.get("result"),
        item.get("resolutionText"),
        True,
        item[VENDOR]["abstimmung"],
        item[VENDOR]["ergebnis_wortlaut"],
        item[VENDOR]["ergebnis_abgeleitet"],
        tuple(item[VENDOR]["abstimmung_fraktionen"]),
        tuple(item[VENDOR]["namentliche_abstimmung"]),
    )
