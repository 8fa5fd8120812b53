"""A citizen in a real Chromium: start page → Vorlage → Gremium → Sitzung, and a German search."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from conftest import search_results_shown, settle

pytestmark = pytest.mark.browser


@pytest.fixture
def visitor(browser, served_site):
    """A fresh page that records every request, so we can prove nothing goes to another host."""
    context = browser.new_context(locale="de-DE")
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.requested = requested
    yield tab
    context.close()
    own_host = urlparse(served_site).netloc
    foreign = [url for url in requested if urlparse(url).netloc not in {own_host, ""} and not url.startswith("data:")]
    assert foreign == [], f"the site made requests to other hosts: {foreign}"


def test_from_start_page_to_vorlage_gremium_and_sitzung(visitor, served_site):
    visitor.goto(served_site)
    visitor.get_by_role("link", name="2018/33/0590").first.click()
    visitor.wait_for_url(re.compile(r"/vorlagen/landkreis-boerde/2018-33-0590/$"))
    status = visitor.locator(".bi-status")
    assert "ungeändert beschlossen" in status.inner_text()

    visitor.locator(".bi-consultations").get_by_role("link", name="Kreistag Landkreis Börde").click()
    visitor.wait_for_url(re.compile(r"/gremien/landkreis-boerde/kreistag/$"))
    assert visitor.locator("h1").inner_text() == "Kreistag Landkreis Börde"

    visitor.get_by_role("link", name="28.11.2018").first.click()
    visitor.wait_for_url(re.compile(r"/sitzungen/landkreis-boerde/kreistag/2018-11-28/$"))
    agenda = visitor.locator("table.bi-table").inner_text()
    assert "2018/33/0590" in agenda and "ungeändert beschlossen" in agenda


def _search_from_start_page(visitor, served_site, query: str) -> list[str]:
    visitor.goto(served_site)
    visitor.get_by_label("Vorlagen durchsuchen").fill(query)
    visitor.get_by_role("button", name="Suchen").click()
    visitor.wait_for_url(re.compile(r"/suche/\?q="))
    return _result_links(visitor, query)


def _result_links(visitor, query: str | None = None) -> list[str]:
    search_results_shown(visitor, query)
    return [link.get_attribute("href") for link in visitor.locator(".bi-suche__result .bi-suche__title a").all()]


def test_german_search_finds_pages_through_a_stemmed_word(visitor, served_site):
    links = _search_from_start_page(visitor, served_site, "Integrationskonzepte")
    assert any("/dossiers/integrationskonzept-" in link for link in links), links
    # "Spracherwerbs" stands on no page; only German stemming leads it to "Spracherwerb" in the Börde Vorlage.
    visitor.goto(served_site + "suche/?q=Spracherwerbs")
    links = _result_links(visitor, "Spracherwerbs")
    assert any(link.endswith("/vorlagen/landkreis-boerde/2018-33-0590/") for link in links), links


def test_search_for_a_verb_finds_its_other_forms(visitor, served_site):
    # PRODUCT.md: "beschließt" finds "beschlossen". The Friesland Vorlage says only "beschlossen".
    visitor.goto(served_site + "suche/?q=beschließt")
    links = _result_links(visitor, "beschließt")
    assert any(link.endswith("/vorlagen/landkreis-friesland/vorstellung-integrationskonzept-2019/") for link in links)
    assert any(link.endswith("/vorlagen/landkreis-boerde/2018-33-0590/") for link in links), "and the form itself"


def test_a_vorlagen_nummer_sent_from_the_start_page_opens_the_vorlage(visitor, served_site):
    # The help text promises it: a number that one Vorlage carries opens that Vorlage.
    visitor.goto(served_site)
    visitor.get_by_label("Vorlagen durchsuchen").fill("2018/33/0590")
    visitor.get_by_role("button", name="Suchen").click()
    visitor.wait_for_url(re.compile(r"/vorlagen/landkreis-boerde/2018-33-0590/$"))
    assert visitor.locator("h1").inner_text().startswith("2018/33/0590")
    # The search page gave way to the Vorlage: Back leads to where the visitor came from.
    visitor.go_back()
    visitor.wait_for_url(served_site)


def test_a_vorlagen_nummer_being_typed_lists_that_vorlage_first(visitor, served_site):
    visitor.goto(served_site + "suche/")
    visitor.get_by_label("Suchbegriff").press_sequentially("2018/33/0590")
    # The search runs after each pause in typing: wait for the answer to the whole number, not to its start.
    links = _result_links(visitor, "2018/33/0590")
    assert links[0].endswith("/vorlagen/landkreis-boerde/2018-33-0590/"), links
    assert "/suche/" in visitor.url, "typing never leaves the search page"


def test_search_with_a_facet_narrows_to_one_koerperschaft(visitor, served_site):
    visitor.goto(served_site + "suche/?q=Integrationskonzept")
    before = _result_links(visitor, "Integrationskonzept")
    assert any("landkreis-boerde" in link for link in before) and any("landkreis-wittmund" in link for link in before)
    status = visitor.get_by_role("status")
    assert re.search(r"\d+ Ergebnisse für „Integrationskonzept“", status.inner_text()), status.inner_text()
    visitor.get_by_role("group", name="Ergebnisse eingrenzen").get_by_label(re.compile(r"^Landkreis Wittmund")).check()
    # Done, and done with the filter: the status says the results are narrowed.
    visitor.wait_for_function(
        "() => document.querySelector('[data-bi-suche]').getAttribute('data-state') === 'done'"
        " && document.querySelector('.bi-suche__status').textContent.includes('(eingegrenzt)')"
    )
    after = _result_links(visitor, "Integrationskonzept")
    assert after and all("wittmund" in link for link in after), after
    assert any(link.endswith("/vorlagen/landkreis-wittmund/0042-2019/") for link in after), after
    # The state is in the address: the narrowed search can be linked and comes back as it was.
    assert "koerperschaft=Landkreis+Wittmund" in visitor.url, visitor.url
    visitor.goto(visitor.url)
    assert _result_links(visitor, "Integrationskonzept") == after


def test_search_pages_through_results_by_keyboard(visitor, served_site):
    visitor.goto(served_site + "suche/?q=Kreistag")
    first = _result_links(visitor, "Kreistag")
    more = visitor.get_by_role("button", name=re.compile("^Weitere Ergebnisse"))
    assert len(first) == 10 and more.is_visible(), "the sample data has more than ten results for „Kreistag“"
    more.focus()
    visitor.keyboard.press("Enter")
    visitor.wait_for_function(
        "() => document.querySelectorAll('.bi-suche__result').length > 10"
        " && document.querySelector('[data-bi-suche]').getAttribute('data-state') === 'done'"
    )
    settle(visitor)
    # The focus moves on to the first of the new results, where the visitor goes on reading.
    assert visitor.evaluate(
        "document.activeElement === document.querySelectorAll('.bi-suche__result')[10].querySelector('a')"
    ), visitor.evaluate("document.activeElement.outerHTML.slice(0, 100)")
