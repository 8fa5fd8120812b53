"""One loader per kind of value a deployed OParl server writes differently from the specification.

Each loader takes the value as the server sent it and gives it back as the specification
describes it, or None; every quirk it straightens out is counted through `notice` under a
German label for the report:

* "N/A", "-" or only whitespace where a value is missing;
* numbers, booleans and dates written as text, a date-time where a date is expected;
* control characters and HTML entities in texts.

Plain functions of a value: `quirks` applies them field by field to an object, `vendor`
to the fields Bürgerinfo's own export adds.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from typing import Any

from buergerinfo.reading.characters import INVISIBLE_CHARACTERS

Notice = Callable[[str], None]

# Written where a value is missing: "N/A", "n. a.", dashes, "null" …
_MISSING = re.compile(r"^(?:n\s*/\s*a|n\.\s*a\.?|null|none|undefined|nil|-+|–|—|\?)$", re.IGNORECASE)
# Characters YAML cannot hold as they are (C0/C1 controls, line separators, lone surrogates, non-characters).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


# --- one loader per quirk, each for one kind of value -----------------------------------------


def load_text(value: Any, notice: Notice) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        notice("Text erwartet, anderer Wert gefunden (ignoriert)")
        return None
    if _CONTROL.search(value):
        notice("Steuerzeichen in Texten (entfernt)")
        value = _CONTROL.sub("", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _ENTITY.search(value):
        notice("HTML-Entitäten in Texten (aufgelöst)")
        value = html.unescape(value)
    stripped = value.strip()
    if not stripped:
        if value:
            notice("Nur Leerzeichen statt eines fehlenden Werts")
        return None
    if _MISSING.match(stripped):
        notice("Platzhalter wie „N/A“ statt eines fehlenden Werts")
        return None
    return stripped


def load_markdown(value: Any, notice: Notice) -> str | None:
    """A Markdown text: cleaned like `load_text`, but its line breaks at the end stay (a block keeps them)."""
    stripped = load_text(value, notice)
    if stripped is None or not isinstance(value, str):
        return stripped
    text = _CONTROL.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    if _ENTITY.search(text):
        text = html.unescape(text)
    return text.strip(" \t") if text.strip() == stripped else stripped


def visible(text: str) -> str:
    """`text` without the invisible characters the check refuses (a soft hyphen joins its word again, a zero-width
    or direction character becomes a space): real servers send them inside result wordings and names."""
    text = INVISIBLE_CHARACTERS.sub(" ", text.replace("\u00ad", ""))
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", text).strip()


def load_line(value: Any, notice: Notice) -> str | None:
    """A name or title: one line. Line breaks, tabs and non-breaking spaces in it (SessionNet wraps long names,
    SD.NET pads with NBSP) become one space, or a Betreff would show a break nobody meant."""
    text = load_text(value, notice)
    if text is None:
        return None
    line = " ".join(visible(text).replace("\u00a0", " ").replace("\u202f", " ").split())
    if line != text:
        notice("Zeilenumbrüche oder geschützte Leerzeichen in Namen (zu einem Leerzeichen)")
    return line or None


def load_url(value: Any, notice: Notice) -> str | None:
    if isinstance(value, list):
        notice("Liste, wo eine einzelne Adresse erwartet wird")
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        return load_url(value.get("id"), notice)
    text = load_text(value, notice)
    if text is None:
        return None
    if not re.match(r"^https?://\S+$", text):
        notice("Ungültige Adresse (ignoriert)")
        return None
    return text


def load_date(value: Any, notice: Notice) -> dt.date | None:
    text = load_text(value, notice)
    if text is None:
        return None
    german = _GERMAN_DATE.match(text)
    try:
        if german:
            notice("Datum im deutschen Format (TT.MM.JJJJ)")
            return dt.date(int(german.group(3)), int(german.group(2)), int(german.group(1)))
        if len(text) > 10:
            notice("Zeitpunkt, wo ein Datum erwartet wird")
            return dt.datetime.fromisoformat(text).date()
        return dt.date.fromisoformat(text)
    except ValueError:
        notice("Ungültiges Datum (ignoriert)")
        return None


def load_datetime(value: Any, notice: Notice) -> dt.datetime | dt.date | None:
    """A date-time as written (its own offset kept: the local time is what a reader knows); a bare date stays a date."""
    text = load_text(value, notice)
    if text is None:
        return None
    try:
        if len(text) <= 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        date = load_date(text, notice)
        if date is None:
            notice("Ungültiger Zeitpunkt (ignoriert)")
        return date


def load_bool(value: Any, notice: Notice) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "ja", "yes"):
        notice("Wahrheitswert als Text oder Zahl")
        return True
    if text in ("false", "0", "nein", "no"):
        notice("Wahrheitswert als Text oder Zahl")
        return False
    if load_text(value, notice) is not None:
        notice("Ungültiger Wahrheitswert (ignoriert)")
    return None


def load_int(value: Any, notice: Notice) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = load_text(value, notice)
    if text is not None and re.fullmatch(r"\d+", text):
        notice("Zahl als Text")
        return int(text)
    if text is not None:
        notice("Ungültige Zahl (ignoriert)")
    return None


def load_texts(value: Any, notice: Notice) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [text for text in (load_text(v, notice) for v in values) if text]


SCALAR_LOADERS: dict[str, Callable[[Any, Notice], Any]] = {
    "text": load_text,
    "line": load_line,
    "texts": load_texts,
    "url": load_url,
    "date": load_date,
    "datetime": load_datetime,
    "bool": load_bool,
    "int": load_int,
}
