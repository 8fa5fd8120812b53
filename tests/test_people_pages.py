"""Person, Fraktion and Gremium pages of the sample Kreistag (data/personen/landkreis-boerde.yml, fictional).

In the style of test_seed_facts.py: (page address, expected text) in the visible text of the page's
article, or a Row whose parts stand together in one table row. Then privacy: a hidden person has no
page and is linked nowhere, contact data of a person who left and the consent never reach the site,
and nothing of a nicht öffentliche Vorlage reaches a Person or Fraktion page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import copy_project, page, run_build
from test_seed_facts import Row, _found, _show, visible

JANA = "personen/landkreis-boerde/jana-kleinschmidt/"
RIEBE = "personen/landkreis-boerde/hartmut-riebe/"
MARLENE = "personen/landkreis-boerde/marlene-voigtlaender/"
BERND = "personen/landkreis-boerde/bernd-ostermeier/"
GRETA = "personen/landkreis-boerde/greta-wolters/"
HAMANN = "personen/landkreis-boerde/klaus-dieter-hamann/"
SOZIALE_MITTE = "fraktionen/landkreis-boerde/soziale-mitte/"
LIBERALE = "fraktionen/landkreis-boerde/liberale-buerger/"
UWG = "fraktionen/landkreis-boerde/uwg/"
KREISTAG = "gremien/landkreis-boerde/kreistag/"
AUSSCHUSS = "gremien/landkreis-boerde/kultur-und-sozialausschuss/"
ANTRAG = "vorlagen/landkreis-boerde/2025-33-0712/"
RADWEG = "vorlagen/landkreis-boerde/2026-33-0805/"

FACTS = [
    pytest.param(JANA, "Fraktion UWG", id="wechsel-aktuelle-fraktion"),
    pytest.param(JANA, Row("Kreistag Landkreis Börde", "UWG", "seit 01.03.2025"), id="wechsel-kreistag-jetzt"),
    pytest.param(JANA, Row("Kreistag Landkreis Börde", "Liberale Bürger", "01.07.2024 – 28.02.2025"),
                 id="wechsel-kreistag-vorher"),
    pytest.param(JANA, Row("2025/33/0712", "Enthaltung", "abgelehnt"), id="namentliche-stimme"),
    pytest.param(RIEBE, "hat derzeit kein Mandat", id="ausgeschieden"),
    pytest.param(RIEBE, Row("Kreisausschuss", "01.07.2024 – 30.09.2025"), id="ausgeschieden-frueher"),
    pytest.param(MARLENE, "Dr. Marlene Voigtländer", id="titel"),
    pytest.param(MARLENE, "E-Mail m.voigtlaender@heide-und-hof.example", id="kontakt-mit-einwilligung"),
    pytest.param(MARLENE, Row("Kreisausschuss", "Vorsitz", "Heide und Hof"), id="vorsitz"),
    pytest.param(MARLENE, Row("2026/33/0805", "Radverkehrskonzept"), id="person-antrag"),
    pytest.param(BERND, Row("2025/33/0712", "Sozialticket"), id="person-antrag-2"),
    pytest.param(GRETA, Row("Kultur- und Sozialausschuss", "sachkundige/r Bürger/in", "Ökologische Liste"),
                 id="sachkundige-buergerin"),
    pytest.param(HAMANN, Row("Kultur- und Sozialausschuss", "beratend (ohne Stimmrecht)"), id="beratend"),
    pytest.param(SOZIALE_MITTE, Row("Bernd Ostermeier", "Vorsitz", "seit 01.07.2024"), id="fraktion-vorsitz"),
    pytest.param(SOZIALE_MITTE, Row("2025/33/0712", "Sozialticket"), id="fraktion-antrag"),
    pytest.param(SOZIALE_MITTE, Row("25.06.2025", "2025/33/0712", "Ja", "abgelehnt"), id="fraktion-votum"),
    pytest.param(LIBERALE, Row("2025/33/0712", "uneinheitlich (1 Ja, 3 Nein)"), id="fraktion-uneinheitlich"),
    pytest.param(LIBERALE, Row("Jana Kleinschmidt", "01.07.2024 – 28.02.2025"), id="fraktion-fruehere"),
    pytest.param(UWG, Row("Jana Kleinschmidt", "seit 01.03.2025"), id="fraktion-neues-mitglied"),
    pytest.param(KREISTAG, "Mitglieder – 8. Wahlperiode, 2024–2029", id="gremium-wahlperiode"),
    pytest.param(KREISTAG, Row("Sabine Kurzweg", "Ökologische Liste", "seit 01.10.2025"), id="gremium-nachgerueckt"),
    pytest.param(KREISTAG, Row("Hartmut Riebe", "01.07.2024 – 30.09.2025"), id="gremium-ausgeschieden"),
    pytest.param(KREISTAG, Row("Werner Bode", "01.07.2019 – 30.06.2024"), id="gremium-fruehere-wahlperiode"),
    pytest.param(AUSSCHUSS, Row("Bernd Ostermeier", "Vorsitz", "Soziale Mitte"), id="ausschuss-vorsitz"),
    pytest.param(ANTRAG, "Einreicher Fraktion Soziale Mitte; Fraktion Ökologische Liste; Bernd Ostermeier; "
                 "Petra Sommerfeld", id="vorlage-einreicher"),
    pytest.param(ANTRAG, Row("Liberale Bürger", "uneinheitlich (1 Ja, 3 Nein)"), id="vorlage-fraktionen"),
    pytest.param(ANTRAG, Row("Petra Sommerfeld", "Nein"), id="vorlage-namentlich-ohne-seite"),
    pytest.param(ANTRAG, Row("Tobias Feldkamp", "abwesend"), id="vorlage-namentlich-abwesend"),
    pytest.param(RADWEG, Row("Heide und Hof", "Ja"), id="vorlage-fraktion-geschlossen"),
    pytest.param(RADWEG, Row("UWG", "uneinheitlich (1 Ja, 2 Nein)"), id="vorlage-fraktion-uneinheitlich"),
    pytest.param("personen/", "Landkreis Börde", id="liste-personen"),
    pytest.param("personen/landkreis-boerde/", Row("Jana Kleinschmidt", "UWG", "Kreistag Landkreis Börde"),
                 id="liste-personen-koerperschaft"),
    pytest.param("fraktionen/landkreis-boerde/", "Fraktion Unabhängige Wählergemeinschaft (Fraktion) – 2 Mitglieder",
                 id="liste-fraktionen"),
]


@pytest.mark.parametrize(("url", "expected"), FACTS)
def test_people_fact_is_on_the_page(site, url, expected):
    text, rows = visible(site, url)
    if isinstance(expected, Row):
        matching = [row for row in rows if all(_found(row, part) for part in expected)]
        near = [row for row in rows if _found(row, expected[0])]
        assert matching, f"{url}: no row holds {', '.join(map(_show, expected))}; rows: {near[:5]}"
    else:
        assert _found(text, expected), f"{url}: {_show(expected)} not in:\n{text[:3000]}"


def test_lists_narrow_by_link_without_javascript(site):
    everyone = page(site, "personen/")
    assert 'href="landkreis-boerde/"' in everyone and 'href="../fraktionen/"' in everyone
    one = page(site, "personen/landkreis-boerde/")
    assert 'href="../../fraktionen/landkreis-boerde/uwg/"' in one
    assert 'href="jana-kleinschmidt/"' in one


def test_a_person_is_never_told_from_their_fraktion(site):
    """Sabine Kurzweg's Fraktion voted ja on 25.06.2025, before she joined: her page knows no vote."""
    text, _ = visible(site, "personen/landkreis-boerde/sabine-kurzweg/")
    assert "Namentliche Abstimmungen" not in text and "2025/33/0712" not in text


