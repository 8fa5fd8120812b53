"""The preview behind `make serve`, run for real on 127.0.0.1 and looked at in Chromium.

It renders the same pages as the build; an edit shows in the open page by itself; broken
data turns every page into a German error page at once (no request hangs), which turns
back into the page when the file is fixed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TODAY, copy_project, copy_site_sources, page

from synthetic import generate

PAPER = "data/vorlagen/landkreis-wittmund/0042-2019.yml"
PAPER_URL = "vorlagen/landkreis-wittmund/0042-2019/"
RELOAD_SCRIPT = re.compile(r"<script>\(function \(\) \{\s*var seen = \d+;.*?</script>", re.S)
# Loose bound against a hang, not a speed measurement (tools/benchmark.py measures the preview): every wait
# below ends as soon as the page or the status shows the change. On a machine whose two cores are busy with
# other work the preview took 5-8 s to start and more than 10 s to take up an edit, so the bound is generous.
WITHIN_MS = 60_000
# What must come without waiting for the data at all: any page while the data is broken.
AT_ONCE_MS = 10_000


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


class RunningPreview:
    def __init__(self, project: Path, process: subprocess.Popen, base: str) -> None:
        self.project, self.process, self.base = project, process, base

    def status(self) -> dict:
        return json.loads(get(self.base + "__vorschau/status")[1])

    def wait_for_version(self, above: int) -> dict:
        deadline = time.monotonic() + WITHIN_MS / 1000
        while time.monotonic() < deadline:
            status = self.status()
            if status["version"] > above:
                return status
            time.sleep(0.05)
        raise AssertionError(f"the preview did not take up the change: {self.status()}")

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.project / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def preview(tmp_path) -> Iterator[RunningPreview]:
    project = copy_project(tmp_path / "project")
    scratch = tmp_path / "tmp"  # the preview's own folder goes here: it must be gone once the preview ends
    scratch.mkdir()
    env = {**os.environ, "BUERGERINFO_TODAY": TODAY, "SITE_URL": "https://buergerinfo.test/", "PYTHONUNBUFFERED": "1",
           "TMPDIR": str(scratch)}
    command = [sys.executable, str(project / "hooks" / "site_preview.py"), "--port", "0"]
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", first)
        assert match, first + process.stderr.read()
        running = RunningPreview(project, process, match.group(1))
        running.wait_for_version(0)
        yield running
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
        # Editors read this terminal: German only, no MkDocs log lines, no traceback.
        assert "Traceback" not in err and "INFO" not in out + err and "Aborted" not in out + err, out + err
        assert not list(scratch.iterdir()), "the preview left its folder behind"
        assert not processes_of(project), "a process of the preview (the export child) outlived it"


def processes_of(project: Path) -> list[str]:
    """Command lines of live processes running one of the project's hooks (the preview, its forked export
    child, which shares the preview's command line, and the search index child)."""
    hooks = str(project / "hooks").encode() + b"/"
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            arguments = cmdline.read_bytes().split(b"\0")
            state = (cmdline.parent / "stat").read_bytes().rsplit(b")", 1)[-1].split()[0]
        except (OSError, IndexError):
            continue
        if state != b"Z" and any(argument.startswith(hooks) for argument in arguments):
            found.append(" ".join(a.decode(errors="replace") for a in arguments))
    return found


def without_reload(document: str) -> str:
    return RELOAD_SCRIPT.sub("", document)


def test_preview_renders_exactly_the_built_pages(preview, site):
    for url in ("", PAPER_URL, "vorlagen/", "redaktion/", "gremien/landkreis-wittmund/kreistag/"):
        status, document = get(preview.base + url)
        assert status == 200, url
        assert RELOAD_SCRIPT.search(document), f"{url}: no live reload"
        assert without_reload(document) == page(site, url), f"{url} differs from the built page"
    assert get(preview.base + "assets/stylesheets/buergerinfo.css")[0] == 200
    assert get(preview.base + "mitmachen/")[1] == (site / "mitmachen" / "index.html").read_text(encoding="utf-8")
    status, missing = get(preview.base + "gibt-es-nicht/")
    assert status == 404 and "404" in missing


def test_new_and_removed_vorlage_appear_and_vanish(preview):
    version = preview.status()["version"]
    new = preview.project / "data/vorlagen/landkreis-wittmund/0043-2019.yml"
    text = (preview.project / PAPER).read_text(encoding="utf-8")
    new.write_text(text.replace("nummer: 0042/2019", "nummer: 0043/2019"), encoding="utf-8")
    version = preview.wait_for_version(version)["version"]
    status, document = get(preview.base + "vorlagen/landkreis-wittmund/0043-2019/")
    assert status == 200 and "0043/2019" in document
    assert "0043/2019" in get(preview.base + "vorlagen/koerperschaft/landkreis-wittmund/")[1]
    new.unlink()
    preview.wait_for_version(version)
    assert get(preview.base + "vorlagen/landkreis-wittmund/0043-2019/")[0] == 404


