"""What the Anlagen say, in the search and beside the files (hooks/site_anlagen.py, buergerinfo/search/attachments.py).

A real build of the sample data with Anlagen made at test time (tests/document_samples.py): a
born-digital PDF, a two-column PDF, one with hyphenated line ends and ligatures, a DOCX, an ODT,
an image-only scan, an encrypted and a damaged PDF. Chromium searches the built site for a word
of each readable one. Built twice: with OCR (the scan is found) and without (the Vorlage page
says the scan is not searchable). With CI=true a missing tesseract fails instead of skipping.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import copy_project, page, run_build

import document_samples as samples

from buergerinfo.search.display import display_file

WITTMUND = "data/vorlagen/landkreis-wittmund/0042-2019.yml"
WITTMUND_PAGE = "vorlagen/landkreis-wittmund/0042-2019/"
WITTMUND_DOSSIER = "data/dossiers/integrationskonzept-wittmund.yml"
DOSSIER_WORD = "Patenschaftsnetzwerk"
FOLDER = "landkreis-wittmund"
SCAN_WORDS = "Radwegeplanung Ostfriesland"

# (file, title, a word to search, the page it stands on, whether the result links to that page)
FOUND = [
    ("bericht.pdf", "Sachstandsbericht", "Leuchtturmprojekt", 2),
    ("spalten.pdf", "Zweispaltige Übersicht", "Kreisgebiet", 1),
    ("silben.pdf", "Haushaltsbeschluss", "finanzielle", 1),
    ("stellen.docx", "Stellenplan", "Sprachkoordinierungsstelle", 2),
    ("konzept.odt", "Handlungskonzept", "Umsetzungsphase", 2),
]


def _make_anlagen(folder: Path) -> list[tuple[str, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    samples.born_digital_pdf(folder / "bericht.pdf", [["Sachstand der Integration",
                                                       *["Die Sprachkoordinierungsstelle berät."] * 6],
                                                      ["Das Leuchtturmprojekt startet im Herbst."]])
    samples.two_column_pdf(folder / "spalten.pdf")
    samples.hyphenated_pdf(folder / "silben.pdf")
    samples.docx(folder / "stellen.docx")
    samples.odt(folder / "konzept.odt")
    samples.scanned_pdf(folder / "scan.pdf", SCAN_WORDS)
    samples.born_digital_pdf(folder / "skript.pdf", [["Skriptversuch <img src=x onerror=document.title='gehackt'>",
                                                      "<script>alert('gehackt')</script>"]])
    samples.encrypted_pdf(folder / "geschuetzt.pdf")
    samples.damaged_pdf(folder / "kaputt.pdf", folder / "bericht.pdf")
    return [(name, title) for name, title, _, _ in FOUND] + [
        ("scan.pdf", "Eingescannter Beschluss"), ("skript.pdf", "Markup im Text"),
        ("geschuetzt.pdf", "Geschützte Datei"), ("kaputt.pdf", "Abgebrochene Datei")]


def _build(base: Path, ocr: bool) -> tuple[Path, Path, subprocess.CompletedProcess]:
    project = copy_project(base / "project")
    entries = _make_anlagen(project / "data/anlagen" / FOLDER)
    paper = project / WITTMUND
    listed = "".join(f"  - titel: {title}\n    datei: {FOLDER}/{name}\n" for name, title in entries)
    paper.write_text(paper.read_text(encoding="utf-8").replace("anlagen:\n", "anlagen:\n" + listed, 1), "utf-8")
    # A document of a dossier is searched like an Anlage, and its result names the dossier.
    samples.born_digital_pdf(project / "data/anlagen" / FOLDER / "leitbild.pdf",
                             [["Leitbild der Patenschaften", f"Das {DOSSIER_WORD} trifft sich monatlich."]])
    dossier = project / WITTMUND_DOSSIER
    document = f"  - titel: Leitbild der Patenschaften\n    datei: {FOLDER}/leitbild.pdf\n"
    dossier.write_text(dossier.read_text(encoding="utf-8").replace("dokumente:\n", "dokumente:\n" + document, 1),
                       "utf-8")
    site = base / "site"
    env = {"BUERGERINFO_OCR": "1" if ocr else "0", "BUERGERINFO_ANLAGEN_CACHE": str(base / "cache")}
    return project, site, run_build(project, site, extra_env=env)


def _tesseract_or_skip() -> None:
    from buergerinfo.documents import ocr_available

    if not ocr_available():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but tesseract with German is missing: apt-get install tesseract-ocr tesseract-ocr-deu")
        pytest.skip("tesseract mit Deutsch fehlt (apt-get install tesseract-ocr tesseract-ocr-deu)")


@pytest.fixture(scope="module")
def without_ocr(tmp_path_factory):
    base = tmp_path_factory.mktemp("anlagen-ohne-ocr")
    project, site, result = _build(base, ocr=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site, result.stdout + result.stderr, base


@pytest.fixture(scope="module")
def with_ocr(tmp_path_factory):
    _tesseract_or_skip()
    base = tmp_path_factory.mktemp("anlagen-mit-ocr")
    project, site, result = _build(base, ocr=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site, result.stdout + result.stderr, base


def _serve(site: Path):
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _results(browser, root: str, query: str) -> list[dict]:
    """The results the search page shows for a query: title link, meta line, Vorlage link, excerpt and marks."""
    visitor = browser.new_page()
    try:
        visitor.goto(root + "suche/?q=" + query)
        visitor.locator('[data-bi-suche][data-state="done"]').wait_for(timeout=20_000)
        return visitor.evaluate(
            """() => [...document.querySelectorAll('.bi-suche__result')].map(item => ({
                href: item.querySelector('.bi-suche__title a').getAttribute('href'),
                title: item.querySelector('.bi-suche__title').textContent,
                meta: item.querySelector('.bi-suche__meta').textContent,
                parent: (item.querySelector('.bi-suche__parent a') || {}).textContent || null,
                parentLine: (item.querySelector('.bi-suche__parent') || {}).textContent || null,
                parentHref: item.querySelector('.bi-suche__parent a') ?
                    item.querySelector('.bi-suche__parent a').getAttribute('href') : null,
                excerpt: (item.querySelector('.bi-suche__excerpt') || {}).textContent || '',
                marks: [...item.querySelectorAll('.bi-suche__excerpt mark')].map(m => m.textContent),
            }))"""
        )
    finally:
        visitor.close()


# --- the build ----------------------------------------------------------------------------------


def test_damaged_and_encrypted_anlagen_give_german_warnings_not_failures(without_ocr):
    _, _, output, _ = without_ocr
    encrypted = "HINWEIS Anlage „data/anlagen/landkreis-wittmund/geschuetzt.pdf“: Die PDF-Datei ist mit einem Passwort"
    assert encrypted in output
    assert "HINWEIS Anlage „data/anlagen/landkreis-wittmund/kaputt.pdf“: " in output
    assert "scan.pdf“: 1 Seite(n) sind gescannt" in output


def test_the_vorlage_page_says_which_anlage_is_a_scan_without_text(without_ocr):
    _, site, _, _ = without_ocr
    html = page(site, WITTMUND_PAGE)
    items = html.split('<ul class="bi-attachments">', 1)[1].split("</ul>", 1)[0].split("<li>")
    scan = [item for item in items if "Eingescannter Beschluss" in item]
    assert scan and "Anlage ist ein Scan ohne Text – nicht durchsuchbar" in scan[0]
    others = [item for item in items if "Eingescannter Beschluss" not in item]
    assert not any("nicht durchsuchbar" in item for item in others), "only the scan gets the note"


def test_the_text_of_each_anlage_is_published_beside_it_with_page_separators(without_ocr):
    _, site, _, _ = without_ocr
    text = (site / "anlagen" / FOLDER / "bericht.pdf.txt").read_text(encoding="utf-8")
    assert "--- Seite 1 ---\nSachstand der Integration" in text
    assert "--- Seite 2 ---\nDas Leuchtturmprojekt startet im Herbst." in text
    docx = (site / "anlagen" / FOLDER / "stellen.docx.txt").read_text("utf-8")
    assert "Sprachkoordinierungsstelle auf Seite zwei" in docx
    # Every Anlage has its text file, so the open data can name it; one without text says why.
    damaged = (site / "anlagen" / FOLDER / "kaputt.pdf.txt").read_text(encoding="utf-8")
    assert "Der Text konnte nicht gelesen werden." in damaged and "--- Seite" not in damaged
    assert "--- Seite 1 ---\n[Scan ohne Text]" in (site / "anlagen" / FOLDER / "scan.pdf.txt").read_text("utf-8")
    # The tables are published gzip-compressed (README, "Open data").
    table = gzip.decompress((site / "daten" / "vorlagen.csv.gz").read_bytes()).decode("utf-8")
    row = next(line for line in table.splitlines() if line.startswith("landkreis-wittmund,") and ",0042-2019," in line)
    assert "https://buergerinfo.test/anlagen/landkreis-wittmund/bericht.pdf.txt; " in row
    package = (site / "daten" / "datapackage.json").read_text(encoding="utf-8")
    assert '"name": "anlagen_text"' in package


def test_a_page_s_search_display_names_its_place_in_the_text_file_and_holds_no_text(without_ocr):
    """The text of an Anlage is published once: the search page reads a result's excerpt from the text file."""
    _, site, _, _ = without_ocr
    text = (site / "anlagen" / FOLDER / "bericht.pdf.txt").read_bytes()
    manifest = json.loads((site / "suche-index" / "manifest.json").read_text("utf-8"))
    rows = [json.loads((site / "suche-index" / display_file(doc)).read_text("utf-8"))
            for doc in range(manifest["documents"])]
    pages = {row[0]: row for row in rows if row[0].startswith(f"anlagen/{FOLDER}/bericht.pdf")}
    assert sorted(pages) == [f"anlagen/{FOLDER}/bericht.pdf#page=1", f"anlagen/{FOLDER}/bericht.pdf#page=2"]
    second = pages[f"anlagen/{FOLDER}/bericht.pdf#page=2"]
    address, start, end = second[9]
    assert address == f"anlagen/{FOLDER}/bericht.pdf.txt" and second[6] == []
    assert text[start:end].decode("utf-8").startswith("Das Leuchtturmprojekt startet im Herbst.")
    assert b"--- Seite" not in text[start:end]


