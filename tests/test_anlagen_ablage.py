"""Anlagen outside git: the Anlagen-Ablage (`extra.buergerinfo.anlagen_ablage`, buergerinfo/model/stored_files.py).

A copy of the project with a store folder in tmp and one Vorlage whose Anlage is a PDF of the store
(`ablage: sha256:…`, `dateiname`, `groesse`): the check passes, and says file, line and field when
the size is wrong, the object is missing or no store is configured; the built site links the file
at the store's `adresse` (or, without one, carries it under anlagen/ablage/), its OParl File validates
and the search finds a word of the PDF.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project, page, run_build

import document_samples as samples

PAPER = "data/vorlagen/landkreis-wittmund/0042-2019.yml"
PAPER_PAGE = "vorlagen/landkreis-wittmund/0042-2019/"
ADDRESS = "https://anlagen.landkreis-wittmund.example/"
WORD = "Deichverstärkung"


def store_object(store: Path, source: Path) -> tuple[str, str, int]:
    """Puts a file into the store as the import does; returns (hex digest, object name, size)."""
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    name = f"{digest[:2]}/{digest}.{source.suffix.lstrip('.').lower()}"
    (store / name).parent.mkdir(parents=True, exist_ok=True)
    (store / name).write_bytes(data)
    return digest, name, len(data)


def configure_store(project: Path, store: Path, address: str | None) -> None:
    config = project / "mkdocs.yml"
    lines = f"    anlagen_ablage:\n      ordner: {store}\n" + (f"      adresse: {address}\n" if address else "")
    config.write_text(config.read_text("utf-8").replace("  buergerinfo:\n", "  buergerinfo:\n" + lines, 1), "utf-8")


def add_entry(project: Path, digest: str, size: int, name: str = "Deichplan.PDF") -> int:
    """Adds the Anlage to the Vorlage; returns the line of its `groesse`."""
    paper = project / PAPER
    text = paper.read_text("utf-8")
    entry = f"  - titel: Lageplan Deich\n    ablage: sha256:{digest}\n    dateiname: {name}\n    groesse: {size}\n"
    text = text.replace("anlagen:\n", "anlagen:\n" + entry, 1)
    paper.write_text(text, "utf-8")
    return text[: text.index(f"groesse: {size}")].count("\n") + 1


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("quelle") / "deichplan.pdf"
    samples.born_digital_pdf(path, [["Lageplan der Deichlinie", f"Die {WORD} beginnt 2020."]])
    return path


def make_project(base: Path, pdf: Path, address: str | None = ADDRESS) -> tuple[Path, Path, str, str, int, int]:
    project = copy_project(base / "project")
    store = base / "ablage"
    digest, name, size = store_object(store, pdf)
    configure_store(project, store, address)
    line = add_entry(project, digest, size)
    return project, store, digest, name, size, line


def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "buergerinfo", "--root", str(root), "check"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                          timeout=120)


def test_check_passes_with_the_object_in_the_store(tmp_path, pdf):
    project, *_ = make_project(tmp_path, pdf)
    result = run_check(project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_names_file_line_and_field_of_a_wrong_size(tmp_path, pdf):
    project, _, _, name, size, line = make_project(tmp_path, pdf)
    paper = project / PAPER
    paper.write_text(paper.read_text("utf-8").replace(f"groesse: {size}", f"groesse: {size + 1}"), "utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert f"{PAPER}:{line}:" in result.stdout
    assert "Feld „anlagen[1].groesse“" in result.stdout
    assert f"„{name}“ der Anlagen-Ablage hat {size} Bytes, eingetragen sind {size + 1}" in result.stdout


def test_check_names_a_missing_object_and_a_missing_setting(tmp_path, pdf):
    project, store, _, name, _, line = make_project(tmp_path, pdf)
    (store / name).unlink()
    result = run_check(project)
    assert result.returncode == 1
    assert f"{PAPER}:{line - 2}:" in result.stdout and "Feld „anlagen[1].ablage“" in result.stdout
    assert f"die Datei „{name}“ fehlt in der Anlagen-Ablage" in result.stdout

    # Without the store on this machine (an editor, or a build that does not mount it), once for all entries:
    # with an `adresse` the pages need none of its files, so it is a warning; without one, an error.
    shutil.rmtree(store)
    add_entry(project, "1" * 64, 10, "zweite.pdf")
    result = run_check(project)
    assert result.returncode == 0 and result.stdout.count("nicht eingehängt?") == 1, result.stdout
    assert f"verlinken sie unter {ADDRESS}" in result.stdout and "Warnung" in result.stdout
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(f"      adresse: {ADDRESS}\n", ""), "utf-8")
    result = run_check(project)
    assert result.returncode == 1 and result.stdout.count("nicht eingehängt?") == 1, result.stdout
    assert "ohne `adresse:` bringt die Website die Dateien selbst mit" in result.stdout

    config.write_text(config.read_text("utf-8").replace("    anlagen_ablage:\n", "    anlagen_ablage_aus:\n"), "utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert "mkdocs.yml nennt keine" in result.stdout and "extra.buergerinfo.anlagen_ablage" in result.stdout


def test_check_refuses_active_content_and_entries_that_do_not_fit(tmp_path, pdf):
    project, _, digest, _, size, _ = make_project(tmp_path, pdf)
    paper = project / PAPER
    text = paper.read_text("utf-8")
    paper.write_text(text.replace("dateiname: Deichplan.PDF", "dateiname: deichplan.svg"), "utf-8")
    result = run_check(project)
    assert result.returncode == 1 and "Feld „anlagen[1].dateiname“" in result.stdout and ".svg" in result.stdout

    paper.write_text(text.replace(f"    groesse: {size}\n", ""), "utf-8")
    result = run_check(project)
    assert result.returncode == 1 and "zu `ablage` gehört `groesse`" in result.stdout

    paper.write_text(text.replace("    dateiname:", "    datei: x.pdf\n    dateiname:"), "utf-8")
    result = run_check(project)
    assert result.returncode == 1 and "nur eines von `datei`, `url` und `ablage`" in result.stdout


def test_the_editors_schema_knows_the_entry_and_what_belongs_together():
    from test_schema import validator

    check = validator("vorlage.schema.json")
    paper = {"betreff": "Deich", "art": "Beschlussvorlage", "koerperschaft": "landkreis-wittmund"}
    entry = {"titel": "Lageplan", "ablage": "sha256:" + "0" * 64, "dateiname": "lageplan.pdf", "groesse": 1}
    assert list(check.iter_errors({**paper, "anlagen": [entry]})) == []
    for wrong in ({k: v for k, v in entry.items() if k != "groesse"}, {**entry, "ablage": "sha256:ABC"},
                  {**entry, "dateiname": "ordner/lageplan.pdf"}, {"titel": "x", "dateiname": "a.pdf"}):
        assert list(check.iter_errors({**paper, "anlagen": [wrong]})), wrong


def test_the_anlage_command_puts_a_file_into_the_store(tmp_path, pdf):
    project = copy_project(tmp_path / "project")
    store = tmp_path / "ablage"
    configure_store(project, store, ADDRESS)
    command = [sys.executable, "-m", "buergerinfo", "--root", str(project), "anlage", PAPER, str(pdf),
               "--titel", "Lageplan Deich"]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120,
                            cwd=project)
    assert result.returncode == 0, result.stdout
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    name = f"{digest[:2]}/{digest}.pdf"
    assert f"Anlage hinzugefügt: Anlagen-Ablage {name}" in result.stdout
    assert (store / name).read_bytes() == pdf.read_bytes()
    assert [p.name for p in store.rglob("*") if p.is_file()] == [f"{digest}.pdf"], "no temporary file left"
    text = (project / PAPER).read_text("utf-8")
    assert (f"  - titel: Lageplan Deich\n    ablage: sha256:{digest}\n    dateiname: deichplan.pdf\n"
            f"    groesse: {pdf.stat().st_size}\n") in text
    assert not list((project / "data/anlagen").rglob("deichplan*"))


# --- the built site ---------------------------------------------------------------------------------


DOSSIER = "data/dossiers/integrationskonzept-wittmund.yml"


def _build(base: Path, pdf: Path, address: str | None):
    project, store, digest, name, size, _ = make_project(base, pdf, address)
    # The same object as a dossier document: a store file is published once, whoever names it.
    dossier = project / DOSSIER
    entry = (f"  - titel: Lageplan im Dossier\n    ablage: sha256:{digest}\n    dateiname: lageplan.pdf\n"
             f"    groesse: {size}\n")
    dossier.write_text(dossier.read_text("utf-8").replace("dokumente:\n", "dokumente:\n" + entry, 1), "utf-8")
    site = base / "site"
    env = {"BUERGERINFO_OCR": "0", "BUERGERINFO_ANLAGEN_CACHE": str(base / "cache")}
    result = run_build(project, site, extra_env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, digest, name, size


@pytest.fixture(scope="module")
def at_address(tmp_path_factory, pdf):
    return _build(tmp_path_factory.mktemp("mit-adresse"), pdf, ADDRESS)


@pytest.fixture(scope="module")
def on_site(tmp_path_factory, pdf):
    return _build(tmp_path_factory.mktemp("ohne-adresse"), pdf, None)


def _file_object(site: Path, digest: str) -> dict:
    from opendata import oparl_objects

    paper = json.loads((site / "oparl/v1/paper/landkreis-wittmund/0042-2019.json").read_text("utf-8"))
    files = [o for o in oparl_objects(paper) if o["type"].endswith("/File") and o.get("buergerinfo:ablage")]
    assert [f["buergerinfo:ablage"] for f in files] == [f"sha256:{digest}"]
    return files[0]


def test_the_page_links_the_file_at_the_stores_address(at_address):
    site, _, name, size = at_address
    html = page(site, PAPER_PAGE)
    assert f'<a href="{ADDRESS}{name}">Lageplan Deich</a>' in html
    assert f'<a href="{ADDRESS}{name}">Lageplan im Dossier</a>' in page(site, "dossiers/integrationskonzept-wittmund/")
    assert "– PDF, " in html.split("Lageplan Deich", 1)[1][:200]
    # Not copied into the site; its text is, beside where the site would keep it (the search reads ranges of it).
    assert not (site / "anlagen/ablage" / name).exists()
    assert WORD in (site / "anlagen/ablage" / f"{name}.txt").read_text("utf-8")


def test_a_build_without_the_store_links_the_address_and_says_so(tmp_path, pdf):
    """A build that does not mount the store (GitHub's runner, say): with an `adresse` the pages need none of its files."""
    project, store, _, name, _, _ = make_project(tmp_path, pdf)
    shutil.rmtree(store)
    site = tmp_path / "site"
    result = run_build(project, site, extra_env={"BUERGERINFO_OCR": "0",
                                                 "BUERGERINFO_ANLAGEN_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "HINWEIS" in result.stdout and "nicht eingehängt?" in result.stdout
    html = page(site, PAPER_PAGE)
    assert f'<a href="{ADDRESS}{name}">Lageplan Deich</a>' in html
    assert "– PDF, " in html.split("Lageplan Deich", 1)[1][:200], "type and size come from the entry"
    assert not (site / "anlagen/ablage").exists()


def test_without_an_address_the_site_carries_the_file(on_site, pdf):
    site, _, name, size = on_site
    html = page(site, PAPER_PAGE)
    assert f'<a href="../../../anlagen/ablage/{name}" download="Deichplan.PDF">Lageplan Deich</a>' in html
    dossier = page(site, "dossiers/integrationskonzept-wittmund/")
    assert f'<a href="../../anlagen/ablage/{name}" download="lageplan.pdf">Lageplan im Dossier</a>' in dossier
    assert (site / "anlagen/ablage" / name).read_bytes() == pdf.read_bytes()
    assert (site / "anlagen/ablage" / f"{name}.txt").is_file()


def test_the_oparl_file_names_the_address_size_and_checksum(at_address, on_site):
    from opendata import oparl_validators

    validator = oparl_validators()["File"]
    on_the_site = "https://buergerinfo.test/anlagen/ablage/"
    for (site, digest, name, size), base in ((at_address, ADDRESS), (on_site, on_the_site)):
        found = _file_object(site, digest)
        assert list(validator.iter_errors(found)) == []
        assert (found["accessUrl"], found["downloadUrl"]) == (base + name, base + name)
        assert (found["fileName"], found["size"], found["mimeType"]) == ("Deichplan.PDF", size, "application/pdf")


def test_the_tables_name_the_text_on_the_site(at_address):
    site, _, name, _ = at_address
    import csv
    import gzip
    import io

    tables = sorted((site / "daten/landkreis-wittmund").glob("vorlagen.csv*"))
    assert tables, "no table of Vorlagen"
    with gzip.open(tables[0], "rt", encoding="utf-8") if tables[0].suffix == ".gz" else tables[0].open() as file:
        rows = {row["nummer"]: row for row in csv.DictReader(io.StringIO(file.read()))}
    assert f"https://buergerinfo.test/anlagen/ablage/{name}.txt" in rows["0042/2019"]["anlagen_text"]


def test_the_search_finds_a_word_of_the_stored_pdf(at_address, browser):
    from test_anlagen_text import _results, _serve

    site, _, name, _ = at_address
    server, root = _serve(site)
    try:
        results = _results(browser, root, WORD)
    finally:
        server.shutdown()
    hits = [r for r in results if "Lageplan Deich" in r["title"]]
    assert hits and hits[0]["href"].startswith(ADDRESS + name), results
    assert WORD in hits[0]["excerpt"], hits[0]


# --- import-oparl --dateien into the store -----------------------------------------------------------


def _without_checksums(value) -> None:
    if isinstance(value, dict):
        value.pop("sha1Checksum", None)
        for inner in value.values():
            _without_checksums(inner)
    elif isinstance(value, list):
        for inner in value:
            _without_checksums(inner)


def test_import_with_files_writes_into_the_store_and_a_second_run_changes_nothing(tmp_path, pdf):
    from oparl_server import OParlServer, load_examples
    from test_import_oparl_examples import BODY, FAST, read

    from buergerinfo.importers import ImportOptions, import_oparl

    target = copy_project(tmp_path / "projekt", with_data=False)
    store = tmp_path / "ablage"
    configure_store(target, store, ADDRESS)
    with OParlServer() as server:
        url = load_examples(server)
        # The examples' main file gets a real PDF (their checksum matches no content); the empty derivative
        # file stays: a PDF without "%PDF-" is refused by its content and stays an address.
        content = pdf.read_bytes()
        _without_checksums(server.objects)
        for folder in ("files/", "files/download/"):
            server.files["/" + folder + "57737.pdf"] = content
        report = import_oparl(url, target, BODY, ImportOptions(client=FAST, files=True))
        assert report.error is None and report.check_passed, report.text()
        assert not list((target / "data/anlagen").rglob("*.pdf")), "nothing goes into git"
        (paper_file,) = (target / "data/vorlagen" / BODY).rglob("*.yml")
        entries = [e for e in read(target, paper_file.relative_to(target).as_posix())["anlagen"] if "ablage" in e]
        assert len(entries) == 1 and "datei" not in entries[0]
        digest = hashlib.sha256(content).hexdigest()
        assert {"ablage": f"sha256:{digest}", "groesse": len(content)}.items() <= entries[0].items()
        assert entries[0]["dateiname"].endswith(".pdf")
        stored = store / digest[:2] / f"{digest}.pdf"
        assert stored.read_bytes() == content
        assert not [p for p in store.rglob("*") if p.is_file() and p != stored], "no temporary file left"

        def snapshot():
            files = {p: p.read_bytes() for folder in ("data", ".import") for p in (target / folder).rglob("*")
                     if p.is_file()}
            # The state file says when the last run began: the one thing a second run must change.
            for path in [p for p in files if p.suffix == ".json"]:
                state = json.loads(files[path])
                assert state.pop("letzter_lauf")
                files[path] = state
            return files

        before, written = snapshot(), stored.stat().st_mtime_ns
        report = import_oparl(url, target, BODY, ImportOptions(client=FAST, files=True, full=True))
        assert report.check_passed, report.text()
        assert snapshot() == before
        assert stored.stat().st_mtime_ns == written
        assert not any(outcome in ("angelegt", "geändert") for (_, outcome) in report.files), report.text()
