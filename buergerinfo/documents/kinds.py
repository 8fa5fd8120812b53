"""Which Anlagen the site may publish as they are, and which text reader fits each.

The site serves every Anlage from its own origin. A file a browser would run as a page (HTML,
XHTML, SVG, XML, which may carry XHTML script or pull in an XSLT stylesheet that makes HTML) would
run its script with the site's origin: it could rewrite pages, read what a visitor typed into the
search. Such files are refused, by their name and by their content, whatever their suffix says;
a file whose content does not match its suffix is refused too, since a browser may sniff it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Published as they are: suffix → (kind, German type name, magic numbers the content starts with).
# "kind" names the text reader (model.TYPE_NAMES); "image" and "office" have none.
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc, .xls, .ppt (Office 97-2003)
PUBLISHED: dict[str, tuple[str, str, tuple[bytes, ...]]] = {
    ".pdf": ("pdf", "PDF", ()),  # checked separately: "%PDF-" may follow up to 1 KB of junk
    ".png": ("image", "PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image", "JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("image", "JPEG", (b"\xff\xd8\xff",)),
    ".gif": ("image", "GIF", (b"GIF87a", b"GIF89a")),
    ".webp": ("image", "WebP", (b"RIFF",)),
    ".docx": ("docx", "Word", _ZIP),
    ".xlsx": ("xlsx", "Excel", _ZIP),
    ".pptx": ("office", "PowerPoint", _ZIP),
    ".doc": ("office", "Word", _OLE),
    ".xls": ("office", "Excel", _OLE),
    ".ppt": ("office", "PowerPoint", _OLE),
    ".odt": ("odt", "OpenDocument-Text", _ZIP),
    ".ods": ("ods", "OpenDocument-Tabellen", _ZIP),
    ".odp": ("office", "OpenDocument-Präsentation", _ZIP),
    ".txt": ("text", "Text", ()),
    ".csv": ("text", "CSV", ()),
}

# Refused by name: what a browser renders as a document with script.
ACTIVE_SUFFIXES = frozenset(
    ".html .htm .shtml .xhtml .xht .mht .mhtml .svg .svgz .xml .xsl .xslt .js .mjs .swf .hta".split()
)

EXPECTED = "Erwartet wird PDF, ein Bild (PNG, JPEG, GIF, WebP), ein Office- oder OpenDocument-Dokument, Text oder CSV."

# Starts of content a browser sniffs as HTML (WHATWG MIME Sniffing, "rules for identifying an
# unknown MIME type"), each followed by a space or ">"; plus SVG and XML, which render with script.
_HTML_STARTS = tuple(
    b"<" + tag
    for tag in b"!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg|math".split(b"|")
)
_TAG_ENDS = b" \t\n\x0c\r>/"
_SNIFF_BYTES = 1445  # the WHATWG sniffing window


@dataclass(frozen=True)
class Verdict:
    """Whether an Anlage may be published; `message` (German) says what is wrong and what is expected."""

    allowed: bool
    kind: str | None
    message: str | None = None


def classify(path: Path | str, head: bytes | None = None) -> Verdict:
    """The verdict for a file by its name and its first bytes (read from `path` unless given)."""
    suffix = PurePosixPath(str(path)).suffix.lower()
    if head is None:
        try:
            with open(path, "rb") as file:
                head = file.read(_SNIFF_BYTES)
        except FileNotFoundError:
            return Verdict(False, None, "Die Datei wurde nicht gefunden.")
        except OSError:
            return Verdict(False, None, "Die Datei kann nicht gelesen werden (keine Berechtigung oder ein Ordner).")
    if suffix in ACTIVE_SUFFIXES:
        return Verdict(False, None, _active_message(f"Dateien mit der Endung „{suffix}“"))
    sniffed = sniff_active(head)
    if sniffed:
        return Verdict(False, None, _active_message(f"Der Inhalt der Datei ist {sniffed}; solche Dateien"))
    if suffix not in PUBLISHED:
        named = f"Die Endung „{suffix}“" if suffix else "Eine Datei ohne Endung"
        return Verdict(False, None, f"{named} ist für Anlagen nicht vorgesehen. {EXPECTED}")
    kind, type_name, magics = PUBLISHED[suffix]
    if suffix == ".pdf":
        matches = b"%PDF-" in head[:1024]
    elif magics:
        matches = head.startswith(magics) and (suffix != ".webp" or head[8:12] == b"WEBP")
    else:
        matches = b"\x00" not in head or head.startswith((b"\xff\xfe", b"\xfe\xff"))  # text; UTF-16 has NULs
    if not matches:
        return Verdict(
            False, kind, f"Der Inhalt der Datei passt nicht zur Endung „{suffix}“: Erwartet wird eine {type_name}-Datei."
        )
    return Verdict(True, kind)


def is_active_content(path: Path | str, head: bytes | None = None) -> bool:
    """Whether a browser could run the file as a page (by name or by content)."""
    suffix = PurePosixPath(str(path)).suffix.lower()
    if suffix in ACTIVE_SUFFIXES:
        return True
    if head is None:
        try:
            with open(path, "rb") as file:
                head = file.read(_SNIFF_BYTES)
        except OSError:
            return False
    return bool(sniff_active(head))


def name_problem(name: str) -> str | None:
    """For an Anlage given as an address (no content to look at): the German message if its name is refused."""
    suffix = PurePosixPath(name.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    if suffix in ACTIVE_SUFFIXES:
        return _active_message(f"Dateien mit der Endung „{suffix}“")
    return None


def stored_name_problem(name: str) -> str | None:
    """For a file of the Anlagen-Ablage, judged by its name alone (the check does not read it): why it is refused."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in ACTIVE_SUFFIXES:
        return _active_message(f"Dateien mit der Endung „{suffix}“")
    if suffix not in PUBLISHED:
        return f"Die Endung „{suffix}“ ist für Anlagen nicht vorgesehen. {EXPECTED}"
    return None


def sniff_active(head: bytes) -> str | None:
    """"HTML", "SVG" or "XML" if a browser would take content starting like this for such a page."""
    text = head[:_SNIFF_BYTES]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if text.startswith(bom):
            text = text[len(bom) :]
            break
    if text[:1] == b"\x00" or text[1:2] == b"\x00":  # UTF-16: look at its ASCII bytes
        text = text.replace(b"\x00", b"")
    text = text.lstrip(b" \t\n\x0c\r").lower()
    if text.startswith(b"<?xml"):
        return "SVG" if b"<svg" in text else "XML"
    if text.startswith(b"<!--"):
        return "HTML"
    for start in _HTML_STARTS:
        if text.startswith(start) and text[len(start) : len(start) + 1] in (b"",) + tuple(bytes([c]) for c in _TAG_ENDS):
            return "SVG" if start == b"<svg" else "HTML"
    return None


def _active_message(subject: str) -> str:
    return (
        f"{subject} kann ein Browser als Webseite mit Skripten ausführen; als Anlage würden sie auf dieser "
        f"Website laufen und werden deshalb nicht veröffentlicht. {EXPECTED} Eine Webseite bitte als PDF speichern."
    )
