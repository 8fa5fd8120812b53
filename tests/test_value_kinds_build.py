"""A value the check accepts builds: every file kind filled with values at the edge of what is allowed.

The exports and pages assume things about dates (a calendar day, a year that sorts), times
(an iCal DTSTART), counts, URLs, file names and keys (they become folders of the site). Here
each kind of data file carries the extremes the check lets through — the first and last
allowed day, 00:00 and 23:59, a count of a million, a URL with port, query and fragment, an
Anlage with spaces and umlauts, keys and labels of the longest allowed length — and the real
`mkdocs build --strict` must publish them.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import copy_project, page, run_build

from buergerinfo.reading.limits import MAX_KEY_CHARS

LONG_ORG = ("ausschuss-fuer-" + "sehr-" * 20)[: MAX_KEY_CHARS - 1] + "x"
LONG_TYPE = ("Überörtliche Stellungnahme zur Änderung " * 3)[:MAX_KEY_CHARS].strip()
LONG_RESULT = ("mit Maßgaben und Änderungen beschlossen " * 3)[:MAX_KEY_CHARS].strip()
ATTACHMENT = "Anlage 1 (Lageplan) – Straße & Weg.pdf"
WEBSITE = "https://www.grenzwert.example:8443/pfad/ä?x=1&y=2#teil"

FILES = {
    "data/koerperschaften/landkreis-grenzwert.yml": f"""\
name: Landkreis Grenzwert
kurzname: Grenzwert
website: "{WEBSITE}"
nummernformat: '[0-9]{{4}}/[0-9]{{4}}'
nummernbeispiel: 0001/2099
gremien:
  - id: {LONG_ORG}
    name: Ausschuss mit dem längsten Schlüssel
  - id: kreistag
    name: Kreistag
vorlagenarten:
  - {LONG_TYPE}
beschlussarten:
  - bezeichnung: {LONG_RESULT}
    farbe: erfolg
    abschliessend: true
""",
    "data/vorlagen/landkreis-grenzwert/0001-1946.yml": f"""\
nummer: 0001/1946
betreff: Erste Vorlage am ersten möglichen Tag
art: {LONG_TYPE}
koerperschaft: landkreis-grenzwert
datum: 1946-01-01
aktenzeichen: "Az. 00.0/1946 – Ö"
beratungsfolge:
  - gremium: {LONG_ORG}
    datum: 1946-01-01
    rolle: Vorberatung
    top: Ö 1.1.1
    ergebnis: {LONG_RESULT}
    abstimmung:
      ja: 0
      nein: 1000000
      enthaltung: 0
  - gremium: kreistag
    datum: 2099-12-31
    rolle: Entscheidung
anlagen:
  - titel: Lageplan
    datei: "landkreis-grenzwert/{ATTACHMENT}"
  - titel: Satzung im Netz
    url: "https://satzungen.grenzwert.example:8443/s/ä%20b?fassung=1&x=%22#abschnitt-2"
""",
    "data/vorlagen/landkreis-grenzwert/9999-2099.yml": """\
nummer: 9999/2099
betreff: Letzte Vorlage am letzten möglichen Tag
art: Beschlussvorlage
koerperschaft: landkreis-grenzwert
datum: 2099-12-31
beratungsfolge:
  - gremium: kreistag
    datum: 2099-12-31
    rolle: Entscheidung
    ergebnis: ungeändert beschlossen
    abstimmung:
      einstimmig: true
      ja: 50
bezuege:
  - 0001/1946
""",
    "data/sitzungen/landkreis-grenzwert.yml": f"""\
koerperschaft: landkreis-grenzwert
sitzungen:
  - gremium: {LONG_ORG}
    datum: 1946-01-01
    beginn: "00:00"
    ort: "Saal „Ost“ <Erdgeschoss>; Tür 1 & 2"
  - gremium: kreistag
    datum: 2099-12-31
    beginn: "23:59"
""",
    "data/dossiers/grenzwert.yml": """\
titel: Dossier über die Grenzen
thema: integrationskonzept
koerperschaft: landkreis-grenzwert
verlauf:
  - datum: 1946-01-01
    phase: Auftrag
    titel: Auftrag am ersten Tag
    vorlage: 0001/1946
  - datum: 2099-12-31
    phase: Beschluss
    titel: Beschluss am letzten Tag
    vorlage: 9999/2099
dokumente:
  - titel: Konzept im Netz
    url: "http://konzept.grenzwert.example/?a=1&b=2"
""",
}


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    base = tmp_path_factory.mktemp("edge")
    project = copy_project(base / "project")
    for relative, text in FILES.items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    attachment = project / "data/anlagen/landkreis-grenzwert" / ATTACHMENT
    attachment.parent.mkdir(parents=True)
    attachment.write_bytes(b"%PDF-1.4\n% Platzhalter\n")
    check = subprocess.run(
        [sys.executable, "-m", "buergerinfo", "--root", str(project), "check"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    site = base / "site"
    return check, run_build(project, site), site


def test_the_check_accepts_every_edge_value(edge):
    check, _, _ = edge
    assert check.returncode == 0, check.stderr
    assert "Fehler" not in check.stderr
    # The far end of the range is allowed but asked about.
    assert "Warnung: Feld „datum“: das Datum 31.12.2099 liegt mehr als 5 Jahre in der Zukunft" in check.stderr


def test_the_build_publishes_them(edge):
    _, build, site = edge
    assert build.returncode == 0, build.stdout + build.stderr
    first = page(site, "vorlagen/landkreis-grenzwert/0001-1946/")
    assert "01.01.1946" in first and "Nein 1000000" in first and LONG_RESULT in first and "Ö 1.1.1" in first
    assert page(site, "vorlagen/landkreis-grenzwert/9999-2099/").count("31.12.2099") >= 1
    assert LONG_TYPE in page(site, "vorlagen/")


def test_calendars_carry_the_first_and_last_minute(edge):
    _, _, site = edge
    committee = (site / "gremien/landkreis-grenzwert" / LONG_ORG / "sitzungen.ics").read_text(encoding="utf-8")
    council = (site / "gremien/landkreis-grenzwert/kreistag/sitzungen.ics").read_text(encoding="utf-8")
    # DTSTART may carry its time zone (DTSTART;TZID=Europe/Berlin:…).
    assert re.search(r"^DTSTART[^:\n]*:19460101T000000$", committee, re.M), committee
    assert re.search(r"^DTSTART[^:\n]*:20991231T235900$", council, re.M), council


def test_an_attachment_with_spaces_and_umlauts_is_published_and_linked(edge):
    _, _, site = edge
    published = site / "anlagen/landkreis-grenzwert" / ATTACHMENT
    assert published.is_file()
    document = page(site, "vorlagen/landkreis-grenzwert/0001-1946/")
    links = [unquote(html.unescape(part.split('"', 1)[0])) for part in document.split('href="')[1:]]
    assert any(link.endswith(f"anlagen/landkreis-grenzwert/{ATTACHMENT}") for link in links), links
    assert "https://satzungen.grenzwert.example:8443/s/ä%20b?fassung=1&amp;x=%22#abschnitt-2" in document


def test_long_keys_become_pages(edge):
    _, _, site = edge
    assert (site / "gremien/landkreis-grenzwert" / LONG_ORG / "index.html").is_file()
    assert (site / "sitzungen/landkreis-grenzwert" / LONG_ORG / "1946-01-01/index.html").is_file()
    assert any(Path(site, "vorlagen/art").iterdir())