def test_the_cache_reads_each_file_once(without_ocr):
    project, site, _, base = without_ocr
    entries = list((base / "cache").glob("??/*.json"))
    assert len(entries) >= 6, entries
    again = run_build(project, base / "site-2", extra_env={"BUERGERINFO_OCR": "0",
                                                         "BUERGERINFO_ANLAGEN_CACHE": str(base / "cache")})
    assert again.returncode == 0, again.stdout + again.stderr
    assert sorted((base / "cache").glob("??/*.json")) == sorted(entries)
    index = lambda s: sorted(p.relative_to(s).as_posix() for p in (s / "suche-index").rglob("*"))  # noqa: E731
    assert index(site) == index(base / "site-2")


# --- the search in Chromium ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "title", "word", "number"), FOUND)
def test_the_search_finds_a_word_of_each_readable_anlage_on_its_page(without_ocr, browser, name, title, word, number):
    _, site, _, _ = without_ocr
    server, root = _serve(site)
    try:
        results = _results(browser, root, word)
    finally:
        server.shutdown()
    mine = [r for r in results if r["href"].split("#")[0].endswith(f"anlagen/{FOLDER}/{name}")]
    assert mine, results
    hit = mine[0]
    pdf = name.endswith(".pdf")
    several = number > 1 or name in ("bericht.pdf", "stellen.docx", "konzept.odt")
    if pdf and several:
        assert hit["href"].endswith(f"#page={number}")
    if several:
        assert f"Seite {number}" in hit["meta"]
    assert hit["meta"].startswith("Anlage")
    assert title in hit["title"]
    assert hit["parent"] == "Beschluss des Integrationskonzepts" or "Integrationskonzept" in hit["parent"]
    assert hit["parentHref"].endswith(WITTMUND_PAGE)
    assert any(word.lower() in mark.lower() for mark in hit["marks"]), hit
    assert word.lower() in hit["excerpt"].lower()


