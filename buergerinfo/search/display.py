"""What the search page shows of a result, as plain text: one small JSON file per document.

buergerinfo.search writes these files next to the index; the search page fetches the ten it
shows. Everything in them is text for `textContent`: Markdown becomes paragraphs of text,
anything shaped like a tag is dropped, and the JSON spells `<`, `>` and `&` as \\u escapes,
so no file holds markup whatever a data file says.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from buergerinfo.search.documents import Document
from buergerinfo.views.markup import markdown_paragraphs, plain_text

DISPLAY_BUCKET = 1_000  # display files per folder
# Characters of excerpt text kept per document: enough for the paragraphs that usually hold a
# match, small enough that ten results stay a few kilobytes each.
EXCERPT_CHARS = 2_400
FACT_CHARS = 300  # one fact line (a person, an Aktenzeichen, an agenda item) at most
FACTS_TOTAL = 1_200  # all fact lines of a document together


def index_json(data: object) -> bytes:
    """JSON for the index: `<`, `>` and `&` as \\u escapes, so no index file holds anything like markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def excerpt_paragraphs(sources: Iterable[str], limit: int = EXCERPT_CHARS) -> list[str]:
    """Plain-text paragraphs of Markdown sources, cut at a word boundary once `limit` characters are reached."""
    paragraphs: list[str] = []
    room = limit
    for source in sources:
        for paragraph in markdown_paragraphs(source, enough=room):
            if len(paragraph) > room:
                cut = paragraph[:room].rsplit(" ", 1)[0]
                if cut:
                    paragraphs.append(cut + " …")
                return paragraphs
            paragraphs.append(paragraph)
            room -= len(paragraph)
    return paragraphs


def display_data(document: Document) -> list[object]:
    """What the search page shows of a result, all plain text (see the module docstring for the fields)."""
    facts: list[str] = []
    room = FACTS_TOTAL
    for fact in map(plain_text, document.facts):
        fact = fact[:FACT_CHARS]
        if len(fact) > room:
            break
        if fact:
            facts.append(fact)
            room -= len(fact)
    if document.plain_excerpt:
        paragraphs = [text for text in map(plain_text, document.excerpt) if text]
    else:
        paragraphs = excerpt_paragraphs(document.excerpt)
    row = [
        document.url,
        plain_text(document.title),
        plain_text(document.number),
        document.shown_date.isoformat() if document.shown_date else "",
        plain_text(document.status),
        document.badge or "",
        paragraphs,
        facts,
    ]
    if document.parent:
        # A page of an Anlage: [Vorlage address, Betreff, number, "Seite N", page name].
        row.append([document.parent[0], *map(plain_text, document.parent[1:])])
        if document.text_source:
            # [text file, first byte, end byte]: the page's paragraphs are read from there (suche/index.js).
            row.append(list(document.text_source))
    return row


def display_file(doc_id: int) -> str:
    """The display file of a document, relative to the index folder."""
    bucket, position = divmod(doc_id, DISPLAY_BUCKET)
    return f"d/{bucket}/{position}.json"
