"""A real OParl server on 127.0.0.1 for the import tests, with the faults of deployed servers on demand.

Objects live under their paths; lists are paged (`?page=N`) and honour
`modified_since` (unless told not to, like a server of static files). Each
`Faults` switch reproduces one behaviour the importer must absorb. The server is
started and stopped by the test (`with OParlServer() as server: …`).
"""

from __future__ import annotations

import copy
import datetime as dt
import http.server
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent.parent / ".." / "shared" / "oparl-1.1" / "examples"
EXAMPLE_HOST = "https://oparl.example.org/"


@dataclass
class Faults:
    next_loop: bool = False  # the last page of every list links back to the list's first page
    repeat_page: bool = False  # after the last page, `next` leads to a page that repeats it
    filtered_404: bool = False  # a filtered list (modified_since) with nothing in it answers 404
    errors_500: int = 0  # the first N requests to every address answer 500
    timeouts: int = 0  # the first N requests to every address answer only after `delay` seconds
    delay: float = 2.0
    only: str = ""  # errors and timeouts only for addresses containing this
    control_chars: bool = False  # raw control characters (and raw line breaks) inside JSON strings
    single_objects: bool = False  # an array of one element sent as the bare element
    missing_markers: bool = False  # "N/A" and blanks where a value is missing
    urls_for_objects: bool = False  # lists give a Paper's Consultations as URLs (the Paper on its own embeds them)
    objects_for_urls: bool = False  # a Consultation embeds its whole Meeting where OParl has the Meeting's URL
    id_mismatch: bool = False  # an object fetched on its own carries an id other than its address
    hang_on_page: int | None = None  # the N-th page of the paper list never answers (to kill the importer)


