"""A searchable page as the site hands it to the index, and how documents travel between processes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Document:
    """One searchable page. `texts` maps a field weight name (see WEIGHTS) to its texts."""

    id: str
    url: str
    title: str
    kind: str
    facets: dict[str, list[str]] = field(default_factory=dict)
    date: dt.date | None = None
    texts: dict[str, list[str]] = field(default_factory=dict)
    number: str | None = None  # Vorlagen-Nr., shown with the result
    badge: str | None = None  # colour class of the status
    status: str | None = None  # the status in words, e.g. "ungeändert beschlossen" (the facet holds its family)
    shown_date: dt.date | None = None  # the date shown with the result; `date` only orders
    excerpt: list[str] = field(default_factory=list)  # Markdown fields, in the order an excerpt prefers them
    facts: list[str] = field(default_factory=list)  # short plain-text lines, e.g. "Unterzeichnung: Hinrichs, Uwe"
    # `excerpt` is plain text already (an Anlage's page), not Markdown: shown as it is, tags dropped.
    plain_excerpt: bool = False
    # For a page of an Anlage: its Vorlage's address, Betreff and number, "Seite N" and the page's name.
    parent: list[str] = field(default_factory=list)
    # For a page of an Anlage whose text the site publishes in a text file: [its address, first byte, end byte]
    # of the page's text in it. The search page reads the excerpt from there (search.attachments).
    text_source: list = field(default_factory=list)


def document_order(documents: Iterable[Document]) -> list[Document]:
    """The order of document ids: undated pages (Körperschaften, Gremien, Dossiers, Themen) first, then newest first.

    Results with equal scores are shown in id order, and the first display block holds the overview pages.
    """
    return sorted(documents, key=lambda d: (d.date is not None, -(d.date.toordinal() if d.date else 0), d.url))


_DATE_FIELDS = ("date", "shown_date")


def dump_document(document: Document) -> str:
    """One JSON line, to hand documents to another process."""
    # A shallow copy: the values are strings, lists and dicts of strings, which JSON takes as they are.
    # (dataclasses.asdict deep-copies each of them first, a second of a 10,000-Vorlagen build.)
    data = dict(vars(document))
    for name in _DATE_FIELDS:
        data[name] = data[name].isoformat() if data[name] else None
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def load_document(line: str | bytes) -> Document:
    data = json.loads(line)
    for name in _DATE_FIELDS:
        data[name] = dt.date.fromisoformat(data[name]) if data[name] else None
    return Document(**data)
