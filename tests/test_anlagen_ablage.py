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

    config = project / "mkdocs.yml"
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
