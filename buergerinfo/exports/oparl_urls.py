"""Addresses and list pages of the OParl export: which file holds which object, and paging by 100.

Objects OParl lists on their own get a file each (`…/paper/<Körperschaft>/<Vorlage>.json`); objects
it embeds get a hash URI into the document that holds them (see `oparl`). Every address is built
from keys editors choose once (file names, Gremium keys, days), so it stays the same for years.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from buergerinfo.exports.links import OPARL_FOLDER, OPARL_SYSTEM, SiteUrls
from buergerinfo.exports.output import OutputFolder
from buergerinfo.model.paper import Consultation
from buergerinfo.model.references import reference_slug
from buergerinfo.model.structure import PaperRecord
from buergerinfo.views.views import Meeting, meeting_id

PAGE_SIZE = 100
ADMINISTRATIVE_UNIT = "Verwaltungsbereich"  # OParl's organizationType for a Fachdienst, Amt …


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def slug(text: str, limit: int = 80) -> str:
    return reference_slug(text)[:limit].strip("-") or "x"


class OParlIds:
    """The URL of every object and list; the path under the site is the file that holds it."""

    def __init__(self, urls: SiteUrls) -> None:
        self._urls = urls

    def url(self, path: str) -> str:
        return self._urls.absolute(path)

    @staticmethod
    def path(url_path: str) -> str:
        return f"{OPARL_FOLDER}/{url_path}.json"

    def _at(self, url_path: str) -> str:
        return self.url(self.path(url_path))

    def system(self) -> str:
        return self.url(OPARL_SYSTEM)

    def bodies(self) -> str:
        return self._at("bodies")

    def body(self, body_id: str) -> str:
        return self._at(f"body/{body_id}")

    def body_list(self, body_id: str, kind: str) -> str:
        return self._at(f"body/{body_id}/{kind}")

    def organization(self, body_id: str, org_id: str) -> str:
        return self._at(f"organization/{body_id}/{org_id}")

    def unit(self, body_id: str, slug: str) -> str:
        return self._at(f"organization/{body_id}/{ADMINISTRATIVE_UNIT.lower()}/{slug}")

    def organization_meetings(self, body_id: str, org_id: str) -> str:
        return self._at(f"organization/{body_id}/{org_id}/meetings")

    def person(self, body_id: str, slug: str) -> str:
        return self._at(f"person/{body_id}/{slug}")

    def legislative_term(self, body_id: str, term: str) -> str:
        return f"{self.body(body_id)}#wahlperiode-{slug(term)}"

    def location(self, meeting: Meeting) -> str:
        return f"{self.meeting(meeting)}#ort"

    def meeting(self, meeting: Meeting) -> str:
        return self.meeting_at(meeting.body.id, meeting.organization.id, meeting.date, meeting.number)

    def meeting_at(self, body_id: str, org_id: str, date: dt.date, number: int = 1) -> str:
        return self._at(f"meeting/{body_id}/{org_id}/{meeting_id(date, number)}")

    def agenda_item(self, record: PaperRecord, consultation: Consultation, suffix: str) -> str:
        meeting = self.meeting_at(
            record.body_id, consultation.organization, consultation.date, consultation.meeting_number
        )
        return f"{meeting}#top-{record.id}{suffix}"

    def paper(self, record: PaperRecord) -> str:
        return self._at(f"paper/{record.body_id}/{record.id}")

    def consultation(self, record: PaperRecord, consultation: Consultation, suffix: str) -> str:
        return f"{self.paper(record)}#beratung-{consultation.organization}-{consultation.date.isoformat()}{suffix}"

    def file(self, record: PaperRecord, position: int) -> str:
        return f"{self.paper(record)}#anlage-{position}"

    def path_of(self, url: str) -> str:
        """The site-relative file of an object or list URL (a hash URI: of the document holding it)."""
        base = self.url("")
        assert url.startswith(base), url
        return url[len(base):].split("#", 1)[0]


def consultation_suffixes(consultations: Iterable[Consultation]) -> list[str]:
    """'' for each Beratung, '-2', '-3' … for a second Beratung of the same Gremium on the same day."""
    seen: dict[tuple[str, dt.date], int] = defaultdict(int)
    suffixes = []
    for consultation in consultations:
        key = (consultation.organization, consultation.date)
        seen[key] += 1
        suffixes.append("" if seen[key] == 1 else f"-{seen[key]}")
    return suffixes


class ListWriter:
    """One external object list, written page by page while its objects are added."""

    def __init__(self, out: OutputFolder, ids: OParlIds, url: str, total: int) -> None:
        self.out, self.ids, self.url, self.total = out, ids, url, total
        self.page_count = max(1, -(-total // PAGE_SIZE))
        self._items: list[str] = []
        self._page = 1
        self._added = 0

    def page_url(self, number: int) -> str:
        return self.url if number == 1 else self.url[: -len(".json")] + f"-page-{number}.json"

    def add(self, serialized: str) -> None:
        self._items.append(serialized)
        self._added += 1
        if len(self._items) == PAGE_SIZE:
            self._flush()

    def close(self) -> None:
        if self._items or self._page == 1:
            self._flush()
        if self._added != self.total or self._page != self.page_count + 1:
            raise AssertionError(f"{self.url}: {self._added} objects written, {self.total} announced")

    def _flush(self) -> None:
        number = self._page
        links = {"first": self.page_url(1), "self": self.page_url(number), "last": self.page_url(self.page_count)}
        if number > 1:
            links["prev"] = self.page_url(number - 1)
        if number < self.page_count:
            links["next"] = self.page_url(number + 1)
        pagination = {
            "totalElements": self.total,
            "elementsPerPage": PAGE_SIZE,
            "currentPage": number,
            "totalPages": self.page_count,
        }
        text = '{"data":[' + ",".join(self._items) + '],"pagination":' + dumps(pagination)
        text += ',"links":' + dumps(links) + "}"
        self.out.write_text(self.ids.path_of(self.page_url(number)), text)
        self._items = []
        self._page += 1
