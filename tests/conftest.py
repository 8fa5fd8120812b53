"""Shared fixtures: build the real site with real MkDocs, serve it, drive real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
from benchmark import SITE_PARTS, copy_site_sources  # noqa: E402  (the benchmark copies projects the same way)

CHROMIUM = Path("/usr/bin/chromium")
# A fixed "today" makes status badges and "next Sitzung" reproducible.
TODAY = "2026-11-21"
PROJECT_PARTS = (*SITE_PARTS, "data")


def copy_project(target: Path, *, with_data: bool = True) -> Path:
    """A copy of the project's site sources, to change data without touching the repository."""
    return copy_site_sources(target, PROJECT_PARTS if with_data else SITE_PARTS)


def run_build(
    project: Path, site_dir: Path, *, strict: bool = True, extra_env: dict | None = None, extra_args: list | None = None
):
    env = {
        **os.environ,
        "BUERGERINFO_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        # As in the deploy workflow; without a site URL MkDocs writes an empty sitemap.
        "SITE_URL": "https://buergerinfo.test/",
        **(extra_env or {}),
    }
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    command += extra_args or []
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The sample site, built once per test session from the repository as it is."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(REPO, site_dir)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def page(site_dir: Path, url: str) -> str:
    """The HTML of a page by its address, e.g. 'vorlagen/landkreis-boerde/2018-33-0590/'."""
    path = site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url
    return path.read_text(encoding="utf-8")


# The media types the open data needs from a web server (README, "Offene Daten"). GitHub Pages sends
# them by file extension; Python knows .atom and .ics only from the system's /etc/mime.types.
OPEN_DATA_TYPES = {
    ".atom": "application/atom+xml",
    ".ics": "text/calendar",
    ".json": "application/json",
    ".csv": "text/csv",
    ".gz": "application/gzip",  # the tables (daten/*.csv.gz, *.json.gz), as GitHub Pages sends them
}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **OPEN_DATA_TYPES}

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@pytest.fixture(scope="session")
def served_site(site) -> Iterator[str]:
    """The built site on a loopback port, as a visitor's browser would load it."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


# Two animation frames: the first runs the scroll steps and their handlers for what a key or click started,
# the second begins only once that frame is done. Tests read the focus after it: a condition on the page's
# rendering, never a fixed time.
SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done())))"


def settle(tab) -> None:
    """Wait until the page has answered the last key or click (tests/test_keyboard.py tells why)."""
    tab.evaluate(SETTLE)


def search_results_shown(tab, query: str | None = None, timeout: float = 15_000) -> None:
    """Wait until the search page shows its results (suche.js: data-state "done"), for `query` if given.

    A query typed key by key runs after each pause in typing; "done" alone may then still be the answer to
    the first letters. With `query` the wait ends only once the status names the whole query.
    """
    tab.wait_for_function(
        """query => {
          const root = document.querySelector('[data-bi-suche]');
          if (!root || root.getAttribute('data-state') !== 'done') { return false; }
          return query === null || root.querySelector('.bi-suche__status').textContent.includes(`„${query}“`);
        }""",
        arg=query,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; no browser download ever happens."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but /usr/bin/chromium is missing: install Debian's chromium package")
        pytest.skip("Browser-Test übersprungen: /usr/bin/chromium fehlt (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def open_data_site(tmp_path_factory):
    """The sample data with times, places, votes, Anlagen and secrets (tests/opendata.py), built once."""
    from opendata import BuiltProject, enrich

    work = tmp_path_factory.mktemp("open-data")
    project = enrich(copy_project(work / "project"))
    site_dir = work / "site"
    result = run_build(project, site_dir)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return BuiltProject(project, site_dir, result.stdout + result.stderr)
