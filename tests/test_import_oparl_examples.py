"""OParl import from the specification's own examples, served from 127.0.0.1, into an empty project.

The examples are a tiny, half-connected endpoint: the Paper's Consultation points to a Meeting
that is not there, the Meeting's AgendaItem to a Consultation that is not there. The import
must take what is there, say in German what was missing, and leave data that passes the
check and builds.
"""

from __future__ import annotations

import pytest
from conftest import copy_project, run_build
from oparl_server import OParlServer, load_examples

from buergerinfo.checking.archive import load_archive
from buergerinfo.importers import ImportOptions, import_oparl
from buergerinfo.importers.http import ClientSettings
from buergerinfo.reading.yamlsource import load_yaml_file

FAST = ClientSettings(rate=0, backoff=0.01, timeout=5)
BODY = "stadt-koeln"


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    with OParlServer() as server:
        url = load_examples(server)
        target = copy_project(tmp_path_factory.mktemp("beispiele"), with_data=False)
        report = import_oparl(url, target, BODY, ImportOptions(client=FAST, files=True))
        yield server, url, target, report


def read(target, relative):
    """A data file as the project reads it (dates stay text)."""
    return load_yaml_file(target / relative).data


def test_import_of_the_examples_passes_the_check(examples):
    _, _, target, report = examples
    assert report.error is None, report.text()
    assert report.check_passed, report.text()
    archive = load_archive(target)
    assert [r.paper.reference for r in archive.papers] == ["1234/2014"]


def test_koerperschaft_with_its_gremium_and_paper_type(examples):
    _, _, target, _ = examples
    body = read(target, f"data/koerperschaften/{BODY}.yml")
    assert body["name"] == "Stadt Köln, kreisfreie Stadt"
    assert body["kurzname"] == "Köln"
    assert body["art"] == "Kreisfreie Stadt"
    assert body["gremien"] == [
        {"id": "finanzausschuss", "name": "Ausschuss für Haushalt und Finanzen", "kurzname": "Finanzausschuss",
         "art": "Ausschuss"}
    ]
    assert body["vorlagenarten"] == ["Beantwortung einer Anfrage"]
    assert "nummernformat" not in body


def test_vorlage_with_its_anlagen(examples):
    server, _, target, _ = examples
    paper = read(target, f"data/vorlagen/{BODY}/1234-2014.yml")
    assert paper["nummer"] == "1234/2014"
    assert paper["betreff"] == "Antwort auf Anfrage 1200/2014"
    assert paper["art"] == "Beantwortung einer Anfrage"
    assert paper["datum"] == "2014-04-04"
    # 57737's checksum does not match what the server sends: its address is kept instead of a wrong file.
    # 57739 (an empty file, checksum da39a3…) is downloaded.
    assert paper["anlagen"] == [
        {"titel": "Anlage 1 zur Anfrage", "url": server.url("files/57737.pdf"), "groesse_laut_quelle": "81 KB"},
        {"titel": "Anlage 1 zur Anfrage", "datei": f"{BODY}/1234-2014/anlage.pdf"},
    ]
    assert (target / "data/anlagen" / BODY / "1234-2014/anlage.pdf").read_bytes() == b""
    assert "beratungsfolge" not in paper  # its only Consultation points to a Meeting the server does not have


def test_sitzung_facts_from_the_meeting(examples):
    _, _, target, _ = examples
    facts = read(target, f"data/sitzungen/{BODY}.yml")
    assert facts["sitzungen"] == [
        {"gremium": "finanzausschuss", "datum": "2013-01-04", "name": "4. Sitzung des Finanzausschusses",
         "beginn": "08:00", "ende": "12:00", "ort": "Rathaus der Beispielstadt, Ratshausplatz 1, 12345 Beispielstadt",
         "oeffentlich": True}
    ]


def test_report_names_what_the_server_did_not_give(examples):
    server, _, _, report = examples
    text = report.text()
    assert "OParl-Import nach „stadt-koeln“" in text
    assert f"{server.url('meeting/243')} (Meeting): nicht gefunden (HTTP 404)" in text
    assert "Beratungen ohne erreichbare Sitzung oder ohne Datum (nicht übernommen): 1" in text
    assert "Bezüge auf Vorlagen, die der Server nicht liefert (weggelassen): 1" in text
    assert "Anlagen mit falscher Prüfsumme (Adresse statt Datei eingetragen): 1" in text
    assert "Vorlagen                    1 angelegt" in text


def test_imported_examples_build(examples, tmp_path):
    _, _, target, _ = examples
    result = run_build(target, tmp_path / "site")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    page = (tmp_path / "site/vorlagen" / BODY / "1234-2014/index.html").read_text(encoding="utf-8")
    assert "Antwort auf Anfrage 1200/2014" in page
    meeting = (tmp_path / "site/sitzungen" / BODY / "finanzausschuss/2013-01-04/index.html").read_text(encoding="utf-8")
    assert "4. Sitzung des Finanzausschusses" in meeting


def test_second_run_writes_nothing(examples):
    _, url, target, _ = examples
    before = {p: p.read_bytes() for p in (target / "data").rglob("*") if p.is_file()}
    report = import_oparl(url, target, BODY, ImportOptions(client=FAST, files=True, full=True))
    after = {p: p.read_bytes() for p in (target / "data").rglob("*") if p.is_file()}
    assert after == before
    assert report.check_passed
    assert not any(outcome in ("angelegt", "geändert") for (_, outcome) in report.files), report.text()


def test_system_with_several_bodies_needs_the_body(tmp_path):
    with OParlServer() as server:
        url = load_examples(server)
        body = server.objects["/body/0"]
        second = {**body, "id": server.url("body/1"), "name": "Stadt Bonn", "shortName": "Bonn"}
        server.add_list(server.url("bodies"), [body, second])
        report = import_oparl(url, tmp_path, "landkreis-x", ImportOptions(client=FAST))
        assert report.error and "liefert 2 Körperschaften" in report.error
        assert server.url("body/1") in report.error and "Stadt Bonn" in report.error
        assert not (tmp_path / "data").exists()
        # The key names one of them: that one is taken.
        report = import_oparl(url, tmp_path, "bonn", ImportOptions(client=FAST))
        assert report.error is None and report.source == server.url("body/1"), report.text()


def test_address_that_is_no_oparl_endpoint(tmp_path):
    with OParlServer() as server:
        server.objects["/nichts"] = {"hallo": "welt"}
        report = import_oparl(server.url("nichts"), tmp_path, BODY, ImportOptions(client=FAST))
        assert "weder ein OParl-System noch eine Körperschaft" in report.error
        report = import_oparl(server.url("fehlt"), tmp_path, BODY, ImportOptions(client=FAST))
        assert "nicht gefunden (HTTP 404)" in report.error
    report = import_oparl("file:///etc/passwd", tmp_path, BODY, ImportOptions(client=FAST))
    assert "nur Adressen mit http:// oder https://" in report.error
