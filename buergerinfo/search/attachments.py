"""Anlagen (attachments) in the search: one search document per page of an Anlage.

Why a document per page, not per Anlage: a result must say on which page the words stand and
link there (`datei.pdf#page=N`), and its display file (fetched only for the ten results shown)
stays one page of text, not a 300-page Haushaltsplan. The page documents come after every other
document in the index (higher ids), so a query that matches only Vorlagen fetches no facet block
of Anlage pages.

A page document carries its Vorlage's facets (Körperschaft, Gremium, Jahr, Art, Status), so the
filters apply to it too, and has the kind "Anlage": the Typ filter then narrows a result list to
hits in Anlagen or in Vorlagen. Its words are indexed in the field "anlage", whose weight is capped
(index.FIELD_CAPS): a word repeated on a page of an Anlage never outranks the Betreff or the
Beschlussvorschlag of a Vorlage. Neither the Vorlage's number nor its facet labels are indexed on
its Anlage pages: a search for "Kreistag" or "0042/2019" must not list every page of every Anlage.

The site publishes each Anlage's text in a text file beside it, for re-users. A page's display file
then holds no text, only where the page stands in that file (`text_source`: address, first and end
byte); the search page fetches that range for the excerpt of a result it shows. Why: otherwise every
word of every Anlage is published twice, and at 10,000 Vorlagen with three Anlagen each the display
files alone were 342 MB in 85,765 files, a third of what a Pages host allows a whole site.

Nothing here reads a file: the site hands over the text the extraction found (buergerinfo.documents),
so this module stays free of pdfium and of the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from buergerinfo.search.documents import Document

KIND = "Anlage"
# Characters of a page kept for its excerpt: a dense A4 page has about 4,000; ten results stay
# well below 100 KB even then.
PAGE_EXCERPT_CHARS = 6_000


@dataclass
class AttachmentSource:
    """One public Anlage with a local file, as the site knows it: where it is and whose it is."""

    path: str  # the file on disk
    name: str  # the Anlage's title
    url: str  # the file's address: on the site, relative to its root, or at the Anlagen-Ablage's `adresse`
    paper_url: str
    paper_title: str
    paper_number: str | None = None
    # Whose file it is: a Vorlage's Anlage, or a document of a dossier ("Dossier"; the result then says so).
    parent_kind: str = "Vorlage"
    date: dt.date | None = None  # the Vorlage's sort date (orders the documents)
    shown_date: dt.date | None = None
    facets: dict[str, list[str]] = field(default_factory=dict)
    text_url: str | None = None  # its text file on the site, relative to the root (default: url + ".txt")

    def to_json(self) -> dict:
        data = dict(vars(self))
        data["date"] = self.date.isoformat() if self.date else None
        data["shown_date"] = self.shown_date.isoformat() if self.shown_date else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> AttachmentSource:
        data = dict(data)
        for name in ("date", "shown_date"):
            data[name] = dt.date.fromisoformat(data[name]) if data[name] else None
        return cls(**data)


def page_documents(
    source: AttachmentSource, pages: Sequence[str], labels: Sequence[str] = (), *, anchors: bool = True,
    text_file: str | None = None, text_ranges: Sequence[tuple[int, int] | None] = (),
) -> Iterator[Document]:
    """The search documents of an Anlage's pages with text (a page without text finds nothing).

    `labels` names pages where the file does (a spreadsheet's sheets); `anchors` says whether the
    file's viewer understands `#page=N` (PDF viewers do). With `text_file` (its address from the site
    root) and each page's byte range in it, a page's excerpt is read from there, not repeated.
    """
    several = len(pages) > 1
    for number, text in enumerate(pages, start=1):
        if not text.strip():
            continue
        label = labels[number - 1] if number - 1 < len(labels) and labels[number - 1] else ""
        where = f"#page={number}" if anchors and several else ""
        texts = [text]
        if number == 1:
            texts.append(source.name)  # the title finds the Anlage once, not on each of its pages
        where_text = text_ranges[number - 1] if text_file and number - 1 < len(text_ranges) else None
        yield Document(
            id=f"{source.url}#{source.paper_url}#{number}",
            url=source.url + where,
            title=source.name,
            kind=KIND,
            facets=source.facets,
            date=source.date,
            shown_date=source.shown_date,
            texts={"anlage": texts},
            excerpt=[] if where_text else page_paragraphs(text),
            plain_excerpt=True,
            parent=[source.paper_url, source.paper_title, source.paper_number or "",
                    f"Seite {number}" if several else "", label,
                    *([source.parent_kind] if source.parent_kind != "Vorlage" else [])],
            text_source=[text_file, *where_text] if where_text else [],
        )


def page_paragraphs(text: str, limit: int = PAGE_EXCERPT_CHARS) -> list[str]:
    """A page's text as paragraphs for the excerpt: lines of one paragraph joined, cut at `limit` characters.

    suche/excerpt.js (pageParagraphs) does the same with a page read from the text file.
    """
    paragraphs: list[str] = []
    room = limit
    for block in text.split("\n\n"):
        paragraph = " ".join(block.split())
        if not paragraph:
            continue
        if len(paragraph) > room:
            cut = paragraph[:room].rsplit(" ", 1)[0]
            if cut:
                paragraphs.append(cut + " …")
            break
        paragraphs.append(paragraph)
        room -= len(paragraph)
    return paragraphs
