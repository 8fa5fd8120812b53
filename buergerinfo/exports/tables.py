"""All Vorlagen and all Beratungen as tables: CSV (RFC 4180, UTF-8) and JSON, site-wide and per Körperschaft.

One row per Vorlage and one per Beratung, written row by row into all files at once while the
Vorlagen are read once, in a stable order (Körperschaft, file name). Every file is gzip-compressed
(`vorlagen.csv.gz`): the same rows site-wide and per Körperschaft in two formats were a fifth of the
site's bytes, and a site on GitHub or GitLab Pages must stay within 1 GB; Frictionless Data
Packages describe such files with `compression: gz`. Every file's size and SHA-256 (of the
compressed bytes, the file as published) are counted while it is written, for the Data Package
that describes them (`datapackage`). A nicht öffentliche Beratung is a row with Gremium, day and `oeffentlich = false`,
as on the Vorlage page.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO

from buergerinfo.compression import SyncedGzip
from buergerinfo.exports.dates import ExportDates, iso
from buergerinfo.exports.links import DATA_FOLDER, PageAddresses, SiteUrls
from buergerinfo.exports.oparl_urls import OParlIds
from buergerinfo.exports.output import OutputFolder
from buergerinfo.model.paper import Consultation
from buergerinfo.model.structure import PaperRecord
from buergerinfo.views.views import Views

FORMATS = ("csv", "json")
COMPRESSION = "gz"  # Data Package's name for it, and the files' last suffix
# zlib's default: level 9 saved under 2 % more at twice the time.
_LEVEL = 6


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, boolean, date, datetime
    title: str
    description: str = ""
    url: bool = False  # an address (Table Schema format "uri" when the site's address is known)


@dataclass(frozen=True)
class Table:
    name: str  # "vorlagen" or "beratungen"
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]


PAPERS = Table(
    "vorlagen",
    "Vorlagen",
    "Eine Zeile je öffentlicher Vorlage.",
    (
        Column("koerperschaft", "string", "Körperschaft (Schlüssel)"),
        Column("koerperschaft_name", "string", "Körperschaft"),
        Column("vorlage", "string", "Vorlage (Schlüssel)", "Dateiname der Vorlage, Teil ihrer Adresse"),
        Column("nummer", "string", "Vorlagen-Nr."),
        Column("betreff", "string", "Betreff"),
        Column("art", "string", "Art der Vorlage"),
        Column("datum", "date", "Datum der Vorlage"),
        Column("status", "string", "Stand", "Stand am Tag der Veröffentlichung dieser Datei"),
        Column("naechste_beratung", "date", "Nächste Beratung"),
        Column("letztes_ergebnis", "string", "Letztes Ergebnis", "Ergebnis der jüngsten öffentlichen Beratung mit Ergebnis"),
        Column("aktenzeichen", "string", "Aktenzeichen"),
        Column("federfuehrend", "string", "Federführend"),
        Column("bearbeiter", "string", "Bearbeiter/in"),
        Column("einreicher", "string", "Einreicher", "Name (Funktion), mehrere durch „; “ getrennt"),
        Column("beratungen", "integer", "Anzahl der Beratungen"),
        Column("erste_beratung", "date", "Erste Beratung"),
        Column("letzte_beratung", "date", "Letzte Beratung"),
        Column("themen", "string", "Dossiers (Schlüssel)", "durch „; “ getrennt"),
        Column("bezuege", "string", "Bezüge", "Vorlagen-Nummern derselben Körperschaft, durch „; “ getrennt"),
        Column("anlagen", "integer", "Anzahl der Anlagen"),
        Column("anlagen_text", "string", "Text der Anlagen",
               "je Anlage mit Datei auf dieser Website die Adresse ihres Textes (die Adresse der Datei mit „.txt“ "
               "dahinter; UTF-8, jede Seite nach einer Zeile „--- Seite N ---“), durch „; “ getrennt"),
        Column("beschlussvorschlag", "string", "Beschlussvorschlag", "Text in Markdown"),
        Column("sachverhalt", "string", "Sachverhalt / Begründung", "Text in Markdown"),
        Column("url", "string", "Seite der Vorlage", url=True),
        Column("oparl", "string", "OParl-Objekt (Paper)", url=True),
        Column("erstellt", "datetime", "Erstellt", "erste Fassung der Datendatei"),
        Column("geaendert", "datetime", "Geändert", "letzte Änderung der Datendatei"),
    ),
    ("koerperschaft", "vorlage"),
)

CONSULTATIONS = Table(
    "beratungen",
    "Beratungen",
    "Eine Zeile je Beratung einer öffentlichen Vorlage; von einer nicht öffentlichen Beratung nur Gremium und Tag.",
    (
        Column("koerperschaft", "string", "Körperschaft (Schlüssel)"),
        Column("vorlage", "string", "Vorlage (Schlüssel)"),
        Column("position", "integer", "Position in der Beratungsfolge", "1 für die erste Beratung"),
        Column("nummer", "string", "Vorlagen-Nr."),
        Column("betreff", "string", "Betreff der Vorlage"),
        Column("gremium", "string", "Gremium (Schlüssel)"),
        Column("gremium_name", "string", "Gremium"),
        Column("datum", "date", "Sitzungstag"),
        Column("oeffentlich", "boolean", "Öffentlich"),
        Column("rolle", "string", "Rolle", "z. B. Vorberatung, Entscheidung"),
        Column("top", "string", "Tagesordnungspunkt"),
        Column("sitzung", "string", "Sitzung"),
        Column("ergebnis", "string", "Ergebnis (Beschlussart)"),
        Column("ergebnis_wortlaut", "string", "Ergebnis im Wortlaut der Quelle",
               "das Ergebnis, wie das Ratsinformationssystem es schrieb, aus dem die Beratung übernommen ist"),
        Column("ergebnis_abgeleitet", "boolean", "Ergebnis abgeleitet",
               "true: das Ergebnis ist nur aus der Stimmenzahl abgeleitet (mehr Ja- als Nein-Stimmen); "
               "leer, wenn kein Ergebnis eingetragen ist"),
        Column("ja", "integer", "Ja-Stimmen"),
        Column("nein", "integer", "Nein-Stimmen"),
        Column("enthaltung", "integer", "Enthaltungen"),
        Column("einstimmig", "boolean", "Einstimmig"),
        Column("bemerkung", "string", "Bemerkung"),
        Column("sitzung_url", "string", "Seite der Sitzung", url=True),
        Column("vorlage_url", "string", "Seite der Vorlage", url=True),
    ),
    ("koerperschaft", "vorlage", "position"),
)

TABLES = (PAPERS, CONSULTATIONS)


@dataclass(frozen=True)
class TableFile:
    path: str  # site-relative
    table: Table
    format: str  # "csv" or "json"
    body_id: str | None  # None: the whole site
    rows: int
    bytes: int
    sha256: str


def write_tables(
    views: Views, base_url: str | None, out: OutputFolder, pages: PageAddresses, *, dates: ExportDates | None = None
) -> list[TableFile]:
    """Write vorlagen.csv.gz/.json.gz and beratungen.csv.gz/.json.gz for the site and for each Körperschaft."""
    rows = _Rows(views, SiteUrls(base_url), pages, dates or ExportDates(views.archive))
    records = sorted(views.archive.papers, key=lambda r: (r.body_id, r.id))
    written: list[TableFile] = []
    encoders = {(table.name, kind): _Encoder(table, kind) for table in TABLES for kind in FORMATS}
    with ExitStack() as site_files:
        site = {(table.name, kind): site_files.enter_context(_sink(out, table, kind, None)) for table in TABLES
                for kind in FORMATS}
        position = 0
        for body_id in sorted(views.archive.bodies):
            with ExitStack() as body_files:
                sinks = {(table.name, kind): body_files.enter_context(_sink(out, table, kind, body_id))
                         for table in TABLES for kind in FORMATS}
                while position < len(records) and records[position].body_id == body_id:
                    record = records[position]
                    position += 1
                    for table, row in [(PAPERS, rows.paper(record))] + [
                        (CONSULTATIONS, row) for row in rows.consultations(record)
                    ]:
                        for kind in FORMATS:
                            # Encoded once, written to the site's file and the Körperschaft's.
                            text = encoders[(table.name, kind)].encode(row)
                            site[(table.name, kind)].add(text)
                            sinks[(table.name, kind)].add(text)
            written += [sink.result() for sink in sinks.values()]
    written += [sink.result() for sink in site.values()]
    return written


def table_path(table: Table, kind: str, body_id: str | None) -> str:
    folder = f"{DATA_FOLDER}/{body_id}" if body_id else DATA_FOLDER
    return f"{folder}/{table.name}.{kind}.{COMPRESSION}"


class _Encoder:
    """A row as a line of CSV (RFC 4180: CRLF line ends, fields quoted where they must be) or as JSON."""

    def __init__(self, table: Table, kind: str) -> None:
        self.kind = kind
        self.names = [column.name for column in table.columns]
        self._line = ""
        self._csv = csv.writer(self, lineterminator="\r\n")

    def write(self, text: str) -> None:  # the csv writer's output
        self._line = text

    def header(self) -> str:
        self._csv.writerow(self.names)
        return self._line

    def encode(self, row: dict[str, Any]) -> str:
        if self.kind == "csv":
            self._csv.writerow([_csv_value(row[name]) for name in self.names])
            return self._line
        return json.dumps({name: _json_value(row[name]) for name in self.names}, ensure_ascii=False)


class _Counted(io.RawIOBase):
    """The file on disk: counts and hashes the compressed bytes on their way into it."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.bytes = 0
        self.hash = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.file.write(data)
        self.hash.update(data)
        self.bytes += len(data)
        return len(data)


