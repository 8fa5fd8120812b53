"""The OParl 1.1 interface of the built site, read as an OParl client reads it."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from opendata import (
    SECRETS,
    SITE_URL,
    TODAY,
    local_file,
    oparl_objects,
    oparl_validators,
    public_views,
    strings,
    url_fields,
)

from buergerinfo.checking.archive import load_archive
from buergerinfo.exports.oparl import write_oparl
from buergerinfo.exports.oparl_urls import PAGE_SIZE
from buergerinfo.exports.output import OutputFolder
from synthetic import generate
from buergerinfo.views.views import Views, public_view

SYSTEM = SITE_URL + "oparl/v1/system.json"
TYPE = "https://schema.oparl.org/1.1/"


def _documents(site_dir: Path) -> dict[Path, dict]:
    return {path: json.loads(path.read_text(encoding="utf-8")) for path in (site_dir / "oparl").rglob("*.json")}


def test_every_oparl_object_is_valid_against_the_schemas(open_data_site):
    validators = oparl_validators()
    checked = Counter()
    for path, document in _documents(open_data_site.site).items():
        for obj in oparl_objects(document):
            kind = obj["type"].removeprefix(TYPE)
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validators[kind].iter_errors(obj)]
            assert errors == [], f"{path}: {kind} {obj['id']}: {errors}"
            # "format": "url" is no standard format: every URL field must be an absolute address.
            for name, is_list in url_fields(kind).items():
                for value in (obj.get(name) or []) if is_list else [obj.get(name)]:
                    assert value is None or value.startswith(("https://", "http://")), (obj["id"], name, value)
            checked[kind] += 1
    for kind in ("System", "Body", "Organization", "LegislativeTerm", "Meeting", "AgendaItem", "Paper",
                 "Consultation", "File", "Person", "Location"):
        assert checked[kind] > 0, f"no {kind} written: {checked}"


def test_a_crawler_from_the_system_object_reaches_everything_public(open_data_site):
    site_dir = open_data_site.site
    fetched: dict[str, dict | None] = {}
    pending = [SYSTEM]
    while pending:
        url = pending.pop()
        if url in fetched:
            continue
        # An embedded object's id is a hash URI: the document holding it, plus a fragment.
        address, _, fragment = url.partition("#")
        path = local_file(site_dir, address)
        assert path.is_file(), f"dead link: {url}"
        if not url.startswith(SITE_URL + "oparl/"):
            fetched[url] = None  # a page, an Anlage, the site's feed or data package: it exists
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        if fragment:
            found = [o for o in oparl_objects(document) if o["id"] == url]
            assert len(found) == 1, f"{address} holds no object with the id {url}"
            fetched[url] = found[0]
            pending.append(address)
            continue
        fetched[url] = document
        if "data" in document:
            # A list page: its address is the one links.first/next/prev/last name.
            assert document["links"]["self"] == url
        else:
            assert document["id"] == url, "an object's id is the address it is served at"
        pending += [value for value in strings(document) if value.startswith(SITE_URL)]
        for text in strings(document):
            for secret in SECRETS:
                assert secret not in text, f"{secret!r} in {url}"
    objects = [d for d in fetched.values() if d and "data" not in d]
    reached = {(o["type"].removeprefix(TYPE), o["id"]) for o in objects}
    views = public_views(open_data_site.project)
    web = {o.get("web") for o in objects}
    for record in views.archive.papers:
        assert ("Paper", SITE_URL + f"oparl/v1/paper/{record.body_id}/{record.id}.json") in reached
        assert SITE_URL + f"vorlagen/{record.body_id}/{record.id}/" in web
    for (body_id, org_id, _, _), meeting in views.meetings.items():
        assert ("Meeting", SITE_URL + f"oparl/v1/meeting/{body_id}/{org_id}/{meeting.id}.json") in reached
        assert SITE_URL + f"sitzungen/{body_id}/{org_id}/{meeting.id}/" in web
    for body in views.archive.bodies.values():
        for organization in body.body.organizations:
            assert ("Organization", SITE_URL + f"oparl/v1/organization/{body.id}/{organization.id}.json") in reached
            assert SITE_URL + f"gremien/{body.id}/{organization.id}/" in web
    assert len([key for key in reached if key[0] == "Paper"]) == len(views.archive.papers)
    assert not any("0998" in url for url in fetched), "the nicht öffentliche Vorlage has no address"


def _object(site_dir: Path, path: str) -> dict:
    return json.loads((site_dir / "oparl/v1" / path).read_text(encoding="utf-8"))


def test_a_vorlage_comes_back_field_by_field(open_data_site):
    site_dir = open_data_site.site
    paper = _object(site_dir, "paper/landkreis-boerde/2018-33-0590.json")
    assert (paper["reference"], paper["name"], paper["paperType"]) == (
        "2018/33/0590", "Integrationskonzept für den Landkreis Börde", "Beschlussvorlage")
    assert "date" not in paper, "the seed gives no date; none is invented"
    assert paper["buergerinfo:status"] == "ungeändert beschlossen"
    assert paper["buergerinfo:bearbeiter"] == "Sladky, Corinna"
    assert paper["buergerinfo:einreicher"][0]["name"] == "Sladky"
    assert paper["buergerinfo:einreicher"][0]["funktion"] == "FDLin Migration"
    assert _get(site_dir, paper["originatorPerson"][0])["name"] == "Sladky"
    unit = _get(site_dir, paper["underDirectionOf"][0])
    assert (unit["name"], unit["organizationType"]) == ("FD Migration", "Verwaltungsbereich")
    assert paper["buergerinfo:anlagenOhneDatei"] == [{
        "position": 1, "titel": "Integrationskonzept", "groesse_laut_quelle": "2143 KB",
        "hinweis": paper["buergerinfo:anlagenOhneDatei"][0]["hinweis"]}]
    roles = [(c["role"], c["authoritative"]) for c in paper["consultation"]]
    assert roles == [("Vorberatung", False)] * 3 + [("Entscheidung", True)]
    decision = paper["consultation"][-1]
    assert decision["id"] == paper["id"] + "#beratung-kreistag-2018-11-28"
    item = _get(site_dir, decision["agendaItem"])
    assert item["result"] == "ungeändert beschlossen" and item["consultation"] == decision["id"]
    meeting = _get(site_dir, decision["meeting"])
    assert meeting["name"] == "21. ordentliche Sitzung des Kreistages des Landkreises Börde"
    assert (meeting["start"], meeting["end"]) == ("2018-11-28T15:00:00+01:00", "2018-11-28T17:30:00+01:00")
    assert meeting["location"]["description"] == "Kreishaus Haldensleben, Großer Sitzungssaal"
    assert meeting["buergerinfo:ganztaegig"] is False
    assert meeting["buergerinfo:sitzungsangaben"] == {
        "gremium": "kreistag", "datum": "2018-11-28", "beginn": "15:00", "ende": "17:30",
        "ort": "Kreishaus Haldensleben, Großer Sitzungssaal"}
    assert [i["id"] for i in meeting["agendaItem"]] == [decision["agendaItem"]]
    assert decision["organization"] == meeting["organization"]
    assert _get(site_dir, meeting["organization"][0])["name"] == "Kreistag Landkreis Börde"


def test_results_votes_and_anlagen_with_their_files(open_data_site):
    site_dir = open_data_site.site
    earlier = _object(site_dir, "paper/landkreis-wittmund/0121-2018.json")
    decision = earlier["consultation"][-1]
    item = _get(site_dir, decision["agendaItem"])
    assert (item["number"], item["result"]) == ("Ö 7", "beschlossen")
    assert item["buergerinfo:abstimmung"] == {"ja": 40, "nein": 2, "enthaltung": 1, "einstimmig": False}
    assert decision["buergerinfo:bemerkung"].startswith("Laut Vorlage 0042/2019")
    later = _object(site_dir, "paper/landkreis-wittmund/0042-2019.json")
    assert later["relatedPaper"] == [earlier["id"]]
    local, external = later["auxiliaryFile"]
    assert (local["name"], local["fileName"], local["mimeType"], local["size"]) == (
        "Beschluss als PDF", "0042-2019-beschluss.pdf", "application/pdf", 3009)
    assert local["accessUrl"] == local["downloadUrl"] == SITE_URL + "anlagen/landkreis-wittmund/0042-2019-beschluss.pdf"
    assert local_file(site_dir, local["accessUrl"]).stat().st_size == 3009
    assert external["accessUrl"] == "https://www.landkreis-wittmund.example/konzept.pdf"
    assert "downloadUrl" not in external and "size" not in external
    assert [(f["buergerinfo:position"], f["id"]) for f in (local, external)] == [
        (1, later["id"] + "#anlage-1"), (2, later["id"] + "#anlage-2")]
    assert later["buergerinfo:anlagenOhneDatei"][0]["position"] == 3


def test_a_non_public_beratung_is_only_gremium_and_day(open_data_site):
    site_dir = open_data_site.site
    paper = _object(site_dir, "paper/landkreis-friesland/vorstellung-integrationskonzept-2019.json")
    closed = paper["consultation"][-1]
    assert set(closed) == {"id", "type", "meeting", "organization", "created", "modified", "buergerinfo:gremium",
                           "buergerinfo:datum", "buergerinfo:oeffentlich"}
    assert closed["buergerinfo:oeffentlich"] is False
    meeting = _get(site_dir, closed["meeting"])
    assert "agendaItem" not in meeting and "name" not in meeting and "location" not in meeting
    assert "buergerinfo:sitzungsangaben" not in meeting and "buergerinfo:hinweis" not in meeting
    assert meeting["buergerinfo:oeffentlich"] is False and meeting["buergerinfo:ganztaegig"] is True
    assert meeting["start"] == "2019-03-14T00:00:00+01:00", "its time is as secret as its place"


def test_lists_name_every_object_of_the_body_once(open_data_site):
    site_dir = open_data_site.site
    views = public_views(open_data_site.project)
    body = _object(site_dir, "body/landkreis-boerde.json")
    # The Gremium's own Wahlperiode, then the dated ones of data/personen/landkreis-boerde.yml.
    assert [term["name"] for term in body["legislativeTerm"]] == ["6. WP", "7. Wahlperiode", "8. Wahlperiode"]
    papers = _list(site_dir, body["paper"])
    assert [p["reference"] for p in papers] == ["2018/33/0590", "2025/33/0712", "2026/33/0805"]
    meetings = _list(site_dir, body["meeting"])
    expected = [m for key, m in views.meetings.items() if key[0] == "landkreis-boerde"]
    assert [m["id"].rsplit("/", 2)[1:] for m in meetings] == [[m.organization.id, f"{m.id}.json"] for m in expected]
    organizations = _list(site_dir, body["organization"])
    assert [o["name"] for o in organizations] == [
        "Kreistag Landkreis Börde", "Kreisausschuss", "Kultur- und Sozialausschuss", "FD Migration",
        "Fraktion Heide und Hof", "Fraktion Soziale Mitte", "Fraktion Ökologische Liste", "Fraktion Liberale Bürger",
        "Fraktion Unabhängige Wählergemeinschaft"]
    committee = _list(site_dir, organizations[2]["meeting"])
    assert [m["start"][:10] for m in committee] == ["2018-10-17", "2018-11-14", "2025-05-14"]
    assert _list(site_dir, body["person"]) and _list(site_dir, _object(site_dir, "system.json")["body"])


def _get(site_dir: Path, url: str) -> dict:
    """The object with this id: a document, or (hash URI) the object inside its document."""
    address, _, fragment = url.partition("#")
    document = json.loads(local_file(site_dir, address).read_text(encoding="utf-8"))
    if not fragment:
        return document
    return next(o for o in oparl_objects(document) if o["id"] == url)


def _list(site_dir: Path, url: str) -> list[dict]:
    """All objects of an external list, following links.next; checks the pagination on the way."""
    objects, page, number = [], _get(site_dir, url), 1
    first, previous = url, None
    while True:
        pagination, links = page["pagination"], page["links"]
        assert pagination["currentPage"] == number and len(page["data"]) <= PAGE_SIZE
        assert links["first"] == first and links.get("prev") == previous
        assert len(page["data"]) == PAGE_SIZE or "next" not in links, "only the last page is short"
        objects += page["data"]
        if "next" not in links:
            assert links["last"] == url and number == pagination["totalPages"]
            assert len(objects) == pagination["totalElements"]
            return objects
        previous, url = url, links["next"]
        page, number = _get(site_dir, url), number + 1


# --- pagination and reproducibility, on a synthetic archive through the core alone ----------------


class _Pages:
    """The site's page addresses, as hooks/site_pages.py has them (only what OParl links)."""

    def paper(self, record):
        return f"vorlagen/{record.body_id}/{record.id}/"

    def body(self, body_id):
        return f"koerperschaften/{body_id}/"

    def organization(self, body_id, org_id):
        return f"gremien/{body_id}/{org_id}/"

    def meeting(self, meeting):
        return f"sitzungen/{meeting.body.id}/{meeting.organization.id}/{meeting.id}/"

    def dossier(self, record):
        return f"dossiers/{record.id}/"

    def topic(self, topic_id):
        return f"themen/{topic_id}/"

    def attachment(self, relative):
        return f"anlagen/{relative}"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """OParl of a synthetic archive (votes, times, places, long lists), written by the core alone."""
    project = tmp_path_factory.mktemp("synthetic-oparl")
    generate(project, 720, seed=11)
    views = Views(public_view(load_archive(project)), TODAY)
    written = project / "out"
    write_oparl(views, SITE_URL, OutputFolder(written), _Pages())
    return views, written