@dataclass
class OParlServer:
    page_size: int = 20
    faults: Faults = field(default_factory=Faults)
    honours_modified_since: bool = True
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> object
    lists: dict[str, list[str]] = field(default_factory=dict)  # path -> paths of its items
    files: dict[str, bytes] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    paper_list: str | None = None  # path of the list that `Faults.hang_on_page` applies to
    static_dir: Path | None = None  # other files (Anlagen of a built site) are served from here
    hanging: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, int] = {}
        self._release = threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
                pass

            def do_GET(self):  # noqa: N802 - name fixed by the base class
                status, body, kind = server.answer(self.path)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}/"

    # -- lifecycle --

    def __enter__(self) -> OParlServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    # -- content --

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def path_of(self, url: str) -> str:
        """The path a URL is served under (a hash URI's: that of its document)."""
        return "/" + url.removeprefix(self.base).lstrip("/").split("#", 1)[0]

    def add(self, obj: dict[str, Any], *, replace: bool = True) -> None:
        path = self.path_of(obj["id"])
        if replace or path not in self.objects:
            self.objects[path] = obj

    def add_list(self, url: str, objects: list[dict[str, Any]]) -> None:
        for obj in objects:
            self.add(obj, replace=False)
        self.lists[self.path_of(url)] = [self.path_of(obj["id"]) for obj in objects]

    def inject(self, faults: Faults) -> None:
        """Switch to other faults; counts of requests per address (for errors and timeouts) start again."""
        with self._lock:
            self.faults = faults
            self._seen.clear()

    def requests_to(self, prefix: str) -> int:
        with self._lock:
            return sum(1 for path in self.log if path.startswith(prefix))

    # -- answering --

    def answer(self, raw_path: str) -> tuple[int, bytes, str]:
        faults = self.faults
        with self._lock:
            self.log.append(raw_path)
            seen = self._seen[raw_path] = self._seen.get(raw_path, 0) + 1
        if faults.only in raw_path:
            if seen <= faults.timeouts:
                time.sleep(faults.delay)
            if seen <= faults.errors_500:
                return 500, b'{"error": "Interner Fehler"}', "application/json"
        parts = urllib.parse.urlsplit(raw_path)
        path, query = parts.path, dict(urllib.parse.parse_qsl(parts.query))
        if raw_path in self.objects:
            path = raw_path  # an object whose address carries a query string (SD.NET: …/bodies.asp?id=1)
        if path in self.files:
            return 200, self.files[path], "application/pdf"
        if path in self.lists and not set(query) - {"page", "modified_since"}:
            return self._page(path, query)
        if path in self.objects:
            obj = self._shaped(self.objects[path])
            if faults.id_mismatch:
                _rename_ids(obj)
            return 200, self._json(obj), "application/json"
        if self.static_dir is not None:
            target = (self.static_dir / urllib.parse.unquote(path).lstrip("/")).resolve()
            if target.is_relative_to(self.static_dir.resolve()) and target.is_file():
                return 200, target.read_bytes(), "application/octet-stream"
        return 404, b'{"error": "nicht gefunden"}', "application/json"

    def _page(self, path: str, query: dict[str, str]) -> tuple[int, bytes, str]:
        faults = self.faults
        items = [self.objects[p] for p in self.lists[path]]
        since = query.get("modified_since")
        if since and self.honours_modified_since:
            limit = dt.datetime.fromisoformat(since)
            items = [o for o in items if dt.datetime.fromisoformat(o.get("modified", "1970-01-01T00:00:00+00:00")) >= limit]
            if not items and faults.filtered_404:
                return 404, b'{"error": "keine Treffer"}', "application/json"
        page = int(query.get("page", "1"))
        pages = max(1, -(-len(items) // self.page_size))
        if faults.hang_on_page == page and path == self.paper_list:
            self.hanging.set()
            self._release.wait(600)
        shown = min(page, pages)  # the repeated page past the end
        chunk = items[(shown - 1) * self.page_size : shown * self.page_size]
        others = {k: v for k, v in query.items() if k != "page"}

        def link(number: int) -> str:
            query = {**others, **({"page": str(number)} if number > 1 else {})}  # page 1 is the list's own address
            return self.url(path) + ("?" + urllib.parse.urlencode(query) if query else "")

        next_url = link(page + 1) if page < pages else None
        if page == pages and faults.next_loop:
            next_url = link(1)
        if page >= pages and faults.repeat_page and page < pages + 3:
            next_url = link(page + 1)
        body = {
            "data": [self._shaped(o, listed=True) for o in chunk],
            "pagination": {"totalElements": len(items), "elementsPerPage": self.page_size,
                           "currentPage": page, "totalPages": pages},
            "links": {"first": link(1), "last": link(pages), **({"next": next_url} if next_url else {})},
        }
        return 200, self._json(body), "application/json"

    def _shaped(self, obj: dict[str, Any], listed: bool = False) -> dict[str, Any]:
        obj = copy.deepcopy(obj)
        faults = self.faults
        if faults.single_objects:
            _unwrap_single(obj)
        if faults.missing_markers:
            _mark_missing(obj)
        is_paper = str(obj.get("type", "")).endswith("/Paper")
        if faults.urls_for_objects and listed and is_paper and isinstance(obj.get("consultation"), list):
            obj["consultation"] = [c["id"] if isinstance(c, dict) else c for c in obj["consultation"]]
        if faults.objects_for_urls and is_paper:
            for consultation in obj.get("consultation") or []:
                meeting = self.objects.get(self.path_of(consultation["meeting"])) if isinstance(consultation, dict) else None
                if meeting is not None:
                    consultation["meeting"] = copy.deepcopy(meeting)
        return obj

    def _json(self, data: Any) -> bytes:
        text = json.dumps(data, ensure_ascii=False)
        if self.faults.control_chars:
            # Raw line breaks and control characters inside strings, as some servers write them.
            text = text.replace("\\n", "\n").replace('"name": "', '"name": "\x0b\x01')
        return text.encode("utf-8")


def _rename_ids(obj: Any) -> None:
    """Every `id` in a document fetched on its own names another host, as if the server knew itself by that name."""
    if isinstance(obj, dict):
        if isinstance(obj.get("id"), str):
            obj["id"] = obj["id"].replace("127.0.0.1", "localhost")
        for value in obj.values():
            _rename_ids(value)
    elif isinstance(obj, list):
        for item in obj:
            _rename_ids(item)


def _unwrap_single(obj: Any) -> None:
    if isinstance(obj, dict):
        for key, value in list(obj.items()):
            if isinstance(value, list) and len(value) == 1 and key in ("auxiliaryFile", "organization", "consultation",
                                                                        "originatorPerson", "underDirectionOf"):
                obj[key] = value[0]
            _unwrap_single(obj[key])
    elif isinstance(obj, list):
        for item in obj:
            _unwrap_single(item)


_MARKED = {"Paper": ("reference", "date"), "Consultation": ("role",), "AgendaItem": ("result", "number"),
           "File": ("fileName",), "Meeting": ("name",)}


def _mark_missing(obj: Any) -> None:
    if isinstance(obj, dict):
        kind = str(obj.get("type", "")).rsplit("/", 1)[-1]
        for index, key in enumerate(_MARKED.get(kind, ())):
            if key not in obj:
                obj[key] = "N/A" if index % 2 == 0 else "   "
        for value in obj.values():
            _mark_missing(value)
    elif isinstance(obj, list):
        for item in obj:
            _mark_missing(item)


# --- the specification's examples, served from 127.0.0.1 -------------------------------------------


def load_examples(server: OParlServer) -> str:
    """Serve /work/shared/oparl-1.1/examples with their addresses moved to this server; returns the System's URL.

    The examples link to lists that are not among them; the lists are made from the examples
    (Body -> its Organization, Meeting, Paper …), and every embedded object with an id is also
    served on its own, as a server would.
    """
    examples = {}
    for path in sorted(EXAMPLES.glob("*-01.json")):
        text = path.read_text(encoding="utf-8").replace(EXAMPLE_HOST, server.base)
        examples[path.name.split("-")[0]] = json.loads(text)
    for obj in examples.values():
        server.add(obj)
    for obj in examples.values():
        _add_embedded(server, obj)
    body = examples["Body"]
    server.add_list(examples["System"]["body"], [body])
    server.add_list(body["organization"], [examples["Organization"]])
    server.add_list(body["person"], [examples["Person"]])
    server.add_list(body["meeting"], [examples["Meeting"]])
    server.add_list(body["paper"], [examples["Paper"]])
    server.paper_list = server.path_of(body["paper"])
    server.add_list(body["file"], [examples["File"]])
    server.add_list(body["locationList"], [examples["Location"]])
    server.add_list(body["agendaItem"], list(examples["Meeting"]["agendaItem"]))
    server.add_list(body["consultation"], list(examples["Paper"]["consultation"]))
    server.add_list(body["membership"], [])
    # 57739's checksum in the examples is that of an empty file; 57737's matches no content we could make.
    for number, content in (("57737", b"%PDF-1.4\n% Beispieldatei\n"), ("57739", b"")):
        for folder in ("files/", "files/download/"):
            server.files["/" + folder + number + ".pdf"] = content
    return examples["System"]["id"]


def _add_embedded(server: OParlServer, obj: Any) -> None:
    if isinstance(obj, dict):
        for value in obj.values():
            if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"].startswith(server.base):
                server.add(value, replace=False)
            _add_embedded(server, value)
    elif isinstance(obj, list):
        for item in obj:
            _add_embedded(server, item)


# --- Bürgerinfo's own OParl export, from a built site --------------------------------------------


def load_site_export(server: OParlServer, site_dir: Path) -> str:
    """Serve the OParl files a `mkdocs build` (with SITE_URL = this server) wrote into `site_dir`.

    Objects are served as the export wrote them; each list (the export's pages chained by
    `next`) becomes one list of this server, which pages it itself, so filters and faults apply.
    Other files of the site (Anlagen) are served as they are. Returns the System's URL.
    """
    folder = site_dir / "oparl" / "v1"
    documents = {}
    for path in sorted(folder.rglob("*.json")):
        documents["/" + path.relative_to(site_dir).as_posix()] = json.loads(path.read_text(encoding="utf-8"))
    for path, document in documents.items():
        if not _is_list(document):
            server.objects[path] = document
    for path, document in documents.items():
        if not _is_list(document) or "-page-" in path.rsplit("/", 1)[-1]:
            continue
        items, page = [], document
        while True:
            items += page["data"]
            following = page.get("links", {}).get("next")
            if not following:
                break
            page = documents[server.path_of(following)]
        server.add_list(server.url(path), items)
    server.static_dir = site_dir
    return server.url("oparl/v1/system.json")


def _is_list(document: Any) -> bool:
    return isinstance(document, dict) and isinstance(document.get("data"), list) and "pagination" in document


# --- Persons, Fraktionen and Memberships as SD.NET and ALLRIS serve them ------------------------------


def council_people(server: OParlServer) -> str:
    """A small Gemeinde whose people come the ways real servers send them; returns the Body's URL.

    SD.NET (OParl 1.0, ids with `?id=`): Fraktionen as organizationType "Gremium" with classification
    "Fraktion"; Person.membership as a list of addresses, one of which answers 404; names only in `name`,
    with line breaks, padding and "Frau"/"Herr" in front; empty strings; contact data without consent.
    ALLRIS (OParl 1.1): a Fraktion as organizationType "Fraktion", Memberships embedded with `onBehalfOf`, one in
    a Gremium missing from the Organization list, and a council whose Memberships are listed only by the
    Organization. One Membership is listed twice.
    """
    u = server.url
    v10, v11 = "https://schema.oparl.org/1.0/", "https://schema.oparl.org/1.1/"

    def obj(kind, path, schema=v10, **fields):
        return {"id": u(path), "type": schema + kind, "modified": "2024-05-01T10:00:00+02:00", **fields}

    rat = obj("Organization", "organizations.asp?id=1", name="Gemeinderat", shortName="GR", organizationType="Gremium",
              classification="Rat", membership=[u("memberships.asp?id=20"), u("memberships.asp?id=21")])
    bau = obj("Organization", "organizations.asp?id=2", name="Bau- und\r\nUmweltausschuss", shortName="BUA",
              organizationType="Gremium", classification="Ausschuss")
    spd = obj("Organization", "organizations.asp?id=3", name="SPD-Fraktion\n im Gemeinderat", shortName="SPD",
              organizationType="Gremium", classification="Fraktion", website="https://spd.example.org/fraktion",
              membership=[u("memberships.asp?id=11")])
    gruene = obj("Organization", "organization/7", v11, name="Fraktion Bündnis 90/Die Grünen", shortName="Grüne",
                 organizationType="Fraktion", startDate="2019-06-01")
    verwaltung = obj("Organization", "organizations.asp?id=9", name="Fachbereich Bauen",
                     organizationType="Verwaltungsbereich")
    memberships = {
        # Anna Beispiel (SD.NET): addresses only
        "10": obj("Membership", "memberships.asp?id=10", person=u("persons.asp?id=1"), organization=bau["id"],
                  role="Vorsitzende(r)", votingRight=True, startDate="2019-06-01", onBehalfOf=spd["id"]),
        "11": obj("Membership", "memberships.asp?id=11", person=u("persons.asp?id=1"), organization=spd["id"],
                  role="stellv. Fraktionsvorsitzende", startDate="2019-06-01", endDate="2024-05-31"),
        "12": obj("Membership", "memberships.asp?id=12", person=u("persons.asp?id=1"), organization=verwaltung["id"],
                  role="Mitglied", startDate="2019-06-01"),
        # Bernd Muster (SD.NET, name only): a sachkundiger Bürger, and a deputy member (no role of the model)
        "13": obj("Membership", "memberships.asp?id=13", person=u("persons.asp?id=2"), organization=bau["id"],
                  role="sachkundiger Bürger", votingRight=False, startDate="2021-01-15", endDate="", onBehalfOf=""),
        "14": obj("Membership", "memberships.asp?id=14", person=u("persons.asp?id=2"), organization=rat["id"],
                  role="Stellvertreter", startDate="2021-01-15"),
        # Only in the council's Organization.membership
        "20": obj("Membership", "memberships.asp?id=20", person=u("persons.asp?id=1"), organization=rat["id"],
                  role="Ratsfrau", startDate="2019-06-01", endDate="2024-05-31", onBehalfOf=spd["id"]),
        "21": obj("Membership", "memberships.asp?id=21", person=u("person/3"), organization=rat["id"],
                  role="Mitglied", votingRight=True, startDate="2024-06-01", onBehalfOf=gruene["id"]),
    }
    anna = obj("Person", "persons.asp?id=1", name="Frau Dr. Anna\n  Beispiel", familyName="Beispiel\n",
               givenName=" Anna", title=["Dr."], formOfAddress="Frau", email=["anna@example.org"],
               phone=["0123 456"], location={"streetAddress": "Gartenweg 1"},
               membership=[u("memberships.asp?id=10"), u("memberships.asp?id=11"), u("memberships.asp?id=12"),
                           u("memberships.asp?id=404"), u("memberships.asp?id=11")])
    bernd = obj("Person", "persons.asp?id=2", name="  Herr\nBernd   Muster ", familyName="", givenName="",
                membership=[u("memberships.asp?id=13"), u("memberships.asp?id=14")],
                image="https://127.0.0.1/bild.jpg")
    # ALLRIS: Memberships embedded, one of them also listed by the council (memberships.asp?id=21 is hers)
    clara = obj("Person", "person/3", v11, name="Clara Neumann", familyName="Neumann", givenName="Clara",
                formOfAddress="Frau", membership=[
                    obj("Membership", "membership/30", v11, organization=gruene["id"], role="Vorsitzende",
                        startDate="2024-06-01"),
                    obj("Membership", "membership/31", v11, organization=bau["id"], role="Mitglied",
                        votingRight=True, startDate="2024-06-01", onBehalfOf=gruene["id"]),
                    # a Gremium the Organization list leaves out: fetched on its own
                    obj("Membership", "membership/32", v11, organization=u("organization/8"), role="Mitglied",
                        startDate="2024-09-01"),
                ])
    server.add(obj("Organization", "organization/8", v11, name="Jugendhilfeausschuss", shortName="JHA",
                   organizationType="Gremium"))
    nameless = obj("Person", "persons.asp?id=8", name=" ", familyName="")
    for membership in memberships.values():
        server.add(membership)
    terms = [
        obj("LegislativeTerm", "legislativeterms.asp?id=1", name="Wahlperiode 2019–2024", startDate="2019-06-01",
            endDate="2024-05-31"),
        obj("LegislativeTerm", "legislativeterms.asp?id=2", name="Wahlperiode 2024–2029", startDate="2024-06-01",
            endDate="2029-05-31"),
        obj("LegislativeTerm", "legislativeterms.asp?id=3", name="Altes Archiv"),
    ]
    server.add_list(u("organizations.asp"), [rat, bau, spd, gruene, verwaltung])
    server.add_list(u("persons.asp"), [anna, bernd, clara, nameless])
    meeting = obj("Meeting", "meetings.asp?id=1", name="1. Sitzung", start="2024-06-10T18:00:00+02:00",
                  organization=[rat["id"]], agendaItem=[])
    server.add_list(u("meetings.asp"), [meeting])
    antrag = obj("Paper", "papers.asp?id=1", name="Antrag: Radweg am Mühlbach", reference="0001/2024",
                 paperType="Antrag", date="2024-06-03", originatorPerson=[anna["id"]],
                 originatorOrganization=[spd["id"]])
    server.add_list(u("papers.asp"), [antrag])
    body = obj("Body", "bodies.asp?id=1", name="Gemeinde Musterhausen", organization=u("organizations.asp"),
               person=u("persons.asp"), meeting=u("meetings.asp"), paper=u("papers.asp"), legislativeTerm=terms)
    server.add(body)
    return body["id"]
