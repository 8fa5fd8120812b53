"""Every page kind on a phone, a tablet, a desktop and on A4 paper: nothing scrolls sideways, no table cell is cut,
no table reaches past the content area (into the margin or the column beside it).

Two sites: the sample site, and a small synthetic archive whose first Körperschaft carries the
hard cases (tools/synthetic: a word of 85 letters in a Betreff and its text, a Markdown table,
a Vorlage with 30 Beratungen, a dossier with 24 measures). On top of that this module gives the
newest Vorlage a long compound in its Betreff and the Gremium of its next Beratung a long compound
as its name, so that the start page (newest Vorlagen, next Sitzungen), the lists and the Gremium,
Sitzung and Körperschaft pages show long words too. Each page is opened in Chromium at 320,
360, 768 and 1280 px and in print emulation at the width of an A4 page inside the print margins.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from conftest import TODAY, copy_project, run_build
from screenshots import SAMPLE_PAGES, serve
from test_result_source import RESULT_SOURCE_PAGES

from synthetic import LONG_WORD, generate

pytestmark = pytest.mark.browser

WIDTHS = (320, 360, 768, 1280)
# A4 is 210 mm wide; the print stylesheet's @page leaves 182 mm between the margins: 688 CSS px at 96 dpi.
PRINT_WIDTH = 688
MODES = [*(f"{width}px" for width in WIDTHS), "print"]

# Long German compounds as a Betreff and a Gremium name may carry them (one word each, no hyphen to break at).
LONG_BETREFF_WORD = "Straßenausbaubeitragssatzungsaufhebungsbeschlussempfehlung"
LONG_GREMIUM = "Kreisentwicklungsplanungsbeteiligungsausschuss"

# Run in the page: every reason the page is wider than the screen, a table cell is cut, or a table leaves
# the text column (into the page's margin, or at 1280 px into the column beside it).
PROBLEMS = """() => {
  const problems = [];
  const width = window.innerWidth;
  const page = document.scrollingElement.scrollWidth;
  if (page > width) { problems.push(`scrolls sideways: ${page} px content in ${width} px`); }
  // The text column: Material's content area less its margins (at 1280 px 296–984 px, beside two sidebars).
  const content = document.querySelector('.md-content__inner');
  const area = content.getBoundingClientRect();
  for (const table of content.querySelectorAll('table')) {
    const box = table.getBoundingClientRect();
    if (!box.width || !box.height) { continue; }
    if (box.right > area.right + 0.5 || box.left < area.left - 0.5) {
      const first = (table.querySelector('tbody td') || table).textContent.trim().replace(/\\s+/g, ' ').slice(0, 30);
      problems.push(`table beyond the text column: "${first}" at ${Math.round(box.left)}–${Math.round(box.right)} px,`
        + ` column ${Math.round(area.left)}–${Math.round(area.right)} px`);
    }
  }
  for (const cell of document.querySelectorAll('td, th')) {
    const head = cell.closest('thead');
    // On a phone the header row is hidden for sight (each cell carries its label); it is not shown, so not cut.
    if (head && getComputedStyle(head).position === 'absolute') { continue; }
    const box = cell.getBoundingClientRect();
    if (!box.width || !box.height) { continue; }  // not displayed, e.g. in a closed <details>
    const text = cell.textContent.trim().replace(/\\s+/g, ' ').slice(0, 50);
    if (cell.scrollWidth > cell.clientWidth + 1) {
      problems.push(`cell cut: "${text}" needs ${cell.scrollWidth} px, has ${cell.clientWidth} px`);
    }
    if (box.left < -0.5 || box.right > width + 0.5) {
      problems.push(`cell outside the page: "${text}" at ${Math.round(box.left)}–${Math.round(box.right)} px`);
    }
  }
  // A table shown as cards labels each cell with its column's header: from a data-label, or (the most repeated
  // tables) by the cell's position in the stylesheet. Either way the label a reader sees is the header's word.
  if (matchMedia('screen and (max-width: 59.9375em)').matches) {
    for (const table of content.querySelectorAll('table.bi-cards')) {
      const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
      for (const row of table.querySelectorAll('tbody tr')) {
        [...row.children].forEach((cell, index) => {
          const label = getComputedStyle(cell, '::before').content.replace(/^"(.*)"$/, '$1');
          if (label !== heads[index]) {
            problems.push(`card label "${label}" on a cell of the column "${heads[index]}"`);
          }
        });
      }
    }
  }
  return problems;
}"""


def _synthetic_pages(project: Path) -> dict[str, str]:
    """One address per page kind of the synthetic archive, the hard cases among them."""
    papers = sorted((project / "data/vorlagen").rglob("*.yml"))
    long_one = next(p for p in papers if LONG_WORD in p.read_text(encoding="utf-8"))
    body = long_one.parent.name
    first = re.search(r"- gremium: (\S+)\n\s+datum: (\S+)", long_one.read_text(encoding="utf-8"))
    pages = {
        "start": "",
        "vorlage-lange-beratungsfolge": f"vorlagen/{body}/{long_one.stem}/",
        "vorlage": f"vorlagen/{papers[-1].parent.name}/{papers[-1].stem}/",
        "sitzung": f"sitzungen/{body}/{first.group(1)}/{first.group(2)}/",
        "sitzungen-jahr": f"sitzungen/{first.group(2)[:4]}/",
        "gremium": f"gremien/{body}/{first.group(1)}/",
        "koerperschaft": f"koerperschaften/{body}/",
        "dossier-viele-massnahmen": f"dossiers/klimaschutz-{body}/",
        "thema": "themen/klimaschutz/",
        "liste": "vorlagen/",
        "liste-status": "vorlagen/status/beschlossen/",
        "suche": "suche/?q=Klimaschutz",
    }
    without_number = [p for p in papers if p.stem.startswith("ohne-nummer")]
    if without_number:
        pages["vorlage-ohne-nummer"] = f"vorlagen/{without_number[0].parent.name}/{without_number[0].stem}/"
    return pages


def _long_names_on_the_start_page(project: Path) -> None:
    """The newest Vorlage gets LONG_BETREFF_WORD in its Betreff, the Gremium of its next Beratung LONG_GREMIUM as name.

    The newest Vorlage heads the start page's "Neueste Vorlagen"; its next Beratung is the soonest Sitzung ahead
    of the build's day, at the head of "Nächste Sitzungen". test_the_hard_cases_are_there checks both are shown.
    """
    papers_dir = project / "data" / "vorlagen"
    papers = [(yaml.safe_load(path.read_text(encoding="utf-8")), path) for path in sorted(papers_dir.rglob("*.yml"))]
    paper, path = max(papers, key=lambda item: item[0].get("datum") or dt.date.min)
    paper["betreff"] = f"{paper['betreff']}: {LONG_BETREFF_WORD}"
    today = dt.date.fromisoformat(TODAY)
    ahead = [c for c in paper["beratungsfolge"] if c["datum"] >= today] or paper["beratungsfolge"]
    path.write_text(yaml.safe_dump(paper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    body_path = project / "data" / "koerperschaften" / f"{path.relative_to(papers_dir).parts[0]}.yml"
    body = yaml.safe_load(body_path.read_text(encoding="utf-8"))
    (organization,) = [o for o in body["gremien"] if o["id"] == ahead[0]["gremium"]]
    organization["name"] = LONG_GREMIUM
    body_path.write_text(yaml.safe_dump(body, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    project = copy_project(tmp_path_factory.mktemp("layout") / "project", with_data=False)
    generate(project, 80, seed=4)
    _long_names_on_the_start_page(project)
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, _synthetic_pages(project)


def _problems(browser, site: Path, pages: dict[str, str], mode: str) -> dict[str, list[str]]:
    width = PRINT_WIDTH if mode == "print" else int(mode[:-2])
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 800})
    tab = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        if mode == "print":
            tab.emulate_media(media="print")
        with serve(site) as base:
            for name, address in pages.items():
                tab.goto(base + address, wait_until="load")
                if tab.locator("[data-bi-suche]").count():
                    tab.locator('[data-bi-suche][data-state="done"]').wait_for(state="attached", timeout=15_000)
                problems = tab.evaluate(PROBLEMS)
                if problems:
                    found[f"{name} ({address})"] = problems[:5]
    finally:
        context.close()
    return found


@pytest.mark.parametrize("mode", MODES)
def test_sample_site_fits_every_screen_and_paper(browser, site, mode):
    assert _problems(browser, site, SAMPLE_PAGES, mode) == {}


@pytest.mark.parametrize("mode", MODES)
def test_long_words_and_long_tables_fit_every_screen_and_paper(browser, synthetic_site, mode):
    site, pages = synthetic_site
    assert _problems(browser, site, pages, mode) == {}


@pytest.fixture(scope="module")
def result_sources_site(tmp_path_factory) -> Path:
    """The sample with a long word in the council system's result words, „erledigt“ and two Sitzungen a day."""
    from test_result_source import with_result_sources
    from test_two_meetings_a_day import with_two_meetings

    base = tmp_path_factory.mktemp("layout-result-sources")
    project = with_two_meetings(with_result_sources(copy_project(base / "project"), long_word=LONG_WORD))
    result = run_build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


