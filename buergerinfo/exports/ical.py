"""Calendars of Sitzungen (RFC 5545): all of them, per Körperschaft and per Gremium.

Events are written one by one with the escaping and line folding of RFC 5545 (`_text`, `_fold`:
icalendar's own serializer took a few milliseconds per event, minutes for a city's archive);
icalendar makes the calendar's head with the VTIMEZONE, and the tests read every file back with
icalendar. A Sitzung with a known time starts (and ends, where known) at that time in
Europe/Berlin, whose VTIMEZONE the calendar carries; one without a time is an all-day event. UIDs stay the same for years (they
name Körperschaft, Gremium and day), DTSTAMP is the Sitzung's last change in the data, so two
builds of the same data give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import lru_cache

from icalendar import Calendar, Timezone

from buergerinfo.exports.dates import BERLIN, ExportDates
from buergerinfo.exports.links import CALENDAR_FILE, SITE_CALENDAR, PageAddresses, SiteUrls
from buergerinfo.exports.output import OutputFolder
from buergerinfo.views.views import Meeting, Views

PRODUCT_ID = "-//Buergerinfo//Sitzungskalender//DE"
_END = b"END:VCALENDAR\r\n"
_CRLF = "\r\n"
_LINE_OCTETS = 75
# RFC 5545 TEXT allows no control characters but tab; line breaks are escaped before this applies.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


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
    meetings = list(views.meetings.values())
    written = writer.write({"": (SITE_CALENDAR, f"Sitzungen – {site_name}")}, meetings, lambda m: [""], True)
    for body_id in sorted(views.archive.bodies):
        body = views.body(body_id).body
        calendars = {"": (pages.body(body_id) + CALENDAR_FILE, f"Sitzungen – {body.name}")}
        for organization in body.organizations:
            path = pages.organization(body_id, organization.id) + CALENDAR_FILE
            calendars[organization.id] = (path, f"{organization.name} ({body.name})")
        own = [m for m in meetings if m.body.id == body_id]
        # The Körperschaft's calendar and its Gremien's are written together: each event is made once.
        written += writer.write(calendars, own, lambda m: ["", m.organization.id], False)
    return written


def meeting_uid(meeting: Meeting) -> str:
    # Unchanged since the first calendars were published: subscribers' apps match events by it.
    return f"{meeting.body.id}-{meeting.organization.id}-{meeting.id}@buergerinfo"


class _CalendarWriter:
    def __init__(self, views: Views, urls: SiteUrls, out: OutputFolder, pages: PageAddresses, dates: ExportDates):
        self.views, self.urls, self.out, self.pages, self.dates = views, urls, out, pages, dates

    def write(
        self,
        calendars: dict[str, tuple[str, str]],
        meetings: list[Meeting],
        keys: Callable[[Meeting], list[str]],
        with_body: bool,
    ) -> list[CalendarFile]:
        """Several calendars in one pass over `meetings`; `keys` names the calendars a Sitzung belongs to."""
        years: dict[str, list[int]] = {key: [] for key in calendars}
        for meeting in meetings:
            if _start_time(meeting):
                for key in keys(meeting):
                    years[key].append(meeting.date.year)
        counts = dict.fromkeys(calendars, 0)
        with ExitStack() as stack:
            files = {key: stack.enter_context(self.out.open_text(path)) for key, (path, _) in calendars.items()}
            for key, (_, title) in calendars.items():
                first, last = (min(years[key]), max(years[key])) if years[key] else (None, None)
                files[key].write(_header(title, first, last))
            for meeting in meetings:
                event = "".join(_fold(line) for line in self._event_lines(meeting, with_body))
                for key in keys(meeting):
                    files[key].write(event)
                    counts[key] += 1
            for file in files.values():
                file.write(_END.decode())
        return [CalendarFile(path, title, counts[key]) for key, (path, title) in calendars.items()]

    def _event_lines(self, meeting: Meeting, with_body: bool) -> list[str]:
        stamp = self.dates.meeting(meeting).modified.astimezone(dt.timezone.utc)
        lines = ["BEGIN:VEVENT", f"UID:{_text(meeting_uid(meeting))}", f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}"]
        start = _start_time(meeting)
        if start:
            lines.append(f"DTSTART;TZID=Europe/Berlin:{meeting.date:%Y%m%d}T{start.replace(':', '')}00")
            end = meeting.facts.end if meeting.facts else None
            if end:
                lines.append(f"DTEND;TZID=Europe/Berlin:{meeting.date:%Y%m%d}T{end.replace(':', '')}00")
        else:
            lines.append(f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}")
        label = meeting.organization.name + (f", {meeting.day_label}" if meeting.day_label else "")
        if with_body:
            label += f" ({meeting.body.body.short_name or meeting.body.body.name})"
        public = meeting.public is not False
        lines.append("SUMMARY:" + _text(label if public else f"{label} (nicht öffentlich)"))
        lines.append("DESCRIPTION:" + _text(self._description(meeting)))
        if public and meeting.facts and meeting.facts.location:
            lines.append("LOCATION:" + _text(meeting.facts.location))
        if self.urls.base is not None:
            lines.append("URL;VALUE=URI:" + self.urls.absolute(self.pages.meeting(meeting)))
        lines.append("END:VEVENT")
        return lines

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


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return _CONTROL.sub("", value)


def _fold(line: str) -> str:
    """A content line of at most 75 octets per physical line, folded with CRLF and a space (RFC 5545 3.1).

    Never inside a UTF-8 character: calendar apps reject a line that splits one.
    """
    data = line.encode("utf-8")
    if len(data) <= _LINE_OCTETS:
        return line + _CRLF
    parts, start, width = [], 0, _LINE_OCTETS
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a continuation byte: step back
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, width = end, _LINE_OCTETS - 1  # the leading space of a continuation line counts
    return (_CRLF + " ").join(parts) + _CRLF


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
