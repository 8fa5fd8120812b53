"""Atom feeds (RFC 4287): new and changed Vorlagen, and the Beratungen and results of one Vorlage.

Feeds of Vorlagen (site-wide, per Körperschaft, Gremium, Dossier and Thema) hold the latest
changed Vorlagen, newest first; `updated` is the Vorlage's last change in the data (see
`dates`), so a harvester learns from the site-wide feed what changed since its last visit
(static files cannot answer `modified_since`). The feed of one Vorlage has an entry when it
was introduced, one per Beratung and one per result, to follow one Vorgang.

Entry ids are `urn:uuid:` names derived from the Körperschaft, the Vorlage's file name and the
Beratung's Gremium and day: the same on every build and under every domain.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from buergerinfo.exports.dates import ExportDates, day_start, iso
from buergerinfo.exports.links import CONSULTATIONS_FEED_FILE, PAPERS_FEED_FILE, SITE_FEED, PageAddresses, SiteUrls
from buergerinfo.exports.oparl_urls import consultation_suffixes
from buergerinfo.exports.output import OutputFolder
from buergerinfo.model.paper import Consultation
from buergerinfo.model.structure import PaperRecord
from buergerinfo.views.views import Views

ENTRIES_PER_FEED = 100
ATOM_TYPE = "application/atom+xml"
# The namespace of all Bürgerinfo ids; fixed forever, so ids stay the same.
_NAMESPACE = uuid.UUID("0c4c6a57-1b1e-5a4f-9d4e-8f6f2f6b1b7e")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedFile:
    path: str  # site-relative
    title: str
    entries: int


@dataclass
class _Feed:
    path: str
    title: str
    subtitle: str
    page: str  # the page it belongs to, site-relative
    author: str
    empty_updated: dt.datetime  # `updated` while no Vorlage is in it: the last change of its Körperschaft
    papers: list[PaperRecord] = field(default_factory=list)


def write_feeds(
    views: Views,
    base_url: str | None,
    out: OutputFolder,
    pages: PageAddresses,
    *,
    dates: ExportDates | None = None,
    site_name: str = "Bürgerinfo",
    rights: str | None = None,
    limit: int = ENTRIES_PER_FEED,
) -> list[FeedFile]:
    """Write every feed; links are absolute with the site's address, else relative (xml:base)."""
    writer = _FeedWriter(views, SiteUrls(base_url), out, pages, dates or ExportDates(views.archive), rights)
    feeds = _paper_feeds(views, pages, site_name, writer.dates)
    # One pass over all Vorlagen, newest change first, fills every feed up to its limit.
    order = sorted(views.archive.papers, key=lambda r: (writer.dates.paper(r).modified, r.body_id, r.id), reverse=True)
    for record in order:
        for key in _feed_keys(views, record):
            feed = feeds.get(key)
            if feed is not None and len(feed.papers) < limit:
                feed.papers.append(record)
    written = [writer.write_papers_feed(feed) for feed in feeds.values()]
    for record in views.archive.papers:
        written.append(writer.write_consultations_feed(record))
    return written