def test_synthetic_oparl_is_valid_against_the_schemas(synthetic):
    _, written = synthetic
    validators = oparl_validators()
    kinds = Counter()
    for path, document in _documents(written).items():
        for obj in oparl_objects(document):
            kind = obj["type"].removeprefix(TYPE)
            assert not list(validators[kind].iter_errors(obj)), (path, obj["id"])
            kinds[kind] += 1
    assert kinds["Paper"] > 700 and kinds["AgendaItem"] > 700 and kinds["Location"] > 0, kinds


def test_long_lists_are_paged_by_100_in_a_stable_order(synthetic, tmp_path):
    views, first = synthetic
    second = tmp_path / "b"
    write_oparl(views, SITE_URL, OutputFolder(second), _Pages())
    largest = max(views.archive.bodies, key=lambda b: sum(r.body_id == b for r in views.archive.papers))
    papers = _list(first, SITE_URL + f"oparl/v1/body/{largest}/papers.json")
    expected = [r for r in views.archive.papers if r.body_id == largest]
    assert len(expected) > 2 * PAGE_SIZE, "the test needs a list of three pages or more"
    assert sorted(p["buergerinfo:id"] for p in papers) == sorted(r.id for r in expected)
    assert len({p["id"] for p in papers}) == len(papers)
    # Without git history the dates come from the records: two builds of the same data are byte-identical.
    files_first = sorted(p.relative_to(first) for p in first.rglob("*.json"))
    assert files_first == sorted(p.relative_to(second) for p in second.rglob("*.json"))
    assert all((first / p).read_bytes() == (second / p).read_bytes() for p in files_first)
    shutil.rmtree(second)


def test_oparl_needs_the_sites_public_address(synthetic, tmp_path):
    views, _ = synthetic
    with pytest.raises(ValueError, match="SITE_URL"):
        write_oparl(views, "", OutputFolder(tmp_path), _Pages())