# --- privacy ------------------------------------------------------------------------------------


def _every_text_file(site_dir: Path):
    for path in site_dir.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".csv", ".atom", ".ics", ".txt", ".js"}:
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_a_hidden_person_has_no_page_and_is_linked_nowhere(site):
    assert not (site / "personen/landkreis-boerde/petra-sommerfeld").exists()
    for path, text in _every_text_file(site):
        assert not re.search(r"(?:href|src)=\"[^\"]*petra-sommerfeld", text), path
        assert "personen/petra-sommerfeld" not in text and "personen/landkreis-boerde/petra-sommerfeld" not in text, path
    text, _ = visible(site, ANTRAG)
    assert "Petra Sommerfeld" in text, "the Vorlage stays readable: her name as plain text"
    assert "Petra Sommerfeld" not in visible(site, KREISTAG)[0]
    assert "Petra Sommerfeld" not in visible(site, "fraktionen/landkreis-boerde/heide-und-hof/")[0]


def test_contact_of_a_person_who_left_and_the_consent_are_published_nowhere(site):
    for path, text in _every_text_file(site):
        assert "03904 0000-00" not in text, path
        assert "Einwilligungserklärung" not in text and "2024-07-15" not in text, path


SECRET_PAPER = """\
# yaml-language-server: $schema=../../../schemas/vorlage.schema.json
nummer: 2026/33/0999
betreff: Antrag Grundstück Zaubertannenweg
art: Antrag
koerperschaft: landkreis-boerde
oeffentlich: false
einreicher:
  - person: bernd-ostermeier
  - fraktion: soziale-mitte
beratungsfolge:
  - gremium: kreisausschuss
    datum: 2026-04-15
    ergebnis: abgelehnt
    abstimmung_fraktionen:
      - fraktion: soziale-mitte
        votum: nein
    namentliche_abstimmung:
      - person: bernd-ostermeier
        stimme: nein
"""