def entry_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '/'.join(parts))}"


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attribute(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _paper_feeds(
    views: Views, pages: PageAddresses, site_name: str, dates: ExportDates
) -> dict[tuple[str, ...], _Feed]:
    changed = {body_id: dates.body(record).modified for body_id, record in views.archive.bodies.items()}
    latest = max(changed.values(), default=day_start(dt.date(1970, 1, 1)))
    feeds = {("site",): _Feed(SITE_FEED, f"Neue und geänderte Vorlagen – {site_name}",
                              "Alle Körperschaften, die jüngsten Änderungen zuerst", "", site_name, latest)}
    for body_id in sorted(views.archive.bodies):
        body = views.body(body_id).body
        page = pages.body(body_id)
        feeds[("body", body_id)] = _Feed(page + PAPERS_FEED_FILE, f"Vorlagen – {body.name}",
                                         f"Neue und geänderte Vorlagen von {body.name}", page, body.name,
                                         changed[body_id])
        for organization in body.organizations:
            page = pages.organization(body_id, organization.id)
            feeds[("organization", body_id, organization.id)] = _Feed(
                page + PAPERS_FEED_FILE, f"Vorlagen – {organization.name} ({body.name})",
                f"Neue und geänderte Vorlagen, die im Gremium {organization.name} beraten werden", page, body.name,
                changed[body_id],
            )
    for record in views.archive.dossiers.values():
        body = views.body(record.dossier.body).body
        page = pages.dossier(record)
        feeds[("dossier", record.id)] = _Feed(page + PAPERS_FEED_FILE, f"Vorlagen – {record.dossier.title}",
                                              f"Neue und geänderte Vorlagen zum Dossier „{record.dossier.title}“",
                                              page, body.name, dates.dossier(record).modified)
    for topic in views.archive.topics.values():
        page = pages.topic(topic.id)
        feeds[("topic", topic.id)] = _Feed(page + PAPERS_FEED_FILE, f"Vorlagen – {topic.title}",
                                           f"Neue und geänderte Vorlagen zum Thema „{topic.title}“", page, site_name,
                                           latest)
    return feeds


def _feed_keys(views: Views, record: PaperRecord) -> Iterable[tuple[str, ...]]:
    yield ("site",)
    yield ("body", record.body_id)
    for organization in dict.fromkeys(c.organization for c in record.paper.consultations):
        yield ("organization", record.body_id, organization)
    topics = set()
    for dossier_id in record.paper.topics:
        yield ("dossier", dossier_id)
        dossier = views.archive.dossiers.get(dossier_id)
        if dossier is not None:
            topics.add(dossier.dossier.topic)
    for topic in sorted(topics):
        yield ("topic", topic)


@dataclass
class _Entry:
    id: str
    title: str
    updated: dt.datetime
    link: str  # site-relative page
    summary: str
    published: dt.datetime | None = None
    categories: list[tuple[str, str]] = field(default_factory=list)  # (scheme name, term)


class _FeedWriter:
    def __init__(self, views: Views, urls: SiteUrls, out: OutputFolder, pages: PageAddresses,
                 dates: ExportDates, rights: str | None) -> None:
        self.views, self.urls, self.out, self.pages, self.dates, self.rights = views, urls, out, pages, dates, rights
        self._paper_entries: dict[tuple[str, str], str] = {}

    def _href(self, path: str) -> str:
        # Without the site's address, links are site-relative and the feed's xml:base leads to the root.
        return self.urls.absolute(path) if self.urls.base is not None else path

    # -- feeds of Vorlagen --

    def write_papers_feed(self, feed: _Feed) -> FeedFile:
        entries = [self._paper_entry(record) for record in feed.papers]
        updated = self.dates.paper(feed.papers[0]).modified if feed.papers else feed.empty_updated
        self._write(feed.path, feed.title, feed.subtitle, feed.page, feed.author, updated, entries)
        return FeedFile(feed.path, feed.title, len(entries))

    def _paper_entry(self, record: PaperRecord) -> str:
        cached = self._paper_entries.get(record.key)
        if cached is None:
            paper = record.paper
            stamps = self.dates.paper(record)
            status = self.views.status(record).badge.label
            body = self.views.body(record.body_id).body
            facts = [paper.paper_type, body.name, f"Stand: {status}"]
            if paper.date:
                facts.append(f"vom {paper.date:%d.%m.%Y}")
            consultations = [
                f"{self.views.organization(record.body_id, c.organization).name} am {c.date:%d.%m.%Y}"
                + (f": {c.result}" if c.result else "")
                + ("" if c.public else " (nicht öffentlich)")
                for c in paper.consultations
            ]
            summary = " · ".join(facts) + (f"\nBeratungsfolge: {'; '.join(consultations)}" if consultations else "")
            entry = _Entry(
                entry_id("vorlage", record.body_id, record.id),
                f"{paper.reference}: {paper.name}" if paper.reference else paper.name,
                stamps.modified,
                self.pages.paper(record),
                summary,
                stamps.created,
                [("art", paper.paper_type), ("status", status)],
            )
            cached = self._paper_entries[record.key] = self._entry_xml(entry)
        return cached

    # -- the feed of one Vorlage --

    def write_consultations_feed(self, record: PaperRecord) -> FeedFile:
        paper = record.paper
        views = self.views
        number = paper.reference or "ohne Nummer"
        page = self.pages.paper(record)
        stamps = self.dates.paper(record)
        entries: list[_Entry] = [
            _Entry(
                entry_id("vorlage", record.body_id, record.id, "eingebracht"),
                f"Vorlage {number}: {paper.name}",
                day_start(paper.date) if paper.date else stamps.created,
                page,
                f"{paper.paper_type} von {views.body(record.body_id).body.name}"
                + (f" vom {paper.date:%d.%m.%Y}" if paper.date else ""),
            )
        ]
        for consultation, suffix in zip(paper.consultations, consultation_suffixes(paper.consultations)):
            entries.extend(self._consultation_entries(record, consultation, suffix))
        # Newest first; of one day, the later step first (the result before its Beratung).
        entries = [e for _, e in sorted(enumerate(entries), key=lambda pair: (pair[1].updated, pair[0]), reverse=True)]
        path = page + CONSULTATIONS_FEED_FILE
        title = f"Beratungsverlauf: {number} – {paper.name}"
        updated = max([stamps.modified, *(e.updated for e in entries)])
        self._write(path, title, "Jede Beratung und jedes Ergebnis dieser Vorlage", page,
                    views.body(record.body_id).body.name, updated, [self._entry_xml(e) for e in entries])
        return FeedFile(path, title, len(entries))

    def _consultation_entries(self, record: PaperRecord, consultation: Consultation, suffix: str) -> list[_Entry]:
        views = self.views
        organization = views.organization(record.body_id, consultation.organization)
        meeting = views.meeting_of(record, consultation)
        page = self.pages.meeting(meeting)
        when = f"{organization.name} am {consultation.date:%d.%m.%Y}"
        when += f" ({meeting.day_label})" if meeting.day_label else ""
        key = ("vorlage", record.body_id, record.id, "beratung", consultation.organization,
               consultation.date.isoformat() + suffix)
        moment = day_start(consultation.date)
        if not consultation.public:
            return [_Entry(entry_id(*key), f"Beratung: {when} (nicht öffentlich)", moment, page,
                           "Die Beratung findet in nicht öffentlicher Sitzung statt; Einzelheiten werden nicht veröffentlicht.")]
        details = [consultation.role, f"TOP {consultation.agenda_item}" if consultation.agenda_item else None,
                   consultation.meeting_name]
        entries = [_Entry(entry_id(*key), f"Beratung: {when}" + (f" ({consultation.role})" if consultation.role else ""),
                          moment, page, " · ".join(d for d in details if d) or f"Sitzung {organization.name}")]
        if consultation.result:
            vote = _vote_text(consultation)
            entries.append(_Entry(entry_id(*key, "ergebnis"), f"Ergebnis: {when}: {consultation.result}", moment, page,
                                  consultation.result + (f" ({vote})" if vote else "")
                                  + (f". {consultation.note}" if consultation.note else "")))
        return entries

    # -- XML --

    # Titles, subtitle, summary and rights are plain text, Atom's default type (RFC 4287, 3.1.1: a processor
    # MUST read a missing type as "text"), so they name no type: 0.15 KB of every Vorlage's feed.

    def _entry_xml(self, entry: _Entry) -> str:
        parts = [
            "<entry>",
            f"<id>{entry.id}</id>",
            f"<title>{_text(entry.title)}</title>",
            f"<updated>{iso(entry.updated)}</updated>",
        ]
        if entry.published is not None:
            parts.append(f"<published>{iso(min(entry.published, entry.updated))}</published>")
        parts.append(f'<link rel="alternate" type="text/html" href={_attribute(self._href(entry.link))}/>')
        for scheme, term in entry.categories:
            parts.append(f"<category scheme={_attribute('buergerinfo:' + scheme)} term={_attribute(term)}/>")
        parts.append(f"<summary>{_text(entry.summary)}</summary>")
        parts.append("</entry>")
        return "".join(parts) + "\n"

    def _write(self, path: str, title: str, subtitle: str, page: str, author: str, updated: dt.datetime,
               entries: list[str]) -> None:
        if self.urls.base is None:
            depth = path.count("/")
            base = f' xml:base="{"../" * depth or "./"}"'
        else:
            base = ""
        head = [
            '<?xml version="1.0" encoding="utf-8"?>\n',
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"{base}>\n',
            f"<id>{entry_id('feed', path)}</id>\n",
            f"<title>{_text(title)}</title>\n",
            f"<subtitle>{_text(subtitle)}</subtitle>\n",
            f"<updated>{iso(updated)}</updated>\n",
            f"<author><name>{_text(author)}</name></author>\n",
            f'<link rel="self" type="{ATOM_TYPE}" href={_attribute(self._href(path))}/>\n',
            f'<link rel="alternate" type="text/html" href={_attribute(self._href(page) or "./")}/>\n',
            "<generator>Bürgerinfo</generator>\n",
        ]
        if self.rights:
            head.append(f"<rights>{_text(self.rights)}</rights>\n")
        with self.out.open_text(path) as file:
            file.write("".join(head))
            for entry in entries:
                file.write(entry)
            file.write("</feed>\n")


def _vote_text(consultation: Consultation) -> str:
    vote = consultation.vote
    if vote is None:
        return ""
    parts = ["einstimmig"] if vote.unanimous else []
    counts = [(label, value) for label, value in (("Ja", vote.yes), ("Nein", vote.no), ("Enthaltung", vote.abstention))
              if value is not None]
    if counts:
        parts.append(", ".join(f"{label} {value}" for label, value in counts))
    return " – ".join(parts)
