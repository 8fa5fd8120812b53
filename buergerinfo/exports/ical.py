"""Calendars of Sitzungen (RFC 5545): all of them, per Körperschaft and per Gremium.

icalendar does the escaping and line folding, which are easy to get subtly wrong by hand and
which calendar apps are strict about; the file itself is written event by event. A Sitzung with
a known time starts (and ends, where known) at that time in Europe/Berlin, whose VTIMEZONE the
calendar carries; one without a time is an all-day event. UIDs stay the same for years (they
name Körperschaft, Gremium and day), DTSTAMP is the Sitzung's last change in the data, so two
builds of the same data give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from icalendar import Calendar, Event, Timezone

from ..views import Meeting, Views
from .dates import BERLIN, ExportDates
from .links import CALENDAR_FILE, SITE_CALENDAR, PageAddresses, SiteUrls
from .output import OutputFolder

PRODUCT_ID = "-//Buergerinfo//Sitzungskalender//DE"
_END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class CalendarFile:
    path: str  # site-relative
    title: str
    events: int


def write_calendars(
    views: Views, base_url: str | None, out: OutputFolder, pages: PageAddresses, *, dates: ExportDates | None = None,
    site_name: str = "Bürgerinfo",
) -> list[CalendarFile]:
    """Write the site's calendar, one per Körperschaft and one per Gremium; return what was written."""
    writer = _CalendarWriter(views, SiteUrls(base_url), out, pages, dates or ExportDates(views.archive))
    written = [writer.write(SITE_CALENDAR, f"Sitzungen – {site_name}", views.meetings.values(), with_body=True)]
    for body_id in sorted(views.archive.bodies):
        body = views.body(body_id)
        meetings = [m for m in views.meetings.values() if m.body.id == body_id]
        written.append(writer.write(pages.body(body_id) + CALENDAR_FILE, f"Sitzungen – {body.body.name}", meetings))
        for organization in body.body.organizations:
            written.append(
                writer.write(
                    pages.organization(body_id, organization.id) + CALENDAR_FILE,
                    f"{organization.name} ({body.body.name})",
                    views.meetings_by_organization.get((body_id, organization.id), []),
                )
            )
    return written


def meeting_uid(meeting: Meeting) -> str:
    # Unchanged since the first calendars were published: subscribers' apps match events by it.
    return f"{meeting.body.id}-{meeting.organization.id}-{meeting.id}@buergerinfo"


class _CalendarWriter:
    def __init__(self, views: Views, urls: SiteUrls, out: OutputFolder, pages: PageAddresses, dates: ExportDates):
        self.views, self.urls, self.out, self.pages, self.dates = views, urls, out, pages, dates
        # Every Sitzung is in three calendars; each event is made once.
        self._events: dict[tuple[bool, str], bytes] = {}

    def write(self, path: str, title: str, meetings: Iterable[Meeting], with_body: bool = False) -> CalendarFile:
        meetings = list(meetings)
        timed = [m.date for m in meetings if _start_time(m)]
        count = 0
        with self.out.open_text(path) as file:
            file.write(_header(title, min(timed).year if timed else None, max(timed).year if timed else None))
            for meeting in meetings:
                file.write(self._event(meeting, with_body).decode("utf-8"))
                count += 1
            file.write(_END.decode())
        return CalendarFile(path, title, count)

    def _event(self, meeting: Meeting, with_body: bool) -> bytes:
        key = (with_body, meeting_uid(meeting))
        cached = self._events.get(key)
        if cached is None:
            cached = self._events[key] = self._make_event(meeting, with_body).to_ical()
        return cached

    def _make_event(self, meeting: Meeting, with_body: bool) -> Event:
        event = Event()
        event.add("uid", meeting_uid(meeting))
        event.add("dtstamp", self.dates.meeting(meeting).modified.astimezone(dt.timezone.utc))
        start = _start_time(meeting)
        if start:
            event.add("dtstart", _at(meeting.date, start))
            end = meeting.facts.end if meeting.facts else None
            if end:
                event.add("dtend", _at(meeting.date, end))
        else:
            event.add("dtstart", meeting.date)
        label = meeting.organization.name
        if with_body:
            label += f" ({meeting.body.body.short_name or meeting.body.body.name})"
        public = meeting.public is not False
        event.add("summary", label if public else f"{label} (nicht öffentlich)")
        event.add("description", self._description(meeting))
        if public and meeting.facts and meeting.facts.location:
            event.add("location", meeting.facts.location)
        if self.urls.base is not None:
            event.add("url", self.urls.absolute(self.pages.meeting(meeting)))
        return event

    def _description(self, meeting: Meeting) -> str:
        if meeting.public is False:
            return "Nicht öffentliche Sitzung. Tagesordnung und Ergebnisse werden nicht veröffentlicht."
        lines = [meeting.name]
        for entry in meeting.public_entries:
            paper = entry.paper.paper
            item = f"{entry.consultation.agenda_item}: " if entry.consultation.agenda_item else "– "
            number = f"{paper.reference} " if paper.reference else ""
            result = f" – {entry.consultation.result}" if entry.consultation.result else ""
            lines.append(f"{item}{number}{paper.name}{result}")
        if meeting.has_non_public_part:
            lines.append("Dazu kommen Tagesordnungspunkte in nicht öffentlicher Sitzung.")
        if self.urls.base is not None:
            lines.append(self.urls.absolute(self.pages.meeting(meeting)))
        return "\n".join(lines)


def _start_time(meeting: Meeting) -> str | None:
    facts = meeting.facts
    return facts.start if facts is not None and meeting.public is not False else None


def _at(day: dt.date, clock: str) -> dt.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


@lru_cache(maxsize=64)
def _header(title: str, first_year: int | None, last_year: int | None) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    # Subscribed calendars look again once a day (RFC 7986 and the common vendor property).
    calendar.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    if first_year is not None and last_year is not None:
        calendar.add_component(_berlin(first_year, last_year))
    text = calendar.to_ical()
    assert text.endswith(_END)
    return text[: -len(_END)].decode("utf-8")


@lru_cache(maxsize=64)
def _berlin(first_year: int, last_year: int) -> Timezone:
    """Europe/Berlin with every change of offset in the years the calendar's timed events fall in."""
    return Timezone.from_tzinfo(BERLIN, tzid="Europe/Berlin", first_date=dt.date(first_year, 1, 1),
                                last_date=dt.date(last_year + 1, 1, 1))
