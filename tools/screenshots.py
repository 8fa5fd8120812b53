#!/usr/bin/env python3
"""Screenshots of every page kind, for a reviewer to look at all of it in a minute.

Builds the sample site (or takes a built one with --site), serves it on 127.0.0.1 and drives
Debian's Chromium through Playwright: a full-page PNG of each page kind at each width
(360 and 1280 px unless told otherwise), and an A4 print PDF of a Vorlage, as a visitor
who prints it gets it. Everything goes into one folder (default `screenshots/`, ignored by git):

    screenshots/vorlage-360.png, screenshots/vorlage-1280.png, …, screenshots/vorlage-druck.pdf

    .venv/bin/python tools/screenshots.py                 # or: make screenshots
    .venv/bin/python tools/screenshots.py --kinds vorlage,suche --widths 320
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# The day the sample site is built as of: status badges and "next Sitzung" depend on it.
DEFAULT_TODAY = "2026-11-21"
DEFAULT_WIDTHS = (360, 1280)
PRINTED_KIND = "vorlage"

# One address of the sample site per kind of page (name -> address below the site root).
SAMPLE_PAGES: dict[str, str] = {
    "start": "",
    "vorlage": "vorlagen/landkreis-boerde/2018-33-0590/",
    "vorlage-ohne-nummer": "vorlagen/landkreis-friesland/vorstellung-integrationskonzept-2019/",
    "vorlage-mit-bezug": "vorlagen/landkreis-wittmund/0042-2019/",
    "gremium": "gremien/landkreis-friesland/kreisausschuss/",
    "gremien": "gremien/",
    "gremium-mit-mitgliedern": "gremien/landkreis-boerde/kreistag/",
    "person": "personen/landkreis-boerde/jana-kleinschmidt/",
    "personen": "personen/landkreis-boerde/",
    "fraktion": "fraktionen/landkreis-boerde/liberale-buerger/",
    "fraktionen": "fraktionen/",
    "vorlage-mit-abstimmungen": "vorlagen/landkreis-boerde/2025-33-0712/",
    "sitzung": "sitzungen/landkreis-boerde/kreistag/2018-11-28/",
    "sitzung-nicht-oeffentlich": "sitzungen/landkreis-friesland/kreisausschuss/2019-03-14/",
    "sitzung-mit-dossier": "sitzungen/landkreis-friesland/ausschuss-fuer-arbeit-und-soziales/2018-09-12/",
    "sitzungen": "sitzungen/",
    "sitzungen-jahr": "sitzungen/2018/",
    "koerperschaft": "koerperschaften/landkreis-wittmund/",
    "koerperschaften": "koerperschaften/",
    "dossier": "dossiers/integrationskonzept-wittmund/",
    "thema": "themen/integrationskonzept/",
    "themen": "themen/",
    "liste": "vorlagen/",
    "liste-status": "vorlagen/status/beschlossen/",
    "suche": "suche/?q=Integrationskonzepte",
    "impressum": "impressum/",
    "datenschutz": "datenschutz/",
    "barrierefreiheit": "barrierefreiheit/",
    "redaktion": "redaktion/",
    "offene-daten": "offene-daten/",
    "404": "gibt-es-nicht/",
}


def build_sample_site(site_dir: Path, today: str = DEFAULT_TODAY) -> None:
    """The repository's sample site, built with real MkDocs exactly as `make site` does."""
    env = {**os.environ, "BUERGERINFO_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site_dir)]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")


class _NotFoundPageHandler(http.server.SimpleHTTPRequestHandler):
    """A quiet static server that answers an unknown address with the site's 404.html, as GitHub Pages does."""

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """The built site on a loopback port; yields its base address."""
    handler = functools.partial(_NotFoundPageHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def settle(tab) -> None:
    """Wait until the page is complete, including the search page's results."""
    tab.wait_for_load_state("networkidle")
    if tab.locator("[data-bi-suche]").count():
        tab.locator('[data-bi-suche][data-state="done"]').wait_for(timeout=15_000)


def take(
    browser, base: str, pages: dict[str, str], widths: tuple[int, ...], out: Path, print_kind: str | None
) -> list[Path]:
    """Screenshots of `pages` at `widths` (and the print PDF of `print_kind`) into `out`; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for width in widths:
        context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 900})
        tab = context.new_page()
        try:
            for name, address in pages.items():
                tab.goto(base + address)
                settle(tab)
                target = out / f"{name}-{width}.png"
                tab.screenshot(path=str(target), full_page=True)
                written.append(target)
        finally:
            context.close()
    if print_kind is not None and print_kind in pages:
        context = browser.new_context(locale="de-DE")
        tab = context.new_page()
        try:
            tab.goto(base + pages[print_kind])
            settle(tab)
            target = out / f"{print_kind}-druck.pdf"
            tab.pdf(path=str(target), format="A4", print_background=True)
            written.append(target)
        finally:
            context.close()
    return written


def launch(playwright):
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} fehlt: apt-get install chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="PNG screenshots of every page kind and a print PDF of a Vorlage.")
    parser.add_argument("--site", type=Path, help="a built site; default: build the sample site")
    parser.add_argument("--out", type=Path, default=REPO / "screenshots", help="output folder (default screenshots/)")
    parser.add_argument("--kinds", help=f"comma-separated page kinds (default all: {', '.join(SAMPLE_PAGES)})")
    parser.add_argument("--widths", default=",".join(map(str, DEFAULT_WIDTHS)), help="viewport widths in px")
    parser.add_argument("--today", default=os.environ.get("BUERGERINFO_TODAY", DEFAULT_TODAY))
    args = parser.parse_args(argv)

    kinds = args.kinds.split(",") if args.kinds else list(SAMPLE_PAGES)
    unknown = [k for k in kinds if k not in SAMPLE_PAGES]
    if unknown:
        raise SystemExit(f"unknown page kinds: {', '.join(unknown)}; known: {', '.join(SAMPLE_PAGES)}")
    pages = {kind: SAMPLE_PAGES[kind] for kind in kinds}
    widths = tuple(int(w) for w in args.widths.split(","))

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="buergerinfo-screenshots-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            build_sample_site(site, args.today)
        with serve(site) as base, sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                written = take(browser, base, pages, widths, args.out, PRINTED_KIND)
            finally:
                browser.close()
    for path in written:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
