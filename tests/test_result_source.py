"""Where a result came from: the council system's own words, results derived from vote counts, „erledigt“.

A Beratung keeps `ergebnis_wortlaut` (the result text as the council system wrote it) and
`ergebnis_abgeleitet` (the result word was derived from the counts alone). The pages show the
wording as the source's text, never as a badge and never as markup; search, OParl and the tables
carry both; a nicht öffentliche Beratung passes neither on.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from pathlib import Path

import pytest
from conftest import copy_project, page, run_build

from buergerinfo.model.paper import Paper
from buergerinfo.model.structure import Archive, PaperRecord
from buergerinfo.views.views import public_view

PAPER = "data/vorlagen/landkreis-wittmund/0042-2019.yml"
# The Sozialausschuss's Beratung keeps only the source's words (no result word fits them); the
# Kreisausschuss's result word was derived from the counts, and the words stay beside it.
BERATUNGEN = """\
beratungsfolge:
  - gremium: sozialausschuss
    datum: 2019-05-13
    rolle: Vorberatung
    ergebnis_wortlaut: "mehrheitlich Wortlautprobe <b>zugestimmt</b>"
  - gremium: kreisausschuss
    datum: 2019-05-23
    rolle: Vorberatung
    ergebnis: beschlossen
    ergebnis_wortlaut: 13 Ja-Stimmen, 0 Enthaltungen, 1 Nein-Stimme
    ergebnis_abgeleitet: true
    abstimmung:
      ja: 13
      nein: 1
      enthaltung: 0
"""
ORIGINAL_BERATUNGEN = """\
beratungsfolge:
  - gremium: sozialausschuss
    datum: 2019-05-13
    rolle: Vorberatung
  - gremium: kreisausschuss
    datum: 2019-05-23
    rolle: Vorberatung
