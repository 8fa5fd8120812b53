"""By keyboard alone: on every page kind the first Tab shows a skip link, and Enter moves the focus into the content.

Every read of the focus waits for the page to have answered the key first: a key can start a scroll, and
Material reacts to scrolling in the scroll event of the next frame (it hides and unfocuses the back-to-top
button, for one). So after each key the test lets the browser draw two frames (`settle`) and only then
looks; it never waits for a fixed time.
"""

from __future__ import annotations

import pytest
from conftest import settle
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from screenshots import SAMPLE_PAGES, serve

pytestmark = pytest.mark.browser

HEIGHT = 800

# What a sighted keyboard user sees of the focused element: it has a box, and neither it nor anything
# around it is invisible or fully transparent. A focused radio button of Material's colour switch is
# drawn as the outline of its label, so there the label counts.
FOCUS_SEEN = """() => {
  let element = document.activeElement;
  if (!element || element === document.body) { return false; }
  if (element.matches('input.md-option') && element.nextElementSibling) { element = element.nextElementSibling; }
  const box = element.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) { return false; }
  for (let node = element; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility !== 'visible' || style.opacity === '0') { return false; }
  }
  return true;
}"""

FOLLOWS_CONTENT_START = (
    "() => !!(document.getElementById('bi-inhalt').compareDocumentPosition(document.activeElement)"
    " & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY))"
)


def focused(tab) -> str:
    """The focused element as a reader of the failure needs it: its start tag and its text."""
    return tab.evaluate(
        "() => { const e = document.activeElement; if (!e) { return 'nothing'; }"
        " const tag = e.outerHTML.slice(0, e.outerHTML.indexOf('>') + 1).slice(0, 100);"
        " return `${tag} ${(e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40)}`; }"
    )


def test_every_page_starts_with_a_skip_link_into_the_content(browser, site):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": HEIGHT})
    tab = context.new_page()
    failures = {}
    try:
        with serve(site) as base:
            for name, address in SAMPLE_PAGES.items():
                tab.goto(base + address, wait_until="load")
                tab.keyboard.press("Tab")
                settle(tab)
                link = tab.locator(":focus")
                if link.inner_text().strip() != "Zum Inhalt springen":
                    failures[name] = f"first Tab stop is {focused(tab)!r}"
                    continue
                # Shown when focused: fully opaque once Material's short fade-in is over, and on the screen.
                tab.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'", timeout=5_000)
                box = link.bounding_box()
                if not box or box["y"] < 0 or box["y"] + box["height"] > HEIGHT or box["width"] < 20:
                    failures[name] = f"skip link not in view: {box}"
                    continue
                tab.keyboard.press("Enter")
                settle(tab)
                inside = tab.evaluate(
                    "() => document.activeElement.id === 'bi-inhalt' && !!document.activeElement.closest('.md-content')"
                )
                if not inside:
                    failures[name] = f"focus after Enter: {focused(tab)!r}"
                    continue
                top = tab.evaluate("() => document.getElementById('bi-inhalt').getBoundingClientRect().top")
                if not 0 <= top < HEIGHT:
                    failures[name] = f"the content starts at {top} px, outside the window"
                    continue
                # The next Tab goes on from there (into the content, or past it when it has no link), never back
                # to header, tabs and colour switch, and to something the visitor sees; it stays there.
                tab.keyboard.press("Tab")
                settle(tab)
                if not tab.evaluate(FOLLOWS_CONTENT_START):
                    failures[name] = f"next Tab went back: {focused(tab)!r}"
                elif not tab.evaluate(FOCUS_SEEN):
                    failures[name] = f"next Tab stop cannot be seen: {focused(tab)!r}"
    finally:
        context.close()
    assert failures == {}


# Pages whose content has no link or field: Tab goes from the header straight to what follows the content.
WITHOUT_LINKS_IN_THE_CONTENT = ("impressum", "datenschutz", "404")


@pytest.mark.parametrize("name", WITHOUT_LINKS_IN_THE_CONTENT)
def test_every_tab_stop_from_top_to_bottom_can_be_seen(browser, site, name):
    """Tab by Tab through a page, from its top to the end, before anything has scrolled: each stop is visible."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": HEIGHT})
    tab = context.new_page()
    unseen, stops = [], []
    try:
        with serve(site) as base:
            tab.goto(base + SAMPLE_PAGES[name], wait_until="load")
            for _ in range(100):
                tab.keyboard.press("Tab")
                settle(tab)
                if tab.evaluate("() => !document.activeElement || document.activeElement === document.body"):
                    break  # past the last stop: the focus has left the page
                stop = focused(tab)
                if stops and stop == stops[0]:
                    break  # round once
                stops.append(stop)
                # The skip link fades in; every other stop is seen at once. Waiting for it to be seen ends as
                # soon as it is, and fails after 5 s for a stop that stays invisible.
                try:
                    tab.wait_for_function(FOCUS_SEEN, timeout=5_000)
                except PlaywrightTimeout:
                    unseen.append(stop)
    finally:
        context.close()
    assert len(stops) >= 5, f"too few Tab stops to be the whole page: {stops}"
    assert any(stop.endswith(" Impressum") for stop in stops), f"the walk never reached the footer: {stops}"
    assert unseen == []
