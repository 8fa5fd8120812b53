"""Atom feeds, calendars and bulk downloads, read with the tools re-users run; the links on the pages."""

from __future__ import annotations

import csv
import gzip
import datetime as dt
import io
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.request import urlopen
from zoneinfo import ZoneInfo

import feedparser
import pytest
from conftest import copy_project, page, run_build
from icalendar import Calendar
from opendata import SECRETS, SITE_URL, local_file, public_views

ATOM = "{http://www.w3.org/2005/Atom}"
BERLIN = ZoneInfo("Europe/Berlin")


# --- Atom -----------------------------------------------------------------------------------------


def _check_feed(path: Path, base: str) -> feedparser.FeedParserDict:
    """feedparser reads it without complaint, and it has what RFC 4287 requires (read from the XML itself)."""
    raw = path.read_bytes()
    parsed = feedparser.parse(raw, response_headers={"content-location": base, "content-type": "application/atom+xml"})
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    root = ElementTree.fromstring(raw)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, f"{path}: feed without {name}"
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    ids = [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids)), f"{path}: an entry id twice"
    for entry in root.iter(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), f"{path}: entry without {name}"
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    return parsed


def test_every_feed_parses_and_has_the_required_elements(open_data_site):
    site_dir = open_data_site.site
    views = public_views(open_data_site.project)
    feeds = sorted(site_dir.rglob("*.atom"))
    gremien = sum(len(b.body.organizations) for b in views.archive.bodies.values())
    expected = 1 + len(views.archive.bodies) + gremien + len(views.archive.dossiers) + len(views.archive.topics)
    assert len(feeds) == expected + len(views.archive.papers)
    for path in feeds:
        parsed = _check_feed(path, SITE_URL + path.relative_to(site_dir).as_posix())
        for entry in parsed.entries:
            assert local_file(site_dir, entry.link).is_file(), f"{path}: dead link {entry.link}"
        text = path.read_text(encoding="utf-8")
        for secret in SECRETS:
            assert secret not in text, (path, secret)


