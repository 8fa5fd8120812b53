"""WCAG 2.1 AA rules checked by axe-core in Chromium on every kind of page (light and dark scheme)."""

from __future__ import annotations

import pytest
from screenshots import SAMPLE_PAGES, serve

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", PAGES)
def test_page_meets_wcag_21_aa_rules(browser, site_with_404, axe, address, scheme):
    context = browser.new_context(locale="de-DE", color_scheme=scheme)
    tab = context.new_page()
    try:
        tab.goto(site_with_404 + address, wait_until="load")
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
