"""Two Sitzungen of one Gremium on one day (`sitzung_am_tag`), issue #19.

A real city has days with a regular and a special meeting of the same Gremium, or a morning and
an afternoon part. A Sitzung is known by Körperschaft, Gremium, day and which Sitzung of that
day it was: the first keeps the address it always had (links stay valid), the second gets
`…/JJJJ-MM-TT-2/`, its own calendar UID and its own OParl file, and each has its own agenda.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import copy_project, page, run_build
from test_schema import validator

from buergerinfo.model.paper import Paper

WITTMUND = "data/vorlagen/landkreis-wittmund"
# Vertagt in the regular Sitzung of 23.05.2019, decided in the special Sitzung the same afternoon.
TWICE = """\
# yaml-language-server: $schema=../../../schemas/vorlage.landkreis-wittmund.schema.json
nummer: 0150/2019
betreff: Eilbeschluss Schülerbeförderung
art: Beschlussvorlage
koerperschaft: landkreis-wittmund
datum: 2019-05-20
beratungsfolge:
  - gremium: kreisausschuss
    datum: 2019-05-23
    rolle: Vorberatung
    top: Ö 9
    ergebnis: vertagt
  - gremium: kreisausschuss
    datum: 2019-05-23
    sitzung_am_tag: 2
    rolle: Entscheidung
    top: Ö 1
    ergebnis: beschlossen
"""
FACTS = """\
# yaml-language-server: $schema=../../schemas/sitzungen.schema.json
koerperschaft: landkreis-wittmund
sitzungen:
  - gremium: kreisausschuss
    datum: 2019-05-23
    beginn: "09:00"
  - gremium: kreisausschuss
    datum: 2019-05-23
    sitzung_am_tag: 2
    name: Sondersitzung Schülerbeförderung
    beginn: "16:00"