def test_site_feed_lists_changed_vorlagen_newest_first(open_data_site):
    parsed = _check_feed(open_data_site.site / "vorlagen.atom", SITE_URL + "vorlagen.atom")
    titles = [entry.title for entry in parsed.entries]
    # The four Vorlagen of the seeds and the two fictional Anträge of data/personen/landkreis-boerde.yml.
    assert len(titles) == 6 and "2018/33/0590: Integrationskonzept für den Landkreis Börde" in titles
    updated = [entry.updated_parsed for entry in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    gremium = _check_feed(open_data_site.site / "gremien/landkreis-wittmund/kreistag/vorlagen.atom", SITE_URL)
    assert sorted(e.link.rsplit("/", 2)[1] for e in gremium.entries) == ["0042-2019", "0121-2018"]


def test_the_feed_of_a_vorlage_follows_each_beratung_and_result(open_data_site):
    path = open_data_site.site / "vorlagen/landkreis-wittmund/0121-2018/beratungen.atom"
    parsed = _check_feed(path, SITE_URL)
    titles = [entry.title for entry in parsed.entries]
    assert titles == [
        "Ergebnis: Kreistag am 17.12.2018: beschlossen",
        "Beratung: Kreistag am 17.12.2018 (Entscheidung)",
        "Beratung: Kreisausschuss am 29.11.2018 (Vorberatung)",
        "Beratung: Sozialausschuss am 22.11.2018 (Vorberatung)",
        "Vorlage 0121/2018: Integrationskonzept für den Landkreis Wittmund; Bericht über den aktuellen Sachstand",
    ]
    assert "Ja 40, Nein 2, Enthaltung 1" in parsed.entries[0].summary
    closed = _check_feed(open_data_site.site / "vorlagen/landkreis-friesland/vorstellung-integrationskonzept-2019/"
                         "beratungen.atom", SITE_URL)
    assert "Beratung: Kreisausschuss des Landkreises Friesland am 14.03.2019 (nicht öffentlich)" in [
        e.title for e in closed.entries]


# --- iCalendar ------------------------------------------------------------------------------------


def _events(path: Path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return [component for component in calendar.walk("VEVENT")]


def test_every_calendar_has_each_sitzung_once_with_time_and_place(open_data_site):
    site_dir = open_data_site.site
    views = public_views(open_data_site.project)
    assert len(_events(site_dir / "sitzungen.ics")) == len(views.meetings)
    for body_id, body in views.archive.bodies.items():
        own = [key for key in views.meetings if key[0] == body_id]
        assert len(_events(site_dir / f"koerperschaften/{body_id}/sitzungen.ics")) == len(own)
        for organization in body.body.organizations:
            events = _events(site_dir / f"gremien/{body_id}/{organization.id}/sitzungen.ics")
            assert len(events) == len(views.meetings_by_organization.get((body_id, organization.id), []))
            assert len({str(e["UID"]) for e in events}) == len(events)
            for event in events:
                assert event["DTSTAMP"].dt.tzinfo is not None
                assert local_file(site_dir, str(event["URL"])).is_file(), "each event links to its Sitzung page"
    events = {str(e["UID"]): e for e in _events(site_dir / "koerperschaften/landkreis-boerde/sitzungen.ics")}
    council = events["landkreis-boerde-kreistag-2018-11-28@buergerinfo"]
    assert council["DTSTART"].dt == dt.datetime(2018, 11, 28, 15, 0, tzinfo=BERLIN)
    assert council["DTEND"].dt == dt.datetime(2018, 11, 28, 17, 30, tzinfo=BERLIN)
    assert str(council["LOCATION"]) == "Kreishaus Haldensleben, Großer Sitzungssaal"
    assert "2018/33/0590 Integrationskonzept für den Landkreis Börde – ungeändert beschlossen" in str(
        council["DESCRIPTION"])
    committee = events["landkreis-boerde-kreisausschuss-2018-11-21@buergerinfo"]
    assert committee["DTSTART"].dt == dt.datetime(2018, 11, 21, 16, 0, tzinfo=BERLIN) and "DTEND" not in committee
    all_day = events["landkreis-boerde-kultur-und-sozialausschuss-2018-10-17@buergerinfo"]
    assert all_day["DTSTART"].dt == dt.date(2018, 10, 17) and "LOCATION" not in all_day
    raw = (site_dir / "koerperschaften/landkreis-boerde/sitzungen.ics").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "RFC 5545: CRLF line ends"
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin" in raw and b"DTSTART;TZID=Europe/Berlin:20181128T150000" in raw


def test_a_non_public_sitzung_is_in_the_calendar_without_time_or_place(open_data_site):
    events = {str(e["UID"]): e for e in _events(open_data_site.site / "sitzungen.ics")}
    closed = events["landkreis-friesland-kreisausschuss-2019-03-14@buergerinfo"]
    assert closed["DTSTART"].dt == dt.date(2019, 3, 14)
    assert "LOCATION" not in closed and "nicht öffentlich" in str(closed["SUMMARY"])
    for path in open_data_site.site.rglob("*.ics"):
        text = path.read_text(encoding="utf-8")
        assert not [secret for secret in SECRETS if secret in text], path


def test_sample_calendars_are_all_day_where_the_seeds_give_no_time(site):
    events = _events(site / "gremien/landkreis-wittmund/kreistag/sitzungen.ics")
    assert sorted(e["DTSTART"].dt for e in events) == [dt.date(2018, 12, 17), dt.date(2019, 6, 27)]
    assert all("LOCATION" not in e for e in events)


# --- CSV, JSON and the Data Package -------------------------------------------------------------


def test_the_data_package_validates_with_frictionless(open_data_site):
    from frictionless import Package, validate

    descriptor = open_data_site.site / "daten/datapackage.json"
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(descriptor))
    views = public_views(open_data_site.project)
    resources = {resource.name: resource for resource in package.resources}
    assert len(resources["vorlagen-csv"].read_rows()) == len(views.archive.papers)
    consultations = sum(len(r.paper.consultations) for r in views.archive.papers)
    assert len(resources["beratungen-json"].read_rows()) == consultations
    assert {name.rsplit("-", 2)[0] for name in resources if name.count("-") > 2} == set(views.archive.bodies)


def test_csv_is_rfc_4180_with_one_row_per_vorlage_and_beratung(open_data_site):
    raw = gzip.decompress((open_data_site.site / "daten/landkreis-wittmund/beratungen.csv.gz").read_bytes())
    assert raw.count(b"\r\n") == raw.count(b"\n"), "CRLF line ends"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    decision = [r for r in rows if r["vorlage"] == "0121-2018" and r["gremium"] == "kreistag"]
    assert len(decision) == 1
    assert (decision[0]["ergebnis"], decision[0]["ja"], decision[0]["nein"], decision[0]["top"]) == (
        "beschlossen", "40", "2", "Ö 7")
    text = gzip.decompress((open_data_site.site / "daten/vorlagen.csv.gz").read_bytes()).decode("utf-8")
    papers = list(csv.DictReader(io.StringIO(text, newline="")))
    boerde = next(r for r in papers if r["nummer"] == "2018/33/0590")
    assert boerde["status"] == "ungeändert beschlossen" and boerde["url"] == SITE_URL + (
        "vorlagen/landkreis-boerde/2018-33-0590/")
    assert "Der Kreistag beauftragte" in boerde["sachverhalt"], "multi-line text stays in its quoted field"


# --- the pages ------------------------------------------------------------------------------------


def test_the_open_data_page_lists_every_export_with_size_and_licence(open_data_site):
    document = page(open_data_site.site, "offene-daten/")
    assert "Datenlizenz Deutschland – Zero – Version 2.0" in document
    assert SITE_URL + "oparl/v1/system.json" in document
    links = set(re.findall(r'href="([^"]+)"', document))
    for path in (open_data_site.site / "daten").rglob("*"):
        if path.is_file():
            relative = "../" + path.relative_to(open_data_site.site).as_posix()
            assert relative in links, f"{relative} is not listed"
    for link in links:
        if not link.startswith(("http", "webcal", "#", "mailto")):
            # a fragment names a part of the file (e.g. an icon in assets/images/symbole.svg); the file must exist
            target = (open_data_site.site / "offene-daten" / link.split("#", 1)[0]).resolve()
            assert target.is_file() or (target / "index.html").is_file(), f"dead link {link}"
    assert "modified_since" in document and "vorlagen.atom" in document
    assert re.search(r"vorlagen\.csv\.gz</a></td>", document) and re.search(r"\d+ (KB|Byte)", document)


def test_pages_name_their_feeds_in_the_head_and_show_abonnieren(open_data_site):
    document = page(open_data_site.site, "gremien/landkreis-boerde/kreistag/")
    head = document.split("</head>")[0]
    alternates = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head)
    assert [href for _, href in alternates] == ["../../../vorlagen.atom", "vorlagen.atom"]
    assert "Abonnieren:" in document
    assert 'href="webcal://buergerinfo.test/gremien/landkreis-boerde/kreistag/sitzungen.ics"' in document
    meeting = page(open_data_site.site, "sitzungen/landkreis-boerde/kreistag/2018-11-28/")
    assert "Mittwoch, 28. November 2018, 15:00–17:30 Uhr" in meeting and 'href="../../../../gremien/landkreis-boerde' \
        '/kreistag/sitzungen.ics"' in meeting
    paper = page(open_data_site.site, "vorlagen/landkreis-boerde/2018-33-0590/")
    assert 'href="beratungen.atom"' in paper.split("</head>")[0] and "Beratungsverlauf dieser Vorlage" in paper


