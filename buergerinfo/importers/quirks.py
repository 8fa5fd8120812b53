"""Loaders for the quirks of deployed OParl servers, kept out of the mapping code.

The mapping (`mapping.py`) reads objects as the specification describes them.
Everything a real server does differently is straightened out here first, one
small loader per quirk, each counted under a German label for the report:

* a single object where the specification has an array (e.g. `auxiliaryFile`);
* "N/A", "-" or only whitespace where a value is missing;
* an embedded object where a URL is expected, and a URL where an embedded object is expected;
* an object whose `id` differs from the address it was fetched from;
* numbers, booleans and dates written as text, a date-time where a date is expected;
* control characters and HTML entities in texts.

`FIELDS` lists, per OParl type, the fields the import reads and what each one
should be; fields not listed (vendor extensions among them) pass through untouched.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from buergerinfo.importers.http import FetchError, HttpClient, NotFound, Page

Notice = Callable[[str], None]

_COMMON = {"id": "url", "type": "text", "created": "datetime", "modified": "datetime", "deleted": "bool"}

FIELDS: dict[str, dict[str, str]] = {
    "System": {"body": "url", "name": "text", "oparlVersion": "text", "vendor": "text", "product": "text"},
    "Body": {
        "name": "text", "shortName": "text", "website": "url", "classification": "text",
        "organization": "url", "person": "url", "meeting": "url", "paper": "url",
        "agendaItem": "url", "consultation": "url", "file": "url",
    },
    "Organization": {
        "name": "text", "shortName": "text", "organizationType": "text", "classification": "text",
        "startDate": "date", "endDate": "date",
    },
    "Person": {"name": "text", "familyName": "text", "givenName": "text", "affix": "text", "title": "texts"},
    "Meeting": {
        "name": "text", "start": "datetime", "end": "datetime", "cancelled": "bool",
        "organization": "refs:Organization", "location": "obj:Location", "agendaItem": "objs:AgendaItem",
    },
    "AgendaItem": {
        "number": "text", "order": "int", "name": "text", "public": "bool", "result": "text",
        "resolutionText": "text", "meeting": "ref:Meeting", "consultation": "ref:Consultation", "start": "datetime",
    },
    "Location": {
        "description": "text", "streetAddress": "text", "room": "text", "postalCode": "text",
        "locality": "text", "subLocality": "text",
    },
    "Paper": {
        "name": "text", "reference": "text", "date": "date", "paperType": "text",
        "relatedPaper": "refs:Paper", "superordinatedPaper": "refs:Paper", "subordinatedPaper": "refs:Paper",
        "originatorPerson": "refs:Person", "originatorOrganization": "refs:Organization",
        "underDirectionOf": "refs:Organization", "mainFile": "obj:File", "auxiliaryFile": "objs:File",
        "consultation": "objs:Consultation",
    },
    "Consultation": {
        "paper": "ref:Paper", "agendaItem": "ref:AgendaItem", "meeting": "ref:Meeting",
        "organization": "refs:Organization", "authoritative": "bool", "role": "text",
    },
    "File": {
        "name": "text", "fileName": "text", "mimeType": "text", "date": "date", "size": "int",
        "sha1Checksum": "text", "sha512Checksum": "text", "accessUrl": "url", "downloadUrl": "url",
    },
}

# Written where a value is missing: "N/A", "n. a.", dashes, "null" …
_MISSING = re.compile(r"^(?:n\s*/\s*a|n\.\s*a\.?|null|none|undefined|nil|-+|–|—|\?)$", re.IGNORECASE)
# Characters YAML cannot hold as they are (C0/C1 controls, line separators, lone surrogates, non-characters).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def type_name(value: Any) -> str | None:
    """`https://schema.oparl.org/1.1/Paper` (or 1.0, or plain `Paper`) -> `Paper`."""
    if not isinstance(value, str):
        return None
    name = value.rstrip("/").rsplit("/", 1)[-1]
    return name if name in FIELDS else None


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
    "texts": load_texts,
    "url": load_url,
    "date": load_date,
    "datetime": load_datetime,
    "bool": load_bool,
    "int": load_int,
}


# --- objects --------------------------------------------------------------------------------------


class ObjectSource:
    """Normalized OParl objects: fetched, cached, with every quirk above straightened out.

    The cache is bounded, so walking a city's archive does not keep it in memory.
    """

    def __init__(self, client: HttpClient, notice: Notice, missing: Callable[[str, str, str], None],
                 cache_size: int = 4000) -> None:
        self.client = client
        self.notice = notice
        self.missing = missing  # (url, OParl type, German reason)
        self._cache: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._cache_size = cache_size
        self._failed: set[str] = set()
        self._documents: OrderedDict[str, Any] = OrderedDict()

    # -- fetching --

    def get(self, url: str | None, kind: str) -> dict[str, Any] | None:
        """The object at `url`, or None (reported once through `missing`) if the server does not give it."""
        if not url:
            return None
        cached = self._cache.get(url)
        if cached is not None:
            self._cache.move_to_end(url)
            return cached
        if url in self._failed:
            return None
        document_url, fragment = urllib.parse.urldefrag(url)
        try:
            raw = self._document(document_url)
        except NotFound:
            self._failed.add(url)
            self.missing(url, kind, "nicht gefunden (HTTP 404)")
            return None
        except FetchError as exc:
            self._failed.add(url)
            self.missing(url, kind, exc.message.removeprefix(f"{document_url}: "))
            return None
        if isinstance(raw, dict) and fragment and type_name(raw.get("type")) != kind:
            # A hash URI (…/paper/1.json#beratung-2): the object stands inside the document it names.
            raw = _inner_object(raw, url, fragment)
        if not isinstance(raw, dict):
            self._failed.add(url)
            self.missing(url, kind, "kein OParl-Objekt")
            return None
        if isinstance(raw.get("data"), list) and "id" not in raw:
            self.notice("Liste, wo ein einzelnes Objekt erwartet wird")
            raw = raw["data"][0] if raw["data"] and isinstance(raw["data"][0], dict) else {}
        own_id = load_url(raw.get("id"), self.notice)
        if own_id is None:
            self.notice("Objekt ohne „id“ (Abrufadresse verwendet)")
        elif own_id != url:
            # The rest of the data points here with `url`; that is the name that keeps it together.
            self.notice("„id“ weicht von der Abrufadresse ab (Abrufadresse verwendet)")
        obj = self.normalize({**raw, "id": url}, kind)
        if obj is None:
            return None
        self.remember(obj, also=own_id)
        return obj

    def _document(self, url: str) -> Any:
        """The JSON at `url`; the last few are kept, as several hash URIs usually name the same document."""
        if url in self._documents:
            self._documents.move_to_end(url)
            return self._documents[url]
        document = self.client.get_json(url)
        self._documents[url] = document
        if len(self._documents) > 16:
            self._documents.popitem(last=False)
        return document

    def pages(self, url: str, kind: str, params: dict[str, str] | None = None) -> Iterator[tuple[Page, list[dict]]]:
        """Each page of a list with its normalized objects."""
        for page in self.client.walk(url, params):
            objects = []
            for item in page.items:
                obj = self.object_or_fetch(item, kind)
                if obj is not None:
                    objects.append(obj)
            yield page, objects

    def object_or_fetch(self, item: Any, kind: str) -> dict[str, Any] | None:
        if isinstance(item, str):
            self.notice("Adresse, wo ein eingebettetes Objekt erwartet wird (nachgeladen)")
            return self.get(load_url(item, self.notice), kind)
        if isinstance(item, dict):
            obj = self.normalize(item, kind)
            if obj is None:
                return None
            if obj.get("id") is None:
                self.notice("Objekt ohne „id“ (übergangen)")
                return None
            return obj
        return None

    def remember(self, obj: dict[str, Any], also: str | None = None) -> None:
        for key in {obj.get("id"), also} - {None}:
            self._cache[key] = obj
            self._cache.move_to_end(key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    # -- normalizing --

    def normalize(self, raw: dict[str, Any], kind: str) -> dict[str, Any] | None:
        declared = type_name(raw.get("type"))
        if declared and declared != kind:
            self.notice(f"Objekt vom Typ {declared}, wo {kind} erwartet wird (übergangen)")
            return None
        fields = FIELDS[kind]
        result: dict[str, Any] = {}
        for key, value in raw.items():
            spec = fields.get(key) or _COMMON.get(key)
            result[key] = value if spec is None else self._load(value, spec)
        return result

    def _load(self, value: Any, spec: str) -> Any:
        kind, _, target = spec.partition(":")
        notice = self.notice
        if kind in SCALAR_LOADERS:
            return SCALAR_LOADERS[kind](value, notice)
        if kind == "ref":
            return self._reference(value, target)
        if kind == "refs":
            values = _as_list(value, notice, "Einzelner Wert, wo eine Liste erwartet wird")
            return [url for url in (self._reference(v, target) for v in values) if url]
        if kind == "obj":
            if isinstance(value, list):
                notice("Liste, wo ein einzelnes Objekt erwartet wird")
                value = value[0] if value else None
            return self.object_or_fetch(value, target) if value is not None else None
        if kind == "objs":
            values = _as_list(value, notice, "Einzelnes Objekt, wo eine Liste erwartet wird")
            return [obj for obj in (self.object_or_fetch(v, target) for v in values) if obj is not None]
        raise ValueError(spec)

    def _reference(self, value: Any, target: str) -> str | None:
        if isinstance(value, dict):
            self.notice("Eingebettetes Objekt, wo eine Adresse erwartet wird")
            obj = self.normalize(value, target)
            if obj is None or obj.get("id") is None:
                return None
            self.remember(obj)
            return obj["id"]
        return load_url(value, self.notice)


def _inner_object(document: Any, url: str, fragment: str) -> dict[str, Any] | None:
    """The object with id `url` inside `document`; failing that, one whose id has the same fragment
    (the document's own address may be written differently, e.g. another host name)."""
    by_fragment = None
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            own = value.get("id")
            if own == url:
                return value
            if by_fragment is None and isinstance(own, str) and urllib.parse.urldefrag(own).fragment == fragment:
                by_fragment = value
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return by_fragment


def _as_list(value: Any, notice: Callable[[str], None], quirk: str) -> list[Any]:
    """A list field as a list: none for a missing value, a lone value wrapped (and noted as the server's quirk)."""
    if value is None:
        return []
    if not isinstance(value, list):
        notice(quirk)
        return [value]
    return value
