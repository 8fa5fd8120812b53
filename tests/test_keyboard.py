"""By keyboard alone: on every page kind the first Tab shows a skip link, and Enter moves the focus into the content."""

from __future__ import annotations

import pytest
from screenshots import SAMPLE_PAGES, serve

pytestmark = pytest.mark.browser


def test_every_page_starts_with_a_skip_link_into_the_content(browser, site):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    failures = {}
    try:
        with serve(site) as base:
            for name, address in SAMPLE_PAGES.items():
                tab.goto(base + address, wait_until="load")
                tab.keyboard.press("Tab")
                link = tab.locator(":focus")
                if link.inner_text().strip() != "Zum Inhalt springen":
                    failures[name] = f"first Tab stop is {link.evaluate('e => e.outerHTML')[:80]!r}"
                    continue
                # Shown when focused: on the screen and fully opaque (after Material's short fade-in).
                tab.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'", timeout=2_000)
                box = link.bounding_box()
                if not box or box["y"] < 0 or box["y"] + box["height"] > 800 or box["width"] < 20:
                    failures[name] = f"skip link not in view: {box}"
                    continue
                tab.keyboard.press("Enter")
                inside = tab.evaluate(
                    "() => document.activeElement.id === 'bi-inhalt' && !!document.activeElement.closest('.md-content')"
                )
                if not inside:
                    failures[name] = f"focus after Enter: {tab.evaluate('document.activeElement.outerHTML')[:80]!r}"
                    continue
                # The next Tab goes on from there (into the content, or past it when it has no link),
                # never back to header, tabs and colour switch.
                tab.keyboard.press("Tab")
                onward = tab.evaluate(
                    "() => !!(document.getElementById('bi-inhalt').compareDocumentPosition(document.activeElement)"
                    " & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY))"
                )
                if not onward:
                    failures[name] = f"next Tab went back: {tab.evaluate('document.activeElement.outerHTML')[:80]!r}"
    finally:
        context.close()
    assert failures == {}