def test_without_site_url_there_is_no_oparl_and_feeds_link_relatively(tmp_path):
    project = copy_project(tmp_path / "project")
    site_dir = tmp_path / "site"
    # Also the way a large archive or `mkdocs serve` writes them: in the build process, not in a worker.
    result = run_build(project, site_dir, extra_env={"SITE_URL": "", "BUERGERINFO_EXPORT_WORKER": "0"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "HINWEIS SITE_URL ist nicht gesetzt" in result.stdout
    assert "im Build-Prozess" in result.stderr
    assert not (site_dir / "oparl").exists()
    assert "fehlt die OParl-Schnittstelle" in page(site_dir, "offene-daten/")
    base = "https://irgendwo.example/bi/"
    feed = "gremien/landkreis-wittmund/kreistag/vorlagen.atom"
    parsed = _check_feed(site_dir / feed, base + feed)
    assert {entry.link for entry in parsed.entries} == {
        base + "vorlagen/landkreis-wittmund/0042-2019/", base + "vorlagen/landkreis-wittmund/0121-2018/"}
    assert "URL:" not in (site_dir / "sitzungen.ics").read_text(encoding="utf-8")
    gremium = page(site_dir, "gremien/landkreis-wittmund/kreistag/")
    assert "webcal://" not in gremium and 'href="sitzungen.ics"' in gremium


@pytest.mark.browser
def test_a_gremium_page_offers_feed_and_calendar_served_with_their_types(browser, served_site):
    context = browser.new_context(locale="de-DE")
    try:
        tab = context.new_page()
        tab.goto(served_site + "gremien/landkreis-wittmund/kreistag/")
        subscribe = tab.locator(".bi-subscribe")
        assert "Abonnieren" in subscribe.inner_text()
        feed = subscribe.get_by_role("link", name=re.compile("Atom-Feed"))
        calendar = subscribe.get_by_role("link", name=re.compile("Sitzungskalender herunterladen"))
        webcal = subscribe.get_by_role("link", name=re.compile("abonnieren"))
        assert webcal.get_attribute("href").startswith("webcal://")
        for link, media_type, start in ((feed, "application/atom+xml", b"<?xml"),
                                        (calendar, "text/calendar", b"BEGIN:VCALENDAR")):
            url = link.evaluate("a => a.href")
            with urlopen(url, timeout=10) as response:
                assert response.headers.get_content_type() == media_type, url
                assert response.read().startswith(start)
        head_feeds = tab.locator('link[rel="alternate"][type="application/atom+xml"]')
        assert head_feeds.count() == 2
    finally:
        context.close()