class _Sink:
    """One table file: encoded rows in, gzip-compressed bytes out, counted and hashed on the way."""

    def __init__(self, file: BinaryIO, path: str, table: Table, kind: str, body_id: str | None) -> None:
        self.path, self.table, self.kind, self.body_id = path, table, kind, body_id
        self.rows = 0
        self._disk = _Counted(file)
        # Two builds of the same data write the same bytes, and an rsync deploy sends an edit as a delta.
        self.file = SyncedGzip(self._disk, _LEVEL)
        if kind == "csv":
            self.write(_Encoder(table, kind).header())

    def write(self, text: str) -> None:
        self.file.write(text.encode("utf-8"))

    def add(self, text: str) -> None:
        if self.kind == "json":
            text = ("[\n" if self.rows == 0 else ",\n") + text
        self.write(text)
        self.rows += 1

    def close(self) -> None:
        if self.kind == "json":
            self.write("]\n" if self.rows else "[]\n")
        self.file.close()  # ends the gzip stream; the file on disk stays open

    def result(self) -> TableFile:
        return TableFile(self.path, self.table, self.kind, self.body_id, self.rows, self._disk.bytes,
                         self._disk.hash.hexdigest())


@contextmanager
def _sink(out: OutputFolder, table: Table, kind: str, body_id: str | None) -> Iterator[_Sink]:
    path = table_path(table, kind, body_id)
    with out.open_bytes(path) as file:
        sink = _Sink(file, path, table, kind, body_id)
        yield sink
        sink.close()


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _joined(values: list[str]) -> str | None:
    return "; ".join(values) if values else None


