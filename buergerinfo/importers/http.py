"""Talking to an OParl server: polite, patient and tolerant of what deployed servers send.

The standard library's urllib is enough here: the client needs a timeout, retries
with exponential backoff, a request rate, a size cap and a JSON decoder that
forgives unescaped control characters; each is a few lines and none needs a
dependency (requests is installed only as a dependency of MkDocs, which the core
must not rely on).

Behaviour of real endpoints this module absorbs:

* 500/502/503/504, 429, timeouts and dropped connections: retried with backoff;
* a 404 for a list (typically a filtered one with nothing in it): an empty list;
* a `next` link that leads back to a page already read: the list ends there;
* JSON with raw control characters or invalid escapes inside strings, or not in UTF-8.

Every such repair is reported through `notice`, so the German report can say
what the server did.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

USER_AGENT = "Buergerinfo-OParl-Import/1 (+https://github.com/; statische Transparenzseite)"
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A request that did not succeed; `message` is German and names the address."""

    def __init__(self, message: str, url: str) -> None:
        super().__init__(message)
        self.message = message
        self.url = url


class NotFound(FetchError):
    """HTTP 404: the object or list is not there."""


class _Retryable(Exception):
    def __init__(self, reason: str, wait: float = 0.0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


@dataclass
class ClientSettings:
    timeout: float = 30.0  # seconds per request (connect, each read, and the whole body)
    attempts: int = 5  # tries per request, the first included
    backoff: float = 1.0  # seconds before the first retry; doubled for each further one
    rate: float = 4.0  # requests per second at most; 0 = no limit
    max_json_bytes: int = 64 * 1024 * 1024
    max_file_bytes: int = 512 * 1024 * 1024
    max_retry_after: float = 120.0


@dataclass
class Page:
    """One page of an OParl list: its new items (not seen on an earlier page), and the next page's address."""

    url: str
    items: list[Any]
    next_url: str | None


@dataclass
class Download:
    path: Path  # a temporary file next to the target; the caller moves it into place
    size: int
    digests: dict[str, str]  # hex digest by hashlib name: sha1, sha256, sha512


@dataclass
class HttpClient:
    settings: ClientSettings = field(default_factory=ClientSettings)
    notice: Callable[[str], None] = lambda label: None
    sleep: Callable[[float], None] = time.sleep
    # The clock of the request rate: a test gives its own, so the rate is checked without real time.
    clock: Callable[[], float] = time.monotonic
    requests: int = 0
    retries: int = 0
    _last_request: float = 0.0

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener()
        self._opener.addheaders = [("User-Agent", USER_AGENT)]

    # -- JSON --------------------------------------------------------------------------------

    def get_json(self, url: str, params: dict[str, str] | None = None) -> Any:
        """The decoded JSON at `url`; NotFound for 404, FetchError when all attempts failed."""
        address = with_params(url, params)
        return self._with_retries(address, "application/json", self._read_json)

    def _read_json(self, response: Any, url: str) -> Any:
        raw = _read_capped(response, self.settings.max_json_bytes, self.settings.timeout, url)
        try:
            return decode_json(raw, self.notice)
        except ValueError as exc:
            # Often a transfer cut short; a second attempt usually gets the whole text.
            raise _Retryable(f"keine gültige JSON-Antwort ({exc})") from None

    # -- lists ---------------------------------------------------------------------------------

    def walk(self, url: str, params: dict[str, str] | None = None) -> Iterator[Page]:
        """The pages of an OParl list, following `next` links, until the last page or a loop."""
        current: str | None = with_params(url, params)
        seen_pages: set[str] = set()
        seen_ids: set[str] = set()
        while current:
            if current in seen_pages:
                self.notice("Liste mit Schleife: ein „next“-Verweis führte zu einer schon gelesenen Seite")
                return
            seen_pages.add(current)
            try:
                data = self.get_json(current)
            except NotFound:
                self.notice(
                    "HTTP 404 statt einer leeren Liste"
                    if "?" in current
                    else "Liste nicht vorhanden (HTTP 404), als leer behandelt"
                )
                return
            items, next_url = list_page(data, self.notice)
            fresh = []
            repeated = 0
            for item in items:
                key = item.get("id") if isinstance(item, dict) else item if isinstance(item, str) else None
                if isinstance(key, str):
                    if key in seen_ids:
                        repeated += 1
                        continue
                    seen_ids.add(key)
                fresh.append(item)
            if items and not fresh:
                self.notice("Liste mit Schleife: eine Seite wiederholte nur schon gelesene Einträge")
                return
            if repeated:
                self.notice("Listeneintrag doppelt (auf zwei Seiten)")
            if next_url is not None:
                next_url = urllib.parse.urljoin(current, next_url)
            yield Page(current, fresh, next_url)
            current = next_url

    # -- files -----------------------------------------------------------------------------------

    def download(self, url: str, folder: Path) -> Download:
        """Fetch a file into a temporary file in `folder` (same file system as its target)."""
        folder.mkdir(parents=True, exist_ok=True)

        def read(response: Any, address: str) -> Download:
            handle, temporary = tempfile.mkstemp(prefix=".import-", suffix=".part", dir=folder)
            try:
                with os.fdopen(handle, "wb") as sink:
                    size, digests = _copy_capped(
                        response, sink, self.settings.max_file_bytes, self.settings.timeout, address
                    )
            except BaseException:
                os.unlink(temporary)
                raise
            return Download(Path(temporary), size, digests)

        return self._with_retries(url, "*/*", read)

    # -- the request loop ----------------------------------------------------------------------

    def _with_retries(self, url: str, accept: str, consume: Callable[[Any, str], Any]) -> Any:
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("http", "https"):
            raise FetchError(f"{url}: nur Adressen mit http:// oder https:// werden geladen", url)
        attempts = max(1, self.settings.attempts)
        reason = ""
        for attempt in range(1, attempts + 1):
            self._keep_rate()
            request = urllib.request.Request(url, headers={"Accept": accept})
            wait = 0.0
            try:
                with self._opener.open(request, timeout=self.settings.timeout) as response:
                    return consume(response, url)
            except urllib.error.HTTPError as exc:
                exc.close()
                if exc.code == 404:
                    raise NotFound(f"{url}: nicht gefunden (HTTP 404)", url) from None
                if exc.code not in RETRY_STATUS and exc.code < 500:
                    raise FetchError(f"{url}: der Server antwortet mit HTTP {exc.code}", url) from None
                reason = f"HTTP {exc.code}"
                wait = _retry_after(exc.headers.get("Retry-After"), self.settings.max_retry_after)
            except _Retryable as exc:
                reason, wait = exc.reason, exc.wait
            except (TimeoutError, socket.timeout):
                reason = f"keine Antwort innerhalb von {self.settings.timeout:g} s"
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                    reason = f"keine Antwort innerhalb von {self.settings.timeout:g} s"
                else:
                    reason = f"Verbindung fehlgeschlagen ({exc.reason})"
            except (http.client.HTTPException, ConnectionError, OSError) as exc:
                reason = f"Verbindung abgebrochen ({type(exc).__name__})"
            if attempt < attempts:
                self.retries += 1
                self.notice(f"Anfrage wiederholt nach: {_kind_of(reason)}")
                self.sleep(max(wait, self.settings.backoff * 2 ** (attempt - 1)))
        raise FetchError(f"{url}: nach {attempts} Versuchen aufgegeben – {reason}", url)

    def _keep_rate(self) -> None:
        if self.settings.rate > 0:
            interval = 1.0 / self.settings.rate
            pause = self._last_request + interval - self.clock()
            if pause > 0:
                self.sleep(pause)
        self._last_request = self.clock()
        self.requests += 1


def _kind_of(reason: str) -> str:
    """The reason without details that differ per request, so the report can count them."""
    return re.sub(r" \(.*\)$", "", reason)


def _retry_after(value: str | None, cap: float) -> float:
    try:
        return min(max(float(value or 0), 0.0), cap)
    except ValueError:
        return 0.0  # an HTTP date: the backoff is long enough


def _read_capped(response: BinaryIO, limit: int, timeout: float, url: str) -> bytes:
    chunks, total, started = [], 0, time.monotonic()
    while True:
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise FetchError(f"{url}: Antwort größer als {limit // (1024 * 1024)} MB – nicht geladen", url)
        if time.monotonic() - started > timeout * 4:
            raise TimeoutError
        chunks.append(chunk)


def _copy_capped(
    response: BinaryIO, sink: BinaryIO, limit: int, timeout: float, url: str
) -> tuple[int, dict[str, str]]:
    hashes = {name: hashlib.new(name) for name in ("sha1", "sha256", "sha512")}
    total, started = 0, time.monotonic()
    while True:
        chunk = response.read(_CHUNK)
        if not chunk:
            return total, {name: digest.hexdigest() for name, digest in hashes.items()}
        total += len(chunk)
        if total > limit:
            raise FetchError(f"{url}: Datei größer als {limit // (1024 * 1024)} MB – nicht geladen", url)
        if time.monotonic() - started > max(timeout * 20, 600):
            raise TimeoutError
        for digest in hashes.values():
            digest.update(chunk)
        sink.write(chunk)


# --- decoding --------------------------------------------------------------------------------

_INVALID_ESCAPE = re.compile(r'\\(?!["\\/bfnrtu])')


def decode_json(raw: bytes, notice: Callable[[str], None] = lambda label: None) -> Any:
    """JSON as deployed servers write it; raises ValueError only for text that is no JSON at all."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old Windows servers answer in Windows-1252 while announcing UTF-8.
        text = raw.decode("cp1252", errors="replace")
        notice("Antwort nicht in UTF-8 (als Windows-1252 gelesen)")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    except RecursionError:
        raise ValueError("zu tief verschachtelt") from None
    try:
        value = json.loads(text, strict=False)
    except json.JSONDecodeError:
        pass
    else:
        notice("JSON mit unmaskierten Steuerzeichen in Texten")
        return value
    repaired = _INVALID_ESCAPE.sub(r"\\\\", text)
    try:
        value = json.loads(repaired, strict=False)
    except json.JSONDecodeError as exc:
        raise ValueError(f"Zeile {exc.lineno}, Spalte {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise ValueError("zu tief verschachtelt") from None
    notice("JSON mit ungültigen Escape-Sequenzen („\\“) in Texten")
    return value


def list_page(data: Any, notice: Callable[[str], None]) -> tuple[list[Any], str | None]:
    """Items and `next` link of one page of an OParl list, in the shapes servers use."""
    if isinstance(data, list):
        notice("Liste ohne Seitenobjekt (nur ein JSON-Array)")
        return data, None
    if not isinstance(data, dict):
        return [], None
    items = data.get("data", [])
    if isinstance(items, dict):
        notice("Einzelnes Objekt, wo eine Liste erwartet wird")
        items = [items]
    elif not isinstance(items, list):
        items = []
    links = data.get("links")
    next_url = links.get("next") if isinstance(links, dict) else None
    if next_url is None:
        next_url = data.get("next") or data.get("nextPage")  # OParl 1.0 drafts
    if not isinstance(next_url, str) or not next_url.strip() or next_url.strip().upper() == "N/A":
        next_url = None
    return items, next_url.strip() if next_url else None


def with_params(url: str, params: dict[str, str] | None) -> str:
    if not params:
        return url
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in query if k not in params] + sorted(params.items())
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
