"""The parts of OParl objects that are values, not documents: times, media types, names, vendor fields.

Kept apart from the writer (`oparl`), which decides which objects exist and where they are written.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from buergerinfo.exports.dates import BERLIN, ExportDates, Stamps, combine, day_start, iso
from buergerinfo.exports.oparl_urls import slug
from buergerinfo.model.paper import Consultation
from buergerinfo.model.structure import BodyRecord, PaperRecord
from buergerinfo.views.views import Meeting

# What OParl has no field for is written under this prefix, with the data file's own key.
VENDOR = "buergerinfo:"


def drop_empty(obj: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in obj.items() if value is not None and value != [] and value != {}}


def vendor_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {VENDOR + key: value for key, value in drop_empty(fields).items()}


def result_source(consultation: Consultation) -> dict[str, Any]:
    """The data file's `ergebnis_wortlaut` and `ergebnis_abgeleitet`, for AgendaItem and Consultation alike.

    OParl's `result` holds the site's result word; the council system's own words and the fact that the
    word was derived from the counts travel beside it, so an import gets both back field by field.
    """
    return {
        "ergebnis_wortlaut": consultation.result_wording,
        "ergebnis_abgeleitet": True if consultation.result_derived else None,
    }


def dump_model(model: Any) -> Any:
    """A nested part of the data in the data file's own keys (as an editor writes it)."""
    return model.model_dump(by_alias=True, exclude_none=True, mode="json") if model is not None else None


@dataclass
class Named:
    """A Person or Verwaltungsbereich: named by Vorlagen, with the span of their dates."""

    name: str
    slug: str
    stamps: Stamps


def named(entries: dict[str, list[Stamps]]) -> dict[str, Named]:
    """Stable slugs for names: sorted, and a second name with the same slug gets '-2'."""
    result: dict[str, Named] = {}
    taken: set[str] = set()
    for name in sorted(entries):
        base = slug(name)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        result[name] = Named(name, candidate, combine(entries[name]))
    return result


def meeting_times(meeting: Meeting) -> tuple[str, str | None, bool]:
    """OParl start and end of a Sitzung, and whether only its day is known (then start is 00:00 Berlin)."""
    facts = meeting.facts
    start_text = facts.start if facts and meeting.public is not False else None
    if not start_text:
        return iso(day_start(meeting.date)), None, True
    start = _at(meeting.date, start_text)
    end_text = facts.end if facts else None
    return iso(start), iso(_at(meeting.date, end_text)) if end_text else None, False


def _at(day: dt.date, clock: str) -> dt.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


_MIME_TYPES = {".odt": "application/vnd.oasis.opendocument.text", ".ods": "application/vnd.oasis.opendocument.spreadsheet"}


def mime_type(file_name: str) -> str | None:
    """The media type by the file's extension, from Python's own table (the same on every machine)."""
    suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if not suffix:
        return None
    return _MIME_TYPES.get(suffix) or _STRICT_TYPES.guess_type("x" + suffix)[0]


_STRICT_TYPES = mimetypes.MimeTypes(filenames=())


def embedded(obj: dict[str, Any]):
    """The objects embedded in an object (its hash-URI parts)."""
    for value in obj.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "type" in item:
                yield item
                yield from embedded(item)


def legislative_terms(body: BodyRecord) -> list[str]:
    return sorted({o.legislative_term for o in body.body.organizations if o.legislative_term})


def collect_names(
    papers: list[PaperRecord], names: Callable[[Any], list[str]], dates: ExportDates
) -> dict[str, list[Stamps]]:
    found: dict[str, list[Stamps]] = defaultdict(list)
    for record in papers:
        for name in names(record.paper):
            found[name].append(dates.paper(record))
    return found
