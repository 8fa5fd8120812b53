"""What reading an Anlage gives: the text per page, which pages are scans, and what went wrong."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

from . import limits as _limits


@dataclass(frozen=True)
class Limits:
    """The bounds for one file; the defaults are the named constants in `limits`."""

    max_pages: int = _limits.MAX_PAGES
    max_chars: int = _limits.MAX_CHARS
    time_limit: float = _limits.TIME_LIMIT_SECONDS
    ocr_time_limit: float = _limits.OCR_TIME_LIMIT_SECONDS
    max_ocr_pages: int = _limits.MAX_OCR_PAGES
    ocr_page_timeout: float = _limits.OCR_PAGE_TIMEOUT_SECONDS
    # None: OCR runs where tesseract with German is installed, unless BUERGERINFO_OCR=0.
    ocr: bool | None = None

    def with_ocr(self, available: bool) -> Limits:
        """These limits with `ocr` decided: asked for, allowed by the environment, and possible."""
        wanted = self.ocr if self.ocr is not None else os.environ.get("BUERGERINFO_OCR", "1") != "0"
        return replace(self, ocr=bool(wanted and available))

    def seconds(self) -> float:
        """The whole time for one file: reading its text, then OCR of its scans if that is on."""
        return self.time_limit + (self.ocr_time_limit if self.ocr else 0)


# The readers (runner.reader_for) and how a message names their files' type.
TYPE_NAMES = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "odt": "OpenDocument-Text",
    "ods": "OpenDocument-Tabellen",
    "text": "Text",
}

# German texts for editors; {datei} is the file's name, the rest are a problem's details.
MESSAGES = {
    "encrypted": "„{datei}“: Die PDF-Datei ist mit einem Passwort geschützt; ihr Text kann nicht gelesen werden. "
    "Erwartet wird eine PDF-Datei ohne Passwort zum Öffnen.",
    "damaged": "„{datei}“: Die Datei ist beschädigt oder keine gültige {art}-Datei ({grund}); ihr Text kann nicht "
    "gelesen werden. Erwartet wird eine vollständige, unveränderte {art}-Datei.",
    "truncated": "„{datei}“: Das Ende der PDF-Datei fehlt (unvollständig hochgeladen oder übertragen?); gelesen "
    "wurde, was vorhanden ist. Erwartet wird die vollständige Datei.",
    "damaged_pages": "„{datei}“: Seite {seiten} der PDF-Datei ist beschädigt und bleibt ohne Text; die übrigen "
    "Seiten wurden gelesen.",
    "unreadable": "„{datei}“: Die Datei kann nicht gelesen werden ({grund}).",
    "zip_bomb": "„{datei}“: Die Datei entpackt sich auf mehr als {grenze} (Zip-Bombe oder übergroße Datei); "
    "ihr Text wird nicht gelesen.",
    "too_many_pages": "„{datei}“: Die Datei hat {gesamt} Seiten; gelesen werden nur die ersten {grenze}.",
    "too_many_chars": "„{datei}“: Der Text ist länger als {grenze} Zeichen; der Rest wird nicht durchsucht.",
    "timeout": "„{datei}“: Das Lesen des Textes wurde nach {sekunden} Sekunden abgebrochen; die Datei ist "
    "beschädigt oder zu aufwendig aufgebaut. {gelesen}",
    "scanned": "„{datei}“: {anzahl} Seite(n) sind gescannt und haben keine Textebene ({seiten}); ohne "
    "Texterkennung ist ihr Text nicht durchsuchbar. Besser: eine PDF-Datei mit Textebene (durchsuchbares PDF).",
    "ocr_limit": "„{datei}“: Texterkennung nur für die ersten {grenze} gescannten Seiten; {rest} weitere "
    "Seite(n) bleiben ohne Text.",
    "ocr_timeout": "„{datei}“: Die Texterkennung wurde nach {sekunden} Sekunden beendet; {rest} gescannte "
    "Seite(n) bleiben ohne Text.",
    "ocr_failed": "„{datei}“: Die Texterkennung ist auf Seite {seite} fehlgeschlagen ({grund}).",
    "unsupported": "„{datei}“: Aus Dateien der Art „{art}“ wird kein Text gelesen.",
}


def message(code: str, name: str, details: dict[str, Any]) -> str:
    return MESSAGES[code].format(datei=name, **details)


@dataclass
class Extraction:
    """The text of one Anlage. Page numbers are 1-based; for a spreadsheet a sheet is a page.

    For a .docx or .odt the pages are those the authoring program last laid out (the page breaks it
    wrote into the file); a file without them is one page.
    """

    name: str
    kind: str
    pages: list[str] = field(default_factory=list)
    # Pages the file has; more than len(pages) when MAX_PAGES cut it.
    page_count: int = 0
    # Pages without a text layer, whether OCR then read them or not.
    scanned_pages: list[int] = field(default_factory=list)
    # Pages whose text came from OCR.
    ocr_pages: list[int] = field(default_factory=list)
    # A name per page where the file has one (the sheet names of a spreadsheet), else empty.
    page_labels: list[str] = field(default_factory=list)
    # (code, details) pairs; `warnings` words them in German with the file's name.
    problems: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [message(code, self.name, details) for code, details in self.problems]

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)

    def page(self, number: int) -> str:
        """The text of page `number` (1-based)."""
        if number < 1:
            raise IndexError(number)
        return self.pages[number - 1]

    def problem_codes(self) -> list[str]:
        return [code for code, _ in self.problems]

    def add(self, code: str, **details: Any) -> None:
        self.problems.append((code, details))

    def to_json(self) -> dict[str, Any]:
        """The fields the cache stores; the file's name is not among them (the same content may have many)."""
        return {
            "kind": self.kind,
            "pages": self.pages,
            "page_count": self.page_count,
            "scanned_pages": self.scanned_pages,
            "ocr_pages": self.ocr_pages,
            "page_labels": self.page_labels,
            "problems": [[code, details] for code, details in self.problems],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], name: str) -> Extraction:
        """Rebuilds an Extraction from `to_json`; raises ValueError/TypeError/KeyError on anything else."""
        pages = data["pages"]
        if not isinstance(pages, list) or not all(isinstance(text, str) for text in pages):
            raise ValueError("pages")
        numbers = [data["scanned_pages"], data["ocr_pages"]]
        if not all(isinstance(n, int) for values in numbers for n in values):
            raise ValueError("page numbers")
        problems = [(str(code), dict(details)) for code, details in data["problems"]]
        if any(code not in MESSAGES for code, _ in problems):
            raise ValueError("problem code")
        return cls(
            name=name,
            kind=str(data["kind"]),
            pages=pages,
            page_count=int(data["page_count"]),
            scanned_pages=list(data["scanned_pages"]),
            ocr_pages=list(data["ocr_pages"]),
            page_labels=[str(label) for label in data["page_labels"]],
            problems=problems,
        )
