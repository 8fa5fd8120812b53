"""WCAG 2.1 AA rules checked by axe-core in Chromium on every kind of page (light and dark scheme)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "vorlagen/landkreis-boerde/2018-33-0590/",
    "vorlagen/landkreis-friesland/vorstellung-integrationskonzept-2019/",
    "gremien/landkreis-wittmund/kreistag/",
    "sitzungen/landkreis-boerde/kreistag/2018-11-28/",
    "koerperschaften/landkreis-wittmund/",
    "dossiers/integrationskonzept-wittmund/",
    "themen/integrationskonzept/",
    "vorlagen/",
    "sitzungen/2018/",
    "suche/?q=Integrationskonzept",
    "redaktion/",
    "barrierefreiheit/",
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", PAGES)
def test_page_meets_wcag_21_aa_rules(browser, served_site, axe, address, scheme):
    context = browser.new_context(locale="de-DE", color_scheme=scheme)
    tab = context.new_page()
    try:
        tab.goto(served_site + address)
        tab.wait_for_load_state("networkidle")
        results = axe.run(tab, options=WCAG_AA)
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
        ]
        assert violations == [], "\n".join(violations)
    finally:
        context.close()