def test_a_dossier_document_is_found_on_its_page_and_names_its_dossier(without_ocr, browser):
    _, site, _, _ = without_ocr
    server, root = _serve(site)
    try:
        results = _results(browser, root, DOSSIER_WORD)
    finally:
        server.shutdown()
    assert [r["href"].removeprefix("../") for r in results] == [f"anlagen/{FOLDER}/leitbild.pdf"], results
    hit = results[0]
    assert hit["meta"].startswith("Anlage") and "Leitbild der Patenschaften" in hit["title"]
    assert hit["parentLine"].startswith("Dokument im Dossier: ") and "Vorlage" not in hit["parentLine"]
    assert hit["parentHref"].endswith("dossiers/integrationskonzept-wittmund/")
    assert DOSSIER_WORD in hit["marks"] and "trifft sich monatlich" in hit["excerpt"]


def test_the_filter_narrows_to_anlagen_or_to_vorlagen(without_ocr, browser):
    _, site, _, _ = without_ocr
    server, root = _serve(site)
    try:
        both = _results(browser, root, "Integrationskonzept")
        only_anlagen = _results(browser, root, "Integrationskonzept&typ=Anlage")
        only_vorlagen = _results(browser, root, "Integrationskonzept&typ=Vorlage")
    finally:
        server.shutdown()
    assert only_anlagen and all(r["meta"].startswith("Anlage") for r in only_anlagen)
    assert only_vorlagen and all(r["meta"].startswith("Vorlage") for r in only_vorlagen)
    # The Vorlagen whose Betreff holds the word come before any page of an Anlage.
    kinds = [r["meta"].split(" ")[0] for r in both]
    assert kinds[0] == "Vorlage"
    if "Anlage" in kinds:
        assert "Vorlage" not in kinds[kinds.index("Anlage"):]