def test_nothing_of_a_nicht_oeffentliche_vorlage_or_beratung_reaches_people_pages(tmp_path):
    project = copy_project(tmp_path / "projekt")
    config = project / "mkdocs.yml"
    # A wholly private data repository may keep nicht öffentliche Vorlagen in data/ (see tests/opendata.py).
    config.write_text(config.read_text(encoding="utf-8").replace("repository_oeffentlich: true",
                                                                 "repository_oeffentlich: false"), encoding="utf-8")
    (project / "data/vorlagen/landkreis-boerde/2026-33-0999.yml").write_text(SECRET_PAPER, encoding="utf-8")
    radweg = project / "data/vorlagen/landkreis-boerde/2026-33-0805.yml"
    # The Kreistag's Beratung of a public Vorlage held in private, with a named vote that must not come out.
    radweg.write_text(radweg.read_text(encoding="utf-8").replace(
        "    rolle: Entscheidung\n",
        "    rolle: Entscheidung\n    oeffentlich: false\n    namentliche_abstimmung:\n"
        "      - person: jana-kleinschmidt\n        stimme: nein\n"), encoding="utf-8")
    site_dir = tmp_path / "site"
    result = run_build(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    for path, text in _every_text_file(site_dir):
        assert "Zaubertannenweg" not in text and "2026/33/0999" not in text and "2026-33-0999" not in text, path
    for url in (BERND, SOZIALE_MITTE):
        assert "2026/33/0999" not in page(site_dir, url)
    jana, _ = visible(site_dir, JANA)
    assert "2026/33/0805" not in jana, "a named vote of a nicht öffentliche Beratung stays unpublished"


# --- search ---------------------------------------------------------------------------------------


def test_a_name_finds_the_person_page_first_then_what_they_submitted(browser, served_site):
    from test_search_answers import search

    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    try:
        results = search(tab, served_site, "Ostermeier")
        hrefs = [r["href"] for r in results]
        assert hrefs[0] == BERND, hrefs
        assert ANTRAG in hrefs[1:], hrefs
        assert results[0]["kind"] == "Person"
        # The facet "eingereicht von" narrows the Vorlagen to what a Person or Fraktion submitted.
        tab.goto(served_site + "suche/?q=Antrag")
        tab.locator('[data-bi-suche][data-state="done"]').wait_for(timeout=15_000)
        assert "eingereicht von" in tab.locator("body").inner_text()
    finally:
        context.close()


def test_the_search_index_knows_no_hidden_person_and_has_the_facet(site):
    import json

    manifest = json.loads((site / "suche-index/manifest.json").read_text("utf-8"))
    facet = next(f for f in manifest["facets"] if f["name"] == "eingereicht von")
    assert "Fraktion Soziale Mitte" in facet["values"] and "Bernd Ostermeier" in facet["values"]
    assert "Petra Sommerfeld" not in facet["values"]


def test_the_editor_guide_says_what_may_be_published_and_why(site):
    text, _ = visible(site, "redaktion/")
    for words in ("data/personen/<körperschaft>.yml", "DSGVO (Art. 6 Abs. 1 a)", "veroeffentlichen: false",
                  "ohne Kontaktdaten", "Anwesenheitslisten", "schließt nie von der Fraktion auf die Stimme"):
        assert words in text, words


def test_the_koerperschaft_page_leads_to_its_people(site):
    document = page(site, "koerperschaften/landkreis-boerde/")
    assert 'href="../../personen/landkreis-boerde/"' in document
    assert 'href="../../fraktionen/landkreis-boerde/"' in document
    assert "personen/" not in page(site, "koerperschaften/landkreis-wittmund/").split("md-content")[1].split("Datenquelle")[0]
