"""Right answers on the built sample site: status families, the dossier stage, one date rule, links, German.

The core's rules are checked on the core's objects, and then where a citizen reads them.
"""

from __future__ import annotations

import re
import sys

import pytest
from conftest import REPO, TODAY, copy_project, page
from test_site import text_of

from buergerinfo.checking.archive import load_archive
from buergerinfo.views.markup import render_markdown
from buergerinfo.model.body import Body
from buergerinfo.views.views import Views, public_view
from buergerinfo.model.vocabulary import Vocabulary

sys.path.insert(0, str(REPO / "hooks"))
from site_pages import Addresses  # noqa: E402
from site_render import PaperHrefs  # noqa: E402

BOERDE = "vorlagen/landkreis-boerde/2018-33-0590/"
WITTMUND_0042 = "vorlagen/landkreis-wittmund/0042-2019/"
WITTMUND_0121 = "vorlagen/landkreis-wittmund/0121-2018/"
FRIESLAND = "vorlagen/landkreis-friesland/vorstellung-integrationskonzept-2019/"


def _table(document: str) -> str:
    return document.split('class="bi-table')[1].split("</table>")[0]


@pytest.fixture(scope="module")
def views() -> Views:
    import datetime as dt

    return Views(public_view(load_archive(REPO)), dt.date.fromisoformat(TODAY))


# --- status families ---------------------------------------------------------------------------


def test_every_beschlossen_word_belongs_to_the_family_and_a_county_names_its_own():
    body = Body.model_validate(
        {
            "name": "Stadt X",
            "gremien": [{"id": "rat", "name": "Rat"}],
            "beschlussarten": [
                {"bezeichnung": "mehrheitlich beschlossen", "farbe": "erfolg", "abschliessend": True},
                {"bezeichnung": "zurückgestellt", "farbe": "warnung", "abschliessend": False, "familie": "vertagt"},
                {"bezeichnung": "erledigt", "farbe": "neutral", "abschliessend": True},
            ],
        }
    )
    vocabulary = Vocabulary(body)
    for word in ("ungeändert beschlossen", "geändert beschlossen", "beschlossen", "mehrheitlich beschlossen"):
        assert vocabulary.family(word) == "beschlossen", word
    assert vocabulary.family("zurückgestellt") == "vertagt", "the county's own word says its family"
    assert vocabulary.family("erledigt") == "erledigt", "a word without a family stands for itself"
    assert vocabulary.family("abgelehnt") == "abgelehnt"
    with pytest.raises(ValueError, match="familie"):
        Body.model_validate(
            {"name": "Y", "gremien": [{"id": "rat", "name": "Rat"}],
             "beschlussarten": [{"bezeichnung": "z", "farbe": "erfolg", "abschliessend": True, "familie": "irgendwas"}]}
        )


def test_the_beschlossen_list_holds_every_beschlossen_vorlage(site):
    family = _table(page(site, "vorlagen/status/beschlossen/"))
    assert "0121/2018" in family and "2018/33/0590" in family, "beschlossen and ungeändert beschlossen"
    assert "0042/2019" not in family
    word = _table(page(site, "vorlagen/status/ungeaendert-beschlossen/"))
    assert "2018/33/0590" in word and "0121/2018" not in word, "the exact word still narrows further"
    # The filter shows the family with its words below it.
    facets = page(site, "vorlagen/").split('aria-label="Vorlagen eingrenzen"')[1].split("</nav>")[0]
    status = facets.split("<summary>Status</summary>")[1].split("</details>")[0]
    # 0121/2018, 2018/33/0590 and the fictional Antrag 2026/33/0805 of the sample Kreistag.
    assert re.search(r'status/beschlossen/">beschlossen</a> \(3\)\s*<ul class="bi-facets__narrower"', status)
    assert 'status/ungeaendert-beschlossen/">ungeändert beschlossen</a> (2)' in status