def test_a_word_in_the_beschlussvorschlag_ranks_above_the_same_word_repeated_in_an_anlage(without_ocr, browser):
    _, site, _, _ = without_ocr
    server, root = _serve(site)
    try:
        # Six times on page 1 of bericht.pdf; once in the Beschlussvorschlag of Vorlage 0121/2018.
        results = _results(browser, root, "Sprachkoordinierungsstelle")
    finally:
        server.shutdown()
    hrefs = [r["href"] for r in results]
    vorlage = [n for n, href in enumerate(hrefs) if href.endswith("vorlagen/landkreis-wittmund/0121-2018/")]
    anlage = [n for n, href in enumerate(hrefs) if f"anlagen/{FOLDER}/bericht.pdf" in href]
    assert vorlage and anlage and vorlage[0] < anlage[0], hrefs


def test_the_scan_is_not_found_without_ocr(without_ocr, browser):
    _, site, _, _ = without_ocr
    server, root = _serve(site)
    try:
        results = _results(browser, root, "Radwegeplanung")
    finally:
        server.shutdown()
    assert not [r for r in results if "scan.pdf" in r["href"]]


def test_with_ocr_the_scan_is_found_and_not_labelled(with_ocr, browser):
    _, site, output, base = with_ocr
    assert "nicht durchsuchbar" not in page(site, WITTMUND_PAGE)
    server, root = _serve(site)
    try:
        results = _results(browser, root, "Radwegeplanung")
    finally:
        server.shutdown()
    hit = [r for r in results if r["href"].endswith(f"anlagen/{FOLDER}/scan.pdf")]
    assert hit and "Radwegeplanung" in hit[0]["marks"], results
    assert [p for p in (base / "cache").glob("??/*-ocr.json")], "the recognised text is kept in the cache"


