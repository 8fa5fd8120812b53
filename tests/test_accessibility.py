"""WCAG 2.1 AA rules checked by axe-core in Chromium on every kind of page (light and dark scheme)."""

from __future__ import annotations

import pytest
from screenshots import SAMPLE_PAGES, serve
from test_result_source import RESULT_SOURCE_PAGES

pytestmark = pytest.mark.browser

# Every page kind of the sample site (tools/screenshots.py lists one address per kind).
PAGES = [address for address in SAMPLE_PAGES.values()]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def site_with_404(site):
    """The sample site served as GitHub Pages serves it: an unknown address gets 404.html."""
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def result_sources_site(tmp_path_factory):
    """The sample with the council system's result words, a derived result, „erledigt“ and two Sitzungen a day."""
    from conftest import copy_project, run_build
    from test_result_source import with_result_sources
    from test_two_meetings_a_day import with_two_meetings

    base = tmp_path_factory.mktemp("axe-result-sources")
    project = with_two_meetings(with_result_sources(copy_project(base / "project")))
    result = run_build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(base / "site") as served:
        yield served


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", PAGES)
def test_page_meets_wcag_21_aa_rules(browser, site_with_404, axe, address, scheme):
    _check(browser, axe, site_with_404 + address, scheme)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", list(RESULT_SOURCE_PAGES.values()))
def test_result_sources_and_two_sitzungen_a_day_meet_wcag_21_aa_rules(browser, result_sources_site, axe, address,
                                                                      scheme):
    _check(browser, axe, result_sources_site + address, scheme)


def _check(browser, axe, url: str, scheme: str) -> None:
    context = browser.new_context(locale="de-DE", color_scheme=scheme)
    tab = context.new_page()
    try:
        tab.goto(url, wait_until="load")
        if tab.locator("[data-bi-suche]").count():
            tab.locator('[data-bi-suche][data-state="done"]').wait_for(state="attached", timeout=15_000)
        results = axe.run(tab, options=WCAG_AA)
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
        ]
        assert violations == [], "\n".join(violations)
    finally:
        context.close()
