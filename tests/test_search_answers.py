"""A search that answers, in a real Chromium: excerpts with marked words, ranking, typos, people, numbers.

Also the search page's keyboard and screen-reader parts (jump to the results, a polite status,
the "more" button only when there is more) and an index that holds no markup whatever the data says.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import copy_project, run_build, search_results_shown, settle
from screenshots import serve

pytestmark = pytest.mark.browser

BOERDE = "vorlagen/landkreis-boerde/2018-33-0590/"
WITTMUND_0042 = "vorlagen/landkreis-wittmund/0042-2019/"
WITTMUND_0121 = "vorlagen/landkreis-wittmund/0121-2018/"
FRIESLAND = "vorlagen/landkreis-friesland/vorstellung-integrationskonzept-2019/"
VORLAGEN = {BOERDE, WITTMUND_0042, WITTMUND_0121, FRIESLAND}


@pytest.fixture
def tab(browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def search(tab, base: str, query: str) -> list[dict]:
    """The results of a query as the page shows them: address, kind, excerpt and the marked words."""
    tab.goto(base + "suche/?q=" + query)
    return _results(tab, query)


def _results(tab, query: str) -> list[dict]:
    search_results_shown(tab, query)
    return tab.evaluate(
        """() => [...document.querySelectorAll('.bi-suche__result')].map(item => ({
            href: item.querySelector('.bi-suche__title a').getAttribute('href').replace(/^(\\.\\.\\/)+/, ''),
            kind: item.querySelector('.bi-suche__kind').textContent,
            meta: item.querySelector('.bi-suche__meta').textContent,
            excerpt: (item.querySelector('.bi-suche__excerpt') || {}).textContent || '',
            marks: [...item.querySelectorAll('.bi-suche__excerpt mark')].map(m => m.textContent),
            titleMarks: [...item.querySelectorAll('.bi-suche__title mark')].map(m => m.textContent),
        }))"""
    )


def test_every_result_has_an_excerpt_with_the_query_words_marked(tab, served_site):
    results = search(tab, served_site, "Spracherwerb")
    boerde = next(r for r in results if r["href"] == BOERDE)
    assert "Spracherwerb" in boerde["marks"], boerde
    assert "Frühkindliche" in boerde["excerpt"], "the excerpt is the sentence around the word, from the Sachverhalt"
    results = search(tab, served_site, "Integrationskonzept")
    assert all(r["excerpt"] for r in results), [r["href"] for r in results if not r["excerpt"]]
    vorlagen = [r for r in results if r["kind"] == "Vorlage"]
    assert vorlagen and all(any(m.lower().startswith("integrationskonzept") for m in r["marks"]) for r in vorlagen)
    assert all(r["titleMarks"] for r in vorlagen), "the words are marked in the title too"


def test_vorlagen_whose_betreff_matches_come_first_and_sitzungen_last(tab, served_site):
    results = search(tab, served_site, "Integrationskonzepte")
    kinds = [r["kind"] for r in results]
    assert {r["href"] for r in results[:4]} == VORLAGEN, kinds
    assert kinds[4:7] == ["Dossier"] * 3, kinds
    first_meeting = kinds.index("Sitzung")
    assert "Thema" in kinds[:first_meeting], "the Themen page comes before any Sitzung"
    assert set(kinds[first_meeting:10]) == {"Sitzung"}


def test_a_typo_in_a_long_word_still_finds_it(tab, served_site):
    results = search(tab, served_site, "Integrationskonzpet")
    assert VORLAGEN <= {r["href"] for r in results}
    status = tab.get_by_role("status").inner_text()
    assert "Für „Integrationskonzpet“ gab es keinen Treffer" in status and "ähnlich geschriebene Wörter" in status
    assert any(m.startswith("Integrationskonzept") for r in results for m in r["marks"]), "the found word is marked"
    # A short word is not guessed at: four letters are too few to tell a typo from another word.
    assert search(tab, served_site, "Kreo") == []


def test_people_named_in_a_vorlage_are_found(tab, served_site):
    signed = search(tab, served_site, "Hinrichs")
    assert {r["href"] for r in signed} == {WITTMUND_0042, WITTMUND_0121}
    assert all("Hinrichs" in r["marks"] and "Unterzeichnung" in r["excerpt"] for r in signed), signed
    clerk = search(tab, served_site, "Sladky")
    assert [r["href"] for r in clerk] == [BOERDE]
    assert "Sladky" in clerk[0]["marks"]


def test_a_number_no_vorlage_carries_stays_on_the_search_page(tab, served_site):
    tab.goto(served_site)
    tab.get_by_label("Vorlagen durchsuchen").fill("4711/2019")
    tab.get_by_role("button", name="Suchen").click()
    tab.wait_for_url(re.compile(r"/suche/\?q="))
    assert _results(tab, "4711/2019") == []
    assert "Keine Ergebnisse für „4711/2019“" in tab.get_by_role("status").inner_text()


def test_a_vorlage_without_date_shows_none_in_search_as_on_its_page(tab, served_site):
    results = search(tab, served_site, "Friesland Vorstellung")
    friesland = next(r for r in results if r["href"] == FRIESLAND)
    assert "Datum nicht angegeben" in friesland["meta"]
    assert not re.search(r"\d\d\.\d\d\.\d{4}", friesland["meta"]), friesland["meta"]


def test_the_more_button_exists_only_when_there_is_more(tab, served_site):
    search(tab, served_site, "Hinrichs")
    more = tab.locator(".bi-suche__more")
    assert more.is_hidden()
    tab.get_by_label("Suchbegriff").focus()
    focusable = tab.evaluate(
        "() => { const b = document.querySelector('.bi-suche__more'); b.focus(); return document.activeElement === b; }"
    )
    assert not focusable, "a hidden button takes no focus"
    search(tab, served_site, "Kreistag")
    assert more.is_visible() and "10 von" in more.inner_text()
    more.click()
    tab.wait_for_function("() => document.querySelectorAll('.bi-suche__result').length > 10")
    search_results_shown(tab, "Kreistag")
    assert more.is_hidden(), "all results shown: no button left"


def test_keyboard_jumps_from_the_query_to_the_results(tab, served_site):
    search(tab, served_site, "Integrationskonzept")
    status = tab.locator(".bi-suche__status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    tab.get_by_label("Suchbegriff").focus()
    tab.keyboard.press("Tab")  # the Suchen button
    tab.keyboard.press("Tab")
    settle(tab)
    assert tab.evaluate("document.activeElement.textContent") == "Zu den Ergebnissen springen"
    tab.keyboard.press("Enter")
    settle(tab)
    assert tab.evaluate("document.activeElement.id") == "suchergebnisse"
    tab.keyboard.press("Tab")
    settle(tab)
    assert tab.evaluate("document.activeElement.closest('.bi-suche__result') !== null"), "next stop: the first result"


# --- data with markup in it ------------------------------------------------------------------

HOSTILE_TITLE = "<script>alert('betreff')</script> Straßenbau <img src=x onerror=alert(1)> Zauberbrücke"
HOSTILE_PAPER = f"""\
nummer: 0666/2019
betreff: "{HOSTILE_TITLE}"
art: Beschlussvorlage
koerperschaft: landkreis-wittmund
datum: 2019-05-02
bearbeiter: "<b onmouseover=alert(3)>Zauberer</b>"
sachverhalt: |
  Die <iframe src="https://example.org/"></iframe> Zauberbrücke wird **neu** gebaut, siehe Vorlage 0042/2019.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    (project / "data/vorlagen/landkreis-wittmund/0666-2019.yml").write_text(HOSTILE_PAPER, encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_index_holds_plain_text_without_any_markup(hostile_site):
    from buergerinfo.search.index import decode_shard, display_file

    index = hostile_site / "suche-index"
    for path in index.rglob("*"):
        if path.is_file() and path.parent.name == "i":
            # A shard is binary: a weight or a document number may be the byte 0x3C; its terms are the text.
            assert not [t for t in decode_shard(path.read_bytes()) if "<" in t], f"{path.relative_to(hostile_site)}"
        elif path.is_file() and path.suffix != ".bin":
            assert b"<" not in path.read_bytes(), f"{path.relative_to(hostile_site)} holds a '<'"
    manifest = json.loads((index / "manifest.json").read_text("utf-8"))
    rows = [json.loads((index / display_file(doc)).read_text("utf-8")) for doc in range(manifest["documents"])]
    row = next(r for r in rows if r[0] == "vorlagen/landkreis-wittmund/0666-2019/")
    assert row[1] == "alert('betreff') Straßenbau Zauberbrücke", "tags dropped, the words kept, no entities"
    text = json.dumps(row, ensure_ascii=False)
    for markup in ("<", "&lt;", "&amp;", "onerror=", "onmouseover=", "iframe"):
        assert markup not in text, markup
    assert "Die Zauberbrücke wird neu gebaut, siehe Vorlage 0042/2019." in row[6], "Markdown became plain text"


def test_the_search_page_shows_markup_from_data_as_text(browser, hostile_site):
    context = browser.new_context(locale="de-DE")
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        with serve(hostile_site) as base:
            results = search(tab, base, "Zauberbrücke")
            assert [r["href"] for r in results][:1] == ["vorlagen/landkreis-wittmund/0666-2019/"]
            title = tab.locator(".bi-suche__title a").first
            assert title.inner_text() == "alert('betreff') Straßenbau Zauberbrücke"
            injected = tab.locator(".bi-suche__results script, .bi-suche__results img, .bi-suche__results iframe")
            assert injected.count() == 0
            assert tab.locator(".bi-suche__results b").count() == 0
    finally:
        context.close()
    assert dialogs == [], "no script from the data ran"