@pytest.mark.parametrize("mode", MODES)
def test_result_sources_and_two_sitzungen_a_day_fit_every_screen_and_paper(browser, result_sources_site, mode):
    assert _problems(browser, result_sources_site, RESULT_SOURCE_PAGES, mode) == {}


def test_the_hard_cases_are_there(synthetic_site):
    site, pages = synthetic_site
    document = (site / pages["vorlage-lange-beratungsfolge"] / "index.html").read_text(encoding="utf-8")
    assert LONG_WORD in document
    table = document.split('bi-consultations"')[1].split("</table>")[0]
    assert table.count("<tr") == 31, "header and 30 Beratungen"
    dossier = (site / pages["dossier-viele-massnahmen"] / "index.html").read_text(encoding="utf-8")
    assert dossier.count('data-label="Maßnahme"') == 24
    start = (site / "index.html").read_text(encoding="utf-8")
    newest, upcoming = start.split('id="naechste-sitzungen"')
    assert LONG_BETREFF_WORD in newest, "the long Betreff is among the newest Vorlagen"
    assert LONG_GREMIUM in upcoming.split("</table>")[0], "the long Gremium name is among the next Sitzungen"


def test_a_printed_vorlage_ends_with_its_address_and_the_date_of_the_data(browser, site):
    context = browser.new_context(locale="de-DE", viewport={"width": PRINT_WIDTH, "height": 800})
    tab = context.new_page()
    try:
        with serve(site) as base:
            tab.goto(base + "vorlagen/landkreis-boerde/2018-33-0590/", wait_until="load")
            info = tab.locator(".bi-print-info")
            assert info.is_hidden(), "on screen the address and date are not shown"
            tab.emulate_media(media="print")
            assert info.is_visible()
            assert info.inner_text().startswith(
                "Adresse dieser Seite: https://buergerinfo.test/vorlagen/landkreis-boerde/2018-33-0590/\n"
                "Stand der Daten: 21.11.2026"
            )
            # What the date means, the same on every page, comes from the print stylesheet.
            after = tab.evaluate("getComputedStyle(document.querySelector('.bi-print-info'), '::after').content")
            assert after.startswith('" – an diesem Tag wurde die Seite aus den Daten der Körperschaften erstellt;')
            for left_out in (".md-header", ".md-tabs", ".md-footer", ".bi-skip", ".bi-source"):
                assert tab.locator(left_out).first.is_hidden(), left_out
            assert tab.locator(".bi-consultations").is_visible()
    finally:
        context.close()