"""
SHOWN = "Ergebnis laut Ratsinformationssystem: „mehrheitlich Wortlautprobe &lt;b&gt;zugestimmt&lt;/b&gt;“"
BESIDE = "Wortlaut im Ratsinformationssystem: „13 Ja-Stimmen, 0 Enthaltungen, 1 Nein-Stimme“"


def with_result_sources(project: Path, long_word: str = "") -> Path:
    """The sample data with the source's words, a derived result and „erledigt“ in Vorlage 0042/2019.

    `long_word` is added to the source's words (the layout test's narrow screens).
    """
    paper = project / PAPER
    text = paper.read_text(encoding="utf-8")
    assert ORIGINAL_BERATUNGEN in text
    beratungen = BERATUNGEN.replace("1 Nein-Stimme\n", f"1 Nein-Stimme {long_word}\n") if long_word else BERATUNGEN
    text = text.replace(ORIGINAL_BERATUNGEN, beratungen)
    # The Kreistag's decision: the matter settled itself („erledigt“, a family of its own).
    assert text.count("    rolle: Entscheidung\nsachverhalt:") == 1
    text = text.replace("    rolle: Entscheidung\nsachverhalt:", "    rolle: Entscheidung\n    ergebnis: erledigt\nsachverhalt:")
    paper.write_text(text, encoding="utf-8")
    return project


# Pages where the new result facts and a second Sitzung of a day show (test_layout, test_accessibility).
RESULT_SOURCE_PAGES = {
    "vorlage-wortlaut": "vorlagen/landkreis-wittmund/0042-2019/",
    "vorlage-zwei-sitzungen-am-tag": "vorlagen/landkreis-wittmund/0150-2019/",
    "sitzung-wortlaut": "sitzungen/landkreis-wittmund/sozialausschuss/2019-05-13/",
    "sitzung-erste-am-tag": "sitzungen/landkreis-wittmund/kreisausschuss/2019-05-23/",
    "sitzung-zweite-am-tag": "sitzungen/landkreis-wittmund/kreisausschuss/2019-05-23-2/",
    "gremium-zwei-sitzungen-am-tag": "gremien/landkreis-wittmund/kreisausschuss/",
    "liste-erledigt": "vorlagen/status/erledigt/",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("result-source")
    project = with_result_sources(copy_project(base / "project"))
    site = base / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _row(document: str, marker: str) -> str:
    """The table row of a page that contains `marker`."""
    start = document.rindex("<tr", 0, document.index(marker))
    return document[start : document.index("</tr>", start)]


def test_the_vorlage_page_shows_the_sources_words_as_text_and_never_as_markup(built):
    document = page(built, "vorlagen/landkreis-wittmund/0042-2019/")
    assert "<b>zugestimmt" not in document, "text from YAML became markup"
    row = _row(document, SHOWN)
    assert "kein Ergebnis erfasst" not in row and "bi-badge" not in row, "the words stand instead of a badge"
    derived = _row(document, BESIDE)
    assert ">beschlossen</span>" in derived and "aus der Stimmenzahl abgeleitet" in derived
    assert derived.index("beschlossen</span>") < derived.index(BESIDE), "the words quietly beside the result"


def test_the_sitzung_and_gremium_pages_show_them_where_the_result_appears(built):
    for url in ("sitzungen/landkreis-wittmund/sozialausschuss/2019-05-13/", "gremien/landkreis-wittmund/sozialausschuss/"):
        document = page(built, url)
        assert SHOWN in document and "<b>zugestimmt" not in document, url
    for url in ("sitzungen/landkreis-wittmund/kreisausschuss/2019-05-23/", "gremien/landkreis-wittmund/kreisausschuss/"):
        row = _row(page(built, url), BESIDE)
        assert "aus der Stimmenzahl abgeleitet" in row, url


def test_the_search_finds_a_vorlage_by_the_sources_words(built):
    import Stemmer

    from buergerinfo.search.index import decode_shard

    terms = set()
    for shard in (built / "suche-index" / "i").glob("*.bin"):
        terms |= set(decode_shard(shard.read_bytes()))
    assert Stemmer.Stemmer("german").stemWord("wortlautprobe") in terms


def test_oparl_keeps_both_beside_the_result_of_the_agenda_item(built):
    def agenda_item(org: str, day: str) -> dict:
        meeting = json.loads((built / f"oparl/v1/meeting/landkreis-wittmund/{org}/{day}.json").read_text("utf-8"))
        return next(item for item in meeting["agendaItem"] if "0042-2019" in item["id"])

    decided = agenda_item("kreisausschuss", "2019-05-23")
    assert decided["result"] == "beschlossen"
    assert decided["buergerinfo:ergebnis_wortlaut"] == "13 Ja-Stimmen, 0 Enthaltungen, 1 Nein-Stimme"
    assert decided["buergerinfo:ergebnis_abgeleitet"] is True
    words_only = agenda_item("sozialausschuss", "2019-05-13")
    assert "result" not in words_only and "buergerinfo:ergebnis_abgeleitet" not in words_only
    assert words_only["buergerinfo:ergebnis_wortlaut"] == "mehrheitlich Wortlautprobe <b>zugestimmt</b>"


def test_the_beratungen_table_and_its_table_schema_have_both_columns(built):
    # The tables are published gzip-compressed (README, "Open data"), as a harvester downloads them.
    with gzip.open(built / "daten/beratungen.csv.gz", "rt", encoding="utf-8", newline="") as file:
        rows = {(r["vorlage"], r["gremium"]): r for r in csv.DictReader(file)}
    derived = rows[("0042-2019", "kreisausschuss")]
    assert (derived["ergebnis_wortlaut"], derived["ergebnis_abgeleitet"]) == (
        "13 Ja-Stimmen, 0 Enthaltungen, 1 Nein-Stimme", "true")
    words_only = rows[("0042-2019", "sozialausschuss")]
    assert words_only["ergebnis_wortlaut"].startswith("mehrheitlich") and words_only["ergebnis_abgeleitet"] == ""
    assert rows[("0121-2018", "kreistag")]["ergebnis_abgeleitet"] == "false", "a result word from the source itself"
    package = json.loads((built / "daten/datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in next(r for r in package["resources"] if r["name"] == "beratungen-csv")["schema"]["fields"]}
    assert fields["ergebnis_wortlaut"]["type"] == "string" and fields["ergebnis_abgeleitet"]["type"] == "boolean"
    assert "Stimmenzahl" in fields["ergebnis_abgeleitet"]["description"]


def test_public_view_passes_neither_on_for_a_nicht_oeffentliche_beratung():
    paper = Paper.model_validate({
        "betreff": "X", "art": "Beschlussvorlage", "koerperschaft": "k",
        "beratungsfolge": [{"gremium": "g", "datum": "2019-05-13", "oeffentlich": False, "ergebnis": "beschlossen",
                            "ergebnis_wortlaut": "einstimmig Walrossgesang", "ergebnis_abgeleitet": True}],
    })
    view = public_view(Archive(Path("."), papers=[PaperRecord("x", "data/vorlagen/k/x.yml", paper)]))
    consultation = view.papers[0].paper.consultations[0]
    assert (consultation.result, consultation.result_wording, consultation.result_derived) == (None, None, False)


def test_a_wording_is_visible_text_of_bounded_length():
    from pydantic import ValidationError

    from buergerinfo.reading.limits import MAX_RESULT_WORDING_CHARS

    def consultation(wording: str) -> dict:
        return {"betreff": "X", "art": "Beschlussvorlage", "koerperschaft": "k",
                "beratungsfolge": [{"gremium": "g", "datum": "2019-05-13", "ergebnis_wortlaut": wording}]}

    assert Paper.model_validate(consultation("x" * MAX_RESULT_WORDING_CHARS))
    for wrong in ("x" * (MAX_RESULT_WORDING_CHARS + 1), "   ", "einstimmig\u202e"):
        with pytest.raises(ValidationError):
            Paper.model_validate(consultation(wrong))


# --- „erledigt“: a result family of its own -------------------------------------------------------------


def test_erledigt_is_a_final_result_whose_badge_says_what_it_means(built):
    document = page(built, "vorlagen/landkreis-wittmund/0042-2019/")
    status = document[document.index('class="bi-status"'):]
    status = status[: status.index("</div>")]
    assert 'bi-badge--neutral' in status and ">erledigt</span>" in status
    assert "ohne dass das Gremium in der Sache entschieden hat" in status, "the meaning in words, not only colour"


def test_lists_and_search_filter_by_erledigt(built):
    listed = page(built, "vorlagen/status/erledigt/")
    assert "0042/2019" in listed and "0121/2018" not in listed
    assert '<a href="status/erledigt/">erledigt</a>' in page(built, "vorlagen/"), "a Status filter of the lists"
    manifest = json.loads((built / "suche-index/manifest.json").read_text(encoding="utf-8"))
    status = next(facet for facet in manifest["facets"] if facet["name"] == "Status")
    assert "erledigt" in status["values"]


def test_erledigt_is_a_family_a_koerperschaft_may_name():
    from buergerinfo.model.body import Body
    from buergerinfo.model.vocabulary import Vocabulary

    body = Body.model_validate({"name": "X", "gremien": [{"id": "rat", "name": "Rat"}], "beschlussarten": [
        {"bezeichnung": "gegenstandslos", "farbe": "neutral", "abschliessend": True, "familie": "erledigt"}]})
    vocabulary = Vocabulary(body)
    assert vocabulary.family("gegenstandslos") == "erledigt" and vocabulary.family("erledigt") == "erledigt"
    badge = vocabulary.family_badge("erledigt")
    assert badge.colour == "neutral" and "gegenstandslos" in badge.description


def test_an_editor_who_records_the_result_confirms_it_so_it_is_no_longer_derived(tmp_path):
    from test_two_meetings_a_day import _bi

    project = with_result_sources(copy_project(tmp_path / "project"))
    shutil.copytree(Path(__file__).resolve().parent.parent / "schemas", project / "schemas", dirs_exist_ok=True)
    before = (project / PAPER).read_text(encoding="utf-8")
    args = ("ergebnis", PAPER, "--gremium", "kreisausschuss", "--datum", "2019-05-23")
    other = _bi(project, *args, "--ergebnis", "abgelehnt")
    assert other.returncode == 1 and "--ersetzen" in other.stderr, "a derived result is still a result"
    confirmed = _bi(project, *args, "--ergebnis", "beschlossen")
    assert confirmed.returncode == 0, confirmed.stderr
    after = (project / PAPER).read_text(encoding="utf-8")
    assert after == before.replace("    ergebnis_abgeleitet: true\n", ""), "only the line goes; the words stay"
