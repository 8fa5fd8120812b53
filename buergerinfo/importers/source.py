"""OParl objects as the mapping can trust them: fetched or found embedded, cached, and clean.

`ObjectSource` is the one place an object comes in. It fetches an address (a hash URI from
inside its document), walks the pages of a list, puts embedded objects where the specification
has them (an object where an address belongs is remembered and replaced by its address; an
address where an object belongs is fetched), takes the address an object was fetched from
as its `id`, and hands every object to `quirks.normalize` once. Each quirk is counted for
the report.
"""

from __future__ import annotations

import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from buergerinfo.importers import quirks
from buergerinfo.importers.http import FetchError, HttpClient, NotFound, Page
from buergerinfo.importers.quirks import STRUCTURAL, spec_of, type_name
from buergerinfo.importers.values import Notice, load_url


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
        """The clean object (see `quirks`): embedded objects and addresses put where they belong here,
        every other field straightened out by `quirks.normalize`; None if it is an object of another type."""
        declared = type_name(raw.get("type"))
        if declared and declared != kind:
            self.notice(f"Objekt vom Typ {declared}, wo {kind} erwartet wird (übergangen)")
            return None
        shaped: dict[str, Any] = {}
        for key, value in raw.items():
            spec = spec_of(kind, key)
            structural = spec is not None and spec.partition(":")[0] in STRUCTURAL
            shaped[key] = self._resolve(value, spec) if structural else value
        return quirks.normalize(shaped, kind, self.notice)

    def _resolve(self, value: Any, spec: str) -> Any:
        kind, _, target = spec.partition(":")
        notice = self.notice
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
