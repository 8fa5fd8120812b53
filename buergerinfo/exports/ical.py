"""Open-data exports built from the public view: calendars of Sitzungen.

icalendar does the RFC 5545 escaping and line folding, which are easy to get
subtly wrong by hand and which calendar apps are strict about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from icalendar import Calendar, Event

from ..views import Meeting


def meetings_calendar(
    meetings: Iterable[Meeting], calendar_name: str, meeting_url: Callable[[Meeting], str]
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Buergerinfo//Sitzungskalender//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.body.id}-{meeting.organization.id}-{meeting.id}@buergerinfo")
        # A stamp derived from the meeting keeps repeated builds byte-identical.
        event.add("dtstamp", dt.datetime.combine(meeting.date, dt.time(0, 0), tzinfo=dt.timezone.utc))
        start = meeting.facts.start if meeting.facts else None
        if start:
            hour, minute = (int(part) for part in start.split(":"))
            event.add("dtstart", dt.datetime(meeting.date.year, meeting.date.month, meeting.date.day, hour, minute))
        else:
            event.add("dtstart", meeting.date)
        status = " (nicht öffentlich)" if meeting.public is False else ""
        event.add("summary", f"{meeting.organization.name}{status}")
        if meeting.public is not False:
            event.add("description", meeting.name)
            if meeting.facts and meeting.facts.location:
                event.add("location", meeting.facts.location)
        event.add("url", meeting_url(meeting))
        calendar.add_component(event)
    return calendar.to_ical()