# --- nothing that runs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bericht.html", b"<html><body><script>document.title='gehackt'</script></body></html>",
         "Dateien mit der Endung „.html“ kann ein Browser als Webseite mit Skripten ausführen"),
        ("plan.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>document.title="gehackt"</script></svg>',
         "Dateien mit der Endung „.svg“ kann ein Browser als Webseite mit Skripten ausführen"),
        ("notiz.txt", b"<!DOCTYPE html><script>document.title='gehackt'</script>",
         "Der Inhalt der Datei ist HTML"),
    ],
)
def test_an_anlage_that_could_run_script_stops_the_build(tmp_path, name, content, expected):
    project = copy_project(tmp_path / "project")
    target = project / "data/anlagen" / FOLDER / name
    target.parent.mkdir(parents=True)
    target.write_bytes(content)
    paper = project / WITTMUND
    text = paper.read_text(encoding="utf-8")
    entry = f"anlagen:\n  - titel: Bericht\n    datei: {FOLDER}/{name}\n"
    paper.write_text(text.replace("anlagen:\n", entry, 1), "utf-8")
    line = text.splitlines().index("anlagen:") + 3  # the `datei:` line of the new first entry
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{WITTMUND}:{line}:" in output and "anlagen[1].datei" in output, output
    assert expected in output and "Erwartet wird PDF, ein Bild (PNG, JPEG, GIF, WebP)" in output
    assert not (tmp_path / "site" / "anlagen").exists(), "nothing is published"


def test_no_script_runs_from_an_anlage_on_the_site(without_ocr, browser):
    """No published file under anlagen/ is a page; markup written inside a PDF stays text everywhere."""
    _, site, _, _ = without_ocr
    published = [p for p in (site / "anlagen").rglob("*") if p.is_file()]
    assert published
    assert not [p for p in published if p.suffix.lower() in (".html", ".htm", ".shtml", ".svg", ".xml", ".xhtml")]
    server, root = _serve(site)
    visitor = browser.new_page()
    dialogs = []
    visitor.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in published:
            if path.suffix == ".txt":
                visitor.goto(root + path.relative_to(site).as_posix())
                assert visitor.evaluate("document.contentType") == "text/plain"
                assert visitor.evaluate("document.querySelectorAll('script, img').length") == 0
                assert visitor.title() != "gehackt"
        visitor.goto(root + "suche/?q=Skriptversuch")
        visitor.locator('[data-bi-suche][data-state="done"]').wait_for(timeout=20_000)
        excerpt = visitor.locator(".bi-suche__result .bi-suche__excerpt").first.text_content()
        # The index keeps no markup at all (buergerinfo.search.display): the tag is dropped, the words stay.
        assert "Skriptversuch" in excerpt and "<img" not in excerpt and "alert('gehackt')" in excerpt
        markup = "document.querySelectorAll('.bi-suche__result img, .bi-suche__result script').length"
        assert visitor.evaluate(markup) == 0
        assert visitor.title() != "gehackt"
    finally:
        visitor.close()
        server.shutdown()
    assert not dialogs


def test_ocr_is_explained_in_the_editor_guide(without_ocr):
    _, site, _, _ = without_ocr
    guide = page(site, "redaktion/")
    assert "tesseract-ocr-deu" in guide and "BUERGERINFO_OCR" in guide


def test_a_time_budget_postpones_the_reading_to_the_next_build(tmp_path):
    """BUERGERINFO_ANLAGEN_ZEIT=0: nothing read, the build passes, says so, and the next build reads it all."""
    project = copy_project(tmp_path / "project")
    _make_anlagen(project / "data/anlagen" / FOLDER)
    paper = project / WITTMUND
    entry = f"anlagen:\n  - titel: Sachstandsbericht\n    datei: {FOLDER}/bericht.pdf\n"
    paper.write_text(paper.read_text(encoding="utf-8").replace("anlagen:\n", entry, 1), "utf-8")
    env = {"BUERGERINFO_OCR": "0", "BUERGERINFO_ANLAGEN_CACHE": str(tmp_path / "cache")}
    first = run_build(project, tmp_path / "site-1", extra_env={**env, "BUERGERINFO_ANLAGEN_ZEIT": "0"})
    assert first.returncode == 0, first.stdout + first.stderr
    assert "1 Anlage(n) wurden in diesem Lauf nicht gelesen" in first.stdout + first.stderr
    text = (tmp_path / "site-1" / "anlagen" / FOLDER / "bericht.pdf.txt").read_text(encoding="utf-8")
    assert "wird bei einem der nächsten Bauvorgänge gelesen" in text
    assert not list((tmp_path / "cache").glob("??/*.json"))
    second = run_build(project, tmp_path / "site-2", extra_env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    text = (tmp_path / "site-2" / "anlagen" / FOLDER / "bericht.pdf.txt").read_text(encoding="utf-8")
    assert "Das Leuchtturmprojekt startet im Herbst." in text


def test_the_cache_folder_defaults_to_the_project(tmp_path, monkeypatch):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
    from site_anlagen import CACHE_VARIABLE, cache_folder

    monkeypatch.delenv(CACHE_VARIABLE, raising=False)
    assert cache_folder(tmp_path) == tmp_path / ".cache" / "anlagen-text"
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "anderswo"))
    assert cache_folder(tmp_path) == tmp_path / "anderswo"