def test_the_search_filter_counts_families(site):
    import json

    manifest = json.loads((site / "suche-index/manifest.json").read_text("utf-8"))
    status = next(f for f in manifest["facets"] if f["name"] == "Status")["values"]
    assert "beschlossen" in status and "ungeändert beschlossen" not in status


# --- the stage of a dossier ------------------------------------------------------------------------


def test_a_dossier_is_beschlossen_only_with_a_recorded_decision(views):
    stages = {key: views.dossier_stage(record) for key, record in views.archive.dossiers.items()}
    assert stages["integrationskonzept-boerde"].label == "beschlossen am 28.11.2018"
    assert "ungeändert beschlossen" in stages["integrationskonzept-boerde"].description
    # Friesland's decision step was nicht öffentlich and has no result; Wittmund's final Vorlage has none either.
    for key in ("integrationskonzept-friesland", "integrationskonzept-wittmund"):
        assert stages[key].label == "zur Entscheidung vorgelegt", key
        assert stages[key].decision is None


@pytest.mark.parametrize(
    "address", ["themen/", "themen/integrationskonzept/", "dossiers/integrationskonzept-friesland/",
                "dossiers/integrationskonzept-wittmund/", "dossiers/integrationskonzept-boerde/"]
)
def test_no_page_calls_a_stage_beschluss(site, address):
    text = text_of(page(site, address))
    assert not re.search(r"Stand( des Vorhabens)?:? Beschluss\b", text), text[:400]
    if "friesland" in address or "wittmund" in address:
        assert "zur Entscheidung vorgelegt" in text


# --- one date rule -------------------------------------------------------------------------------


def test_a_vorlage_without_date_says_so_on_its_page_and_in_lists(site):
    text = text_of(page(site, FRIESLAND))
    assert "Datum nicht angegeben (erste Beratung am 27.02.2019)" in text
    table = _table(page(site, "vorlagen/"))
    row = [r for r in re.findall(r"<tr>.*?</tr>", table, re.S) if "Friesland" in r][0]
    # The list names its Datum column in the header and in a class its stylesheet labels the cards by (no data-label).
    assert '<th scope="col">Datum</th>' in table and "bi-mit-datum" in table.split(">", 1)[0]
    header = re.findall(r'<th scope="col">([^<]*)</th>', table)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert len(cells) == len(header) and "nicht angegeben" in cells[header.index("Datum")]
    assert not re.search(r"\d\d\.\d\d\.\d{4}", re.sub(r"<[^>]+>", " ", row)), row


# --- links ---------------------------------------------------------------------------------------


def test_a_vorlagen_nummer_in_a_text_links_to_that_vorlage(site):
    document = page(site, WITTMUND_0042)
    sachverhalt = document.split('id="sachverhalt"')[1].split("</div>")[0]
    assert 'Vorlage <a href="../0121-2018/">0121/2018</a> verwiesen' in sachverhalt
    note = page(site, WITTMUND_0121).split("bi-consultations")[1].split("</table>")[0]
    assert '<a href="../0042-2019/">0042/2019</a>' in note, "plain-text fields (a Bemerkung) link as well"
    assert '<a href="../0121-2018/">0121/2018</a>' not in page(site, WITTMUND_0121).split('id="sachverhalt"')[1], (
        "a page does not link to itself"
    )