def test_open_data_in_the_preview_follows_an_edit(preview):
    """Feeds, calendars and OParl are written beside the preview (in a forked child) and again after an edit."""
    page_html = get(preview.base + PAPER_URL)[1]
    feed = re.search(r'<link[^>]+type="application/atom\+xml"[^>]+href="([^"]+)"', page_html).group(1)
    feed_url = urllib.parse.urljoin(preview.base + PAPER_URL, feed)
    wait_until(lambda: "Beschluss des Integrationskonzepts" in get(feed_url)[1], "the Vorlage's feed")
    assert get(feed_url)[1].startswith("<?xml")
    assert get(preview.base + "gremien/landkreis-wittmund/kreistag/sitzungen.ics")[1].startswith("BEGIN:VCALENDAR")
    assert json.loads(get(preview.base + "oparl/v1/system.json")[1])["type"].startswith("https://schema.oparl.org/1.1/")

    preview.edit(PAPER, "betreff: ", "betreff: Neu gefasst – ")
    # After the search index (2 s after the last edit), the exports are written again.
    wait_until(lambda: "Neu gefasst – Beschluss des Integrationskonzepts" in get(feed_url)[1], "the edited Betreff in the feed",
               seconds=2 * WITHIN_MS / 1000)


def wait_until(condition, what: str, seconds: float = WITHIN_MS / 1000) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not there within {seconds:.0f} s")
        time.sleep(0.1)


@pytest.mark.browser
def test_browser_follows_edits_shows_errors_in_german_and_recovers(preview, browser):
    context = browser.new_context(locale="de-DE")
    tab = context.new_page()
    tab.goto(preview.base + PAPER_URL)
    heading = tab.locator("h1").first
    assert "Beschluss des Integrationskonzepts" in heading.inner_text()

    # An edit shows in the open page by itself.
    preview.edit(PAPER, "betreff: ", "betreff: Neu gefasst – ")
    tab.wait_for_function("document.querySelector('h1').innerText.includes('Neu gefasst')", timeout=WITHIN_MS)

    # Broken data: the open page becomes the German error page, with the exact place, escaped.
    preview.edit(PAPER, "- gremium: kreistag", "- gremium: <b>kreistg</b>")
    tab.wait_for_function("document.title.includes('Fehler in den Daten')", timeout=WITHIN_MS)
    assert tab.locator("h1").inner_text() == "Ein Fehler in den Daten"
    message = tab.locator(".meldungen li").first.inner_text()
    assert message.startswith(f"{PAPER}:28:14: Fehler: Feld „beratungsfolge[3].gremium“: "), message
    assert "<b>kreistg</b>" in message and tab.locator(".meldungen b").count() == 0
    assert tab.evaluate("document.documentElement.lang") == "de"

    # Any other page answers at once with the same error page: no request waits for the data.
    other = context.new_page()
    started = time.monotonic()
    response = other.goto(preview.base + "sitzungen/", timeout=AT_ONCE_MS)
    assert time.monotonic() - started < AT_ONCE_MS / 1000 and response.status == 500
    assert "Die Vorschau zeigt die Website wieder, sobald diese Fehler behoben sind" in other.content()

    # Fixed: both pages come back by themselves.
    preview.edit(PAPER, "- gremium: <b>kreistg</b>", "- gremium: kreistag")
    tab.wait_for_function("document.querySelector('h1') && document.querySelector('h1').innerText.includes("
                          "'Neu gefasst')", timeout=WITHIN_MS)
    other.wait_for_function("document.title.startsWith('Sitzungen')", timeout=WITHIN_MS)
    context.close()


@pytest.mark.browser
def test_preview_starts_with_broken_data_and_recovers(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    paper = project / PAPER
    good = paper.read_text(encoding="utf-8")
    paper.write_text(good.replace("    datum: 2019-06-27", "  datum: 2019-06-27"), encoding="utf-8")
    env = {**os.environ, "BUERGERINFO_TODAY": TODAY, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, str(project / "hooks" / "site_preview.py"), "--port", "0"],
                               cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = re.search(r"(http://127\.0\.0\.1:\d+/)", process.stdout.readline()).group(1)
        tab = browser.new_page()
        tab.goto(base + PAPER_URL, timeout=WITHIN_MS)
        tab.wait_for_function("document.title.includes('Fehler in den Daten')", timeout=WITHIN_MS)
        text = tab.locator(".meldungen").inner_text()
        assert f"{PAPER}:29:3: Fehler: Feld „beratungsfolge[3].datum“: YAML-Syntaxfehler: Einrückung stimmt nicht" in text
        assert "zwei Leerzeichen zu wenig eingerückt" in text
        paper.write_text(good, encoding="utf-8")
        tab.wait_for_function("document.title.startsWith('0042/2019')", timeout=WITHIN_MS)
        tab.close()
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_preview_ended_while_it_indexes_and_exports_leaves_nothing_behind(tmp_path):
    """Ended right after it is ready, while its search index and export children still run."""
    project = copy_site_sources(tmp_path / "project")
    generate(project, 1500)  # enough that indexing and exports outlast the first seconds
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "BUERGERINFO_TODAY": TODAY, "SITE_URL": "https://buergerinfo.test/", "PYTHONUNBUFFERED": "1",
           "TMPDIR": str(scratch)}
    process = subprocess.Popen([sys.executable, str(project / "hooks" / "site_preview.py"), "--port", "0"],
                               cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for line in process.stdout:
            if "Vorschau bereit" in line:
                break
        children = [p for p in processes_of(project) if "site_search.py" in p]
    finally:
        process.terminate()
        out, err = process.communicate(timeout=60)
    assert "Vorschau beendet." in out and "Traceback" not in err, out + err
    assert children, "the search index was already done: the test no longer ends the preview while it indexes"
    deadline = time.monotonic() + 5
    while processes_of(project) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not processes_of(project), "a child of the preview outlived it"
    assert not list(scratch.iterdir()), "the preview left files behind"