def test_a_forked_page_writer_waits_for_the_status_without_touching_the_pipe(tmp_path):
    """The page writer (buergerinfo.parallel.ForkedTask) closes inherited descriptors: it must wait otherwise."""
    import subprocess
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
    from site_anlagen import SCAN_NOTE, AnlagenStatus

    from buergerinfo.parallel import ForkedTask

    status_path = tmp_path / "status.json"
    read_end, write_end = os.pipe()
    # Stands in for the index child: writes the status when told to, then ends (closing the pipe).
    script = (
        "import json, sys; sys.stdin.readline(); "
        f"open({str(status_path)!r}, 'w').write(json.dumps({{'a/scan.pdf': {{'scans': [1], 'pages': 1}}}}))"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, pass_fds=(write_end,))
    os.close(write_end)
    status = AnlagenStatus(read_end, status_path, child.pid)
    writer = ForkedTask(lambda: status.note("a/scan.pdf"))
    child.stdin.write(b"los\n")
    child.stdin.close()
    assert writer.result(timeout=60) == SCAN_NOTE
    assert status.note("a/scan.pdf") == SCAN_NOTE and status.note("a/anderes.pdf") is None
    child.wait(timeout=60)


def test_the_synthetic_archive_gets_real_pdf_anlagen(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    from benchmark_anlagen import log_figures
    from synthetic import generate
    from synthetic.anlagen import add_pdf_anlagen

    from buergerinfo.documents import Limits, extract

    generate(tmp_path, 20)
    made = add_pdf_anlagen(tmp_path, 2, processes=1)
    assert made["files"] == 40 and made["pages"] >= 40
    pdfs = sorted((tmp_path / "data" / "anlagen").rglob("*.pdf"))
    assert len(pdfs) == 40
    first = extract(pdfs[0], limits=Limits(ocr=False))
    assert first.pages and "zur Vorlage" in first.pages[0] and not first.warnings
    line = ("INFO - Bürgerinfo-Anlagen: 40 Dateien, 100 Seiten (100 mit Text, 0 gescannt, 0 erkannt) in 2.00 s "
            "gelesen (50 Seiten/s, 2 Prozesse)")
    assert log_figures(line) == {"files": 40, "pages": 100, "read_s": 2.0, "processes": 2, "pages_per_s": 50.0}


@pytest.mark.parametrize("address", ["suche/?q=Leuchtturmprojekt", WITTMUND_PAGE])
def test_anlage_results_and_the_scan_note_meet_wcag_21_aa(without_ocr, browser, address):
    """axe-core (as tests/test_accessibility.py) on a result list with Anlage pages and on the labelled Vorlage."""
    from axe_playwright_python.sync_playwright import Axe

    _, site, _, _ = without_ocr
    server, root = _serve(site)
    tab = browser.new_page()
    try:
        tab.goto(root + address, wait_until="load")
        if tab.locator("[data-bi-suche]").count():
            tab.locator('[data-bi-suche][data-state="done"]').wait_for(state="attached", timeout=20_000)
            assert tab.locator(".bi-suche__parent a").count() > 0
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        violations = [f"{v['id']}: {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
                      for v in Axe().run(tab, options=options).response["violations"]]
        assert violations == [], "\n".join(violations)
    finally:
        tab.close()
        server.shutdown()