"""
FIRST = "sitzungen/landkreis-wittmund/kreisausschuss/2019-05-23/"
SECOND = "sitzungen/landkreis-wittmund/kreisausschuss/2019-05-23-2/"


def with_two_meetings(project: Path) -> Path:
    (project / WITTMUND / "0150-2019.yml").write_text(TWICE, encoding="utf-8")
    (project / "data/sitzungen/landkreis-wittmund.yml").write_text(FACTS, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("two-meetings")
    project = with_two_meetings(copy_project(base / "project"))
    site = base / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _agenda(document: str) -> str:
    return document[document.index('id="tagesordnung"') : document.index("</table>", document.index('id="tagesordnung"'))]


def test_each_sitzung_of_the_day_has_its_page_and_its_agenda_and_the_first_keeps_its_address(built):
    first, second = page(built, FIRST), page(built, SECOND)
    assert "1. Sitzung am Tag" in first and "2. Sitzung am Tag" in second
    assert "0042/2019" in _agenda(first) and "0150/2019" in _agenda(first) and "vertagt" in _agenda(first)
    assert "0042/2019" not in _agenda(second) and "0150/2019" in _agenda(second)
    assert "beschlossen" in _agenda(second) and "vertagt" not in _agenda(second)
    assert "Sondersitzung Schülerbeförderung" in second and "16:00" in second
    assert "Sondersitzung" not in first and "09:00" in first
    # The Vorlage page links each Beratung to its own Sitzung.
    paper = page(built, "vorlagen/landkreis-wittmund/0150-2019/")
    assert paper.count(f'href="../../../{FIRST}"') == 1 and paper.count(f'href="../../../{SECOND}"') == 1


def test_the_gremium_page_and_the_lists_name_both(built):
    gremium = page(built, "gremien/landkreis-wittmund/kreisausschuss/")
    assert f'href="../../../{FIRST}"' in gremium and f'href="../../../{SECOND}"' in gremium
    year = page(built, "sitzungen/2019/")
    assert "23.05.2019 (1. Sitzung am Tag)" in year and "23.05.2019 (2. Sitzung am Tag)" in year


def test_calendars_oparl_and_feeds_keep_the_two_apart(built):
    calendar = (built / "gremien/landkreis-wittmund/kreisausschuss/sitzungen.ics").read_text(encoding="utf-8")
    uids = re.findall(r"^UID:(.*)$", calendar, re.M)
    assert "landkreis-wittmund-kreisausschuss-2019-05-23@buergerinfo" in uids, "the first keeps its UID"
    assert "landkreis-wittmund-kreisausschuss-2019-05-23-2@buergerinfo" in uids
    assert len(uids) == len(set(uids))
    folder = built / "oparl/v1/meeting/landkreis-wittmund/kreisausschuss"
    first = json.loads((folder / "2019-05-23.json").read_text(encoding="utf-8"))
    second = json.loads((folder / "2019-05-23-2.json").read_text(encoding="utf-8"))
    assert "buergerinfo:sitzung_am_tag" not in first and second["buergerinfo:sitzung_am_tag"] == 2
    assert [item["number"] for item in second["agendaItem"]] == ["Ö 1"]
    assert sorted(item["number"] for item in first["agendaItem"] if "number" in item) == ["Ö 9"]
    assert second["buergerinfo:sitzungsangaben"]["sitzung_am_tag"] == 2
    paper = json.loads((built / "oparl/v1/paper/landkreis-wittmund/0150-2019.json").read_text(encoding="utf-8"))
    meetings = [c["meeting"] for c in paper["consultation"]]
    assert meetings == [first["id"], second["id"]]
    assert [c.get("buergerinfo:sitzung_am_tag") for c in paper["consultation"]] == [None, 2]
    listing = json.loads((built / "oparl/v1/body/landkreis-wittmund/meetings.json").read_text(encoding="utf-8"))
    ids = [m["id"] for m in listing["data"]]
    assert ids.index(first["id"]) + 1 == ids.index(second["id"]), "in order of the day, then of the Sitzung"
    feed = (built / "vorlagen/landkreis-wittmund/0150-2019/beratungen.atom").read_text(encoding="utf-8")
    entry_ids = re.findall(r"<id>([^<]*)</id>", feed)
    assert len(entry_ids) == len(set(entry_ids))
    assert "Kreisausschuss am 23.05.2019 (2. Sitzung am Tag)" in feed


def test_the_check_refuses_the_same_sitzung_twice_in_data_sitzungen(tmp_path):
    project = with_two_meetings(copy_project(tmp_path / "project"))
    facts = project / "data/sitzungen/landkreis-wittmund.yml"
    facts.write_text(FACTS.replace("    sitzung_am_tag: 2\n", ""), encoding="utf-8")
    check = _bi(project, "check")
    assert check.returncode == 1
    assert ("data/sitzungen/landkreis-wittmund.yml:7:5: Fehler: Feld „sitzungen[2]“: diese Sitzung ist doppelt "
            "eingetragen") in check.stderr
    assert "„sitzung_am_tag: 2“" in check.stderr


def test_a_nicht_oeffentliche_beratung_in_the_public_tree_may_say_which_sitzung_of_the_day(tmp_path):
    project = with_two_meetings(copy_project(tmp_path / "project"))
    paper = project / WITTMUND / "0150-2019.yml"
    paper.write_text(TWICE.replace("    sitzung_am_tag: 2\n    rolle: Entscheidung\n    top: Ö 1\n    ergebnis: beschlossen\n",
                                   "    sitzung_am_tag: 2\n    oeffentlich: false\n"), encoding="utf-8")
    check = _bi(project, "check")
    assert check.returncode == 0, check.stderr


# --- ./bi ergebnis ---------------------------------------------------------------------------------


def _bi(root: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(Path(__file__).resolve().parent.parent / "bi"), "--root", str(root), *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=root,
        env={**os.environ, "BUERGERINFO_TODAY": "2026-11-21", "PYTHONIOENCODING": "utf-8"},
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture
def repository(tmp_path) -> Path:
    root = with_two_meetings(copy_project(tmp_path / "repository"))
    shutil.copytree(Path(__file__).resolve().parent.parent / "schemas", root / "schemas", dirs_exist_ok=True)
    paper = root / WITTMUND / "0150-2019.yml"
    paper.write_text(TWICE.replace("    ergebnis: vertagt\n", "").replace("    ergebnis: beschlossen\n", ""), "utf-8")
    return root


def test_ergebnis_asks_which_sitzung_of_the_day_when_two_beratungen_match(repository):
    args = ("ergebnis", f"{WITTMUND}/0150-2019.yml", "--gremium", "kreisausschuss", "--datum", "2019-05-23")
    before = (repository / WITTMUND / "0150-2019.yml").read_text(encoding="utf-8")
    refused = _bi(repository, *args, "--ergebnis", "beschlossen")
    assert refused.returncode == 1
    assert "passen 2 Beratungen in verschiedenen Sitzungen des Tages (Einträge 1, 2: sitzung_am_tag 1 und 2)" in (
        refused.stderr), refused.stderr
    assert "--sitzung-am-tag 1 oder 2" in refused.stderr
    assert (repository / WITTMUND / "0150-2019.yml").read_text(encoding="utf-8") == before
    second = _bi(repository, *args, "--ergebnis", "beschlossen", "--sitzung-am-tag", "2")
    assert second.returncode == 0, second.stderr
    first = _bi(repository, *args, "--ergebnis", "vertagt", "--sitzung-am-tag", "1")
    assert first.returncode == 0, first.stderr
    consultations = Paper.model_validate(
        __import__("yaml").safe_load((repository / WITTMUND / "0150-2019.yml").read_text(encoding="utf-8"))
    ).consultations
    assert [(c.meeting_number, c.result) for c in consultations] == [(1, "vertagt"), (2, "beschlossen")]
    missing = _bi(repository, *args, "--ergebnis", "beschlossen", "--sitzung-am-tag", "3")
    assert missing.returncode == 1 and "keine Beratung von „kreisausschuss“ am 2019-05-23 in der 3. Sitzung" in (
        missing.stderr)


# --- the field itself ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "valid"), [(1, True), (2, True), (9, True), (0, False), (10, False), ("2", False),
                                              (True, False)])
def test_schema_and_validator_agree_on_sitzung_am_tag(value, valid):
    paper = {"betreff": "X", "art": "Beschlussvorlage", "koerperschaft": "x",
             "beratungsfolge": [{"gremium": "x", "datum": "2019-05-13", "sitzung_am_tag": value}]}
    facts = {"koerperschaft": "x", "sitzungen": [{"gremium": "x", "datum": "2019-05-13", "sitzung_am_tag": value}]}
    from buergerinfo.model.meeting import MeetingFactsFile

    for schema, model, data in (("vorlage.schema.json", Paper, paper), ("sitzungen.schema.json", MeetingFactsFile, facts)):
        assert (not list(validator(schema).iter_errors(data))) == valid, schema
        try:
            model.model_validate(data)
        except Exception:
            assert not valid
        else:
            assert valid
