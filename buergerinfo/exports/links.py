"""Addresses the exports point to: the site's pages (from the site layer) and the export files themselves.

The pages' addresses are the site's business (hooks/site_pages.py `Addresses`); the exports get them
through the `PageAddresses` protocol, so the core knows no page scheme of its own. Feeds and calendars
lie next to the page they belong to (the Gremium's calendar beside the Gremium page), so their paths
are the page's path plus a fixed file name.
"""

from __future__ import annotations

import posixpath
from typing import Protocol

from buergerinfo.model.structure import DossierRecord, PaperRecord
from buergerinfo.views.views import Meeting

# Next to a page: the Vorlagen it lists as a feed, its Sitzungen as a calendar.
PAPERS_FEED_FILE = "vorlagen.atom"
CONSULTATIONS_FEED_FILE = "beratungen.atom"  # beside a Vorlage page: its Beratungen and results
CALENDAR_FILE = "sitzungen.ics"
# Site-wide, at the root.
SITE_FEED = PAPERS_FEED_FILE
SITE_CALENDAR = CALENDAR_FILE
# Bulk downloads and their description.
DATA_FOLDER = "daten"
DATAPACKAGE = f"{DATA_FOLDER}/datapackage.json"
OPARL_FOLDER = "oparl/v1"
OPARL_SYSTEM = f"{OPARL_FOLDER}/system.json"


class PageAddresses(Protocol):
    """Site-root-relative addresses of the pages (ending in '/') and of published Anlagen."""

    def paper(self, record: PaperRecord) -> str: ...
    def body(self, body_id: str) -> str: ...
    def organization(self, body_id: str, org_id: str) -> str: ...
    def meeting(self, meeting: Meeting) -> str: ...
    def dossier(self, record: DossierRecord) -> str: ...
    def topic(self, topic_id: str) -> str: ...
    def attachment(self, relative: str) -> str: ...


class SiteUrls:
    """Turns site-relative paths into links: absolute with the site's public address, else relative."""

    def __init__(self, base_url: str | None) -> None:
        self.base = base_url.rstrip("/") + "/" if base_url else None

    def absolute(self, path: str) -> str:
        if self.base is None:
            raise ValueError("the site's public address (SITE_URL) is not known")
        return self.base + path

    def link(self, path: str, from_file: str) -> str:
        """The address of `path` as written in the file `from_file`: absolute when the site's address is known."""
        if self.base is not None:
            return self.base + path
        relative = posixpath.relpath(path or ".", posixpath.dirname(from_file) or ".")
        return relative + "/" if path.endswith("/") and not relative.endswith("/") else relative

    @property
    def webcal_base(self) -> str | None:
        """The site's address for calendar subscriptions (webcal://…), when it is known and on HTTP(S)."""
        if self.base is None or not self.base.startswith(("https://", "http://")):
            return None
        return "webcal://" + self.base.split("://", 1)[1]