def test_only_public_vorlagen_of_the_same_koerperschaft_are_linked(tmp_path):
    project = copy_project(tmp_path / "project")
    confidential = project / "nicht-oeffentlich/vorlagen/landkreis-wittmund"  # where a public repository keeps it
    confidential.mkdir(parents=True)
    (confidential / "0999-2019.yml").write_text(
        "nummer: 0999/2019\nbetreff: Geheim\nart: Beschlussvorlage\nkoerperschaft: landkreis-wittmund\n"
        "oeffentlich: false\n",
        encoding="utf-8",
    )
    import datetime as dt

    views = Views(public_view(load_archive(project)), dt.date(2026, 11, 21))
    context = {"views": views, "addresses": Addresses(), "base_url": "../../..", "page": None}  # as for a Vorlage
    text = "Siehe 0999/2019, 0121/2018 und 2018/33/0590 sowie `0042/2019` und [0042/2019](https://example.org/)."
    rendered = render_markdown(text, PaperHrefs(context, "landkreis-wittmund"))
    assert rendered == (
        '<p>Siehe 0999/2019, <a href="../../../vorlagen/landkreis-wittmund/0121-2018/">0121/2018</a> und '
        "2018/33/0590 sowie <code>0042/2019</code> und "
        '<a href="https://example.org/" rel="noopener noreferrer">0042/2019</a>.</p>\n'
    ), "not the nicht öffentliche 0999/2019, not Börde's number, nothing inside code or a link"


def test_a_sitzung_page_links_the_dossier_that_cites_it(site):
    document = page(site, "sitzungen/landkreis-friesland/ausschuss-fuer-arbeit-und-soziales/2018-09-12/")
    assert 'href="../../../../dossiers/integrationskonzept-friesland/"' in document
    assert "Handout zum Prozess im Ausschuss für Arbeit und Soziales" in text_of(document)


def test_a_koerperschaft_page_lists_its_sitzungen(site):
    text = text_of(page(site, "koerperschaften/landkreis-wittmund/"))
    assert "Kommende Sitzungen Zurzeit sind keine Sitzungen angesetzt." in text
    recent = text.split("Letzte Sitzungen")[1].split("Neueste Vorlagen")[0]
    dates = re.findall(r"\d\d\.\d\d\.\d{4}", recent)
    assert dates[:3] == ["27.06.2019", "23.05.2019", "13.05.2019"], "newest first"
    assert len(dates) == 6


# --- German and finish ---------------------------------------------------------------------------


def test_singular_and_plural(site):
    text = text_of(page(site, "koerperschaften/"))
    assert "Landkreis Friesland – 2 Gremien, 1 Vorlage" in text
    assert "Landkreis Wittmund – 3 Gremien, 2 Vorlagen" in text
    assert "(1 Vorlage)" in text_of(page(site, "koerperschaften/landkreis-friesland/"))
    assert text_of(page(site, "vorlagen/koerperschaft/landkreis-friesland/")).count("1 Vorlage.") == 1


def test_dates_are_german_everywhere(site):
    assert "Diese Erklärung wurde am 21.11.2026 erstellt." in text_of(page(site, "barrierefreiheit/"))
    for path in site.rglob("*.html"):
        # Code (the editors' guide shows YAML, where dates are JJJJ-MM-TT) and addresses keep ISO dates.
        document = re.sub(r"<(pre|code)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"(https?://|/)\S+", " ", text_of(document))
        assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", text), path.relative_to(site)


def test_the_404_page_is_german_and_has_the_search_field(site):
    document = (site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in document
    assert "<title>Seite nicht gefunden" in document
    assert re.search(r'<form class="bi-search-form" role="search" action="/suche/"', document)


def test_no_column_is_empty_in_every_row_and_an_empty_cell_says_so(site):
    friesland = _table(page(site, FRIESLAND))
    headers = re.findall(r'<th scope="col">([^<]+)</th>', friesland)
    assert headers == ["Datum", "Gremium", "Öffentlichkeit", "Ergebnis"], "no Sitzung, Rolle, TOP, Abstimmung"
    agenda = _table(page(site, "sitzungen/landkreis-wittmund/kreistag/2019-06-27/"))
    assert re.findall(r'<th scope="col">([^<]+)</th>', agenda) == ["Vorlage", "Betreff", "Rolle", "Ergebnis"]
    measures = page(site, "dossiers/integrationskonzept-wittmund/").split("bi-table--measures")[1].split("</table>")[0]
    assert '<span aria-hidden="true">–</span><span class="bi-sr-only">nicht angegeben</span>' in measures