class _Rows:
    def __init__(self, views: Views, urls: SiteUrls, pages: PageAddresses, dates: ExportDates) -> None:
        self.views, self.urls, self.pages, self.dates = views, urls, pages, dates
        self.ids = OParlIds(urls) if urls.base is not None else None

    def _url(self, path: str) -> str:
        return self.urls.absolute(path) if self.urls.base is not None else path

    def paper(self, record: PaperRecord) -> dict[str, Any]:
        paper = record.paper
        body = self.views.body(record.body_id).body
        status = self.views.status(record)
        days = [c.date for c in paper.consultations]
        results = [c.result for c in sorted(paper.consultations, key=lambda c: c.date) if c.public and c.result]
        stamps = self.dates.paper(record)
        return {
            "koerperschaft": record.body_id,
            "koerperschaft_name": body.name,
            "vorlage": record.id,
            "nummer": paper.reference,
            "betreff": paper.name,
            "art": paper.paper_type,
            "datum": paper.date,
            "status": status.badge.label,
            "naechste_beratung": status.next_consultation.date if status.next_consultation else None,
            "letztes_ergebnis": results[-1] if results else None,
            "aktenzeichen": paper.file_number,
            "federfuehrend": paper.under_direction_of,
            "bearbeiter": paper.clerk,
            "einreicher": _joined([p.name + (f" ({p.role})" if p.role else "") for p in paper.originators]),
            "beratungen": len(paper.consultations),
            "erste_beratung": min(days) if days else None,
            "letzte_beratung": max(days) if days else None,
            "themen": _joined(list(paper.topics)),
            "bezuege": _joined(list(paper.related_papers)),
            "anlagen": len(paper.auxiliary_files),
            # Written by the site beside each file (hooks/site_anlagen.py), also when no text could be read.
            "anlagen_text": _joined([self._url(self.pages.attachment(a.site_relative) + ".txt")
                                     for a in paper.auxiliary_files if a.site_relative]),
            "beschlussvorschlag": paper.resolution_proposal,
            "sachverhalt": paper.reasoning,
            "url": self._url(self.pages.paper(record)),
            "oparl": self.ids.paper(record) if self.ids else None,
            "erstellt": iso(stamps.created),
            "geaendert": iso(stamps.modified),
        }

    def consultations(self, record: PaperRecord) -> Iterator[dict[str, Any]]:
        for position, consultation in enumerate(record.paper.consultations, start=1):
            yield self._consultation(record, position, consultation)

    def _consultation(self, record: PaperRecord, position: int, consultation: Consultation) -> dict[str, Any]:
        vote = consultation.vote
        count: Callable[[str], Any] = (lambda name: getattr(vote, name)) if vote else (lambda name: None)
        return {
            "koerperschaft": record.body_id,
            "vorlage": record.id,
            "position": position,
            "nummer": record.paper.reference,
            "betreff": record.paper.name,
            "gremium": consultation.organization,
            "gremium_name": self.views.organization(record.body_id, consultation.organization).name,
            "datum": consultation.date,
            "oeffentlich": consultation.public,
            "rolle": consultation.role,
            "top": consultation.agenda_item,
            "sitzung": consultation.meeting_name,
            "ergebnis": consultation.result,
            "ergebnis_wortlaut": consultation.result_wording,
            "ergebnis_abgeleitet": consultation.result_derived if consultation.result else None,
            "ja": count("yes"),
            "nein": count("no"),
            "enthaltung": count("abstention"),
            "einstimmig": count("unanimous"),
            "bemerkung": consultation.note,
            "sitzung_url": self._url(self.pages.meeting(self.views.meeting_of(record, consultation))),
            "vorlage_url": self._url(self.pages.paper(record)),
        }
