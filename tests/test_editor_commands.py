"""The commands a Kreistagsbüro needs, run as an editor would: through the ./bi wrapper.

`ergebnis` does not overwrite a result unless told to and warns for a Sitzung in the
future; `umbenennen` renames the file, updates every reference and enters a redirect;
`anlage` copies a file whose content matches its type and writes the entry; `neu`
files a Vorlage into its year folder when the Körperschaft asks for year folders.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from buergerinfo.reading.yamlsource import load_yaml_file

REPO = Path(__file__).resolve().parent.parent
WITTMUND = "data/vorlagen/landkreis-wittmund"


@pytest.fixture
def repository(tmp_path) -> Path:
    """A repository copy with the wrapper; its .venv is this checkout's (the wrapper looks beside itself)."""
    root = tmp_path / "repository"
    for part in ("data", "schemas"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy2(REPO / "bi", root / "bi")
    (root / ".venv").symlink_to(REPO / ".venv")
    return root


def bi(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(root / "bi"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd or root,
        env={**os.environ, "BUERGERINFO_TODAY": "2026-11-21", "PYTHONIOENCODING": "utf-8"},
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def test_wrapper_explains_the_install_when_the_environment_is_missing(tmp_path):
    shutil.copy2(REPO / "bi", tmp_path / "bi")
    result = subprocess.run([str(tmp_path / "bi"), "check"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "noch nicht installiert" in result.stderr and "make install" in result.stderr


def test_wrapper_finds_the_repository_from_anywhere(repository, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert "Alles in Ordnung: 6 Vorlagen" in bi(repository, "check", cwd=elsewhere).stdout
    assert "Alles in Ordnung: 6 Vorlagen" in bi(repository, "check", cwd=repository / WITTMUND).stdout


# --- ergebnis ---------------------------------------------------------------------------------


def test_result_is_not_replaced_without_ersetzen(repository):
    paper = repository / WITTMUND / "0042-2019.yml"
    first = bi(repository, "ergebnis", f"{WITTMUND}/0042-2019.yml", "--gremium", "kreistag", "--datum", "2019-06-27",
               "--ergebnis", "vertagt")
    assert first.returncode == 0, first.stderr
    before = paper.read_bytes()
    refused = bi(repository, "ergebnis", f"{WITTMUND}/0042-2019.yml", "--gremium", "kreistag", "--datum",
                 "2019-06-27", "--ergebnis", "abgelehnt")
    assert refused.returncode == 1
    assert "schon ein Ergebnis eingetragen (ergebnis: „vertagt“)" in refused.stderr and "--ersetzen" in refused.stderr
    assert paper.read_bytes() == before
    replaced = bi(repository, "ergebnis", f"{WITTMUND}/0042-2019.yml", "--gremium", "kreistag", "--datum",
                  "2019-06-27", "--ergebnis", "abgelehnt", "--ersetzen")
    assert replaced.returncode == 0, replaced.stderr
    assert load_yaml_file(paper).data["beratungsfolge"][2]["ergebnis"] == "abgelehnt"


def test_result_for_a_sitzung_in_the_future_warns(repository):
    created = bi(repository, "neu", "--koerperschaft", "landkreis-wittmund", "--nummer", "0050/2026",
                 "--betreff", "Haushalt 2027", "--beratung", "kreistag:2026-12-17:Entscheidung")
    assert created.returncode == 0, created.stderr
    result = bi(repository, "ergebnis", f"{WITTMUND}/0050-2026.yml", "--gremium", "kreistag", "--datum",
                "2026-12-17", "--ergebnis", "ungeändert beschlossen")
    assert "Warnung: die Sitzung am 17.12.2026 liegt in der Zukunft" in result.stderr
    past = bi(repository, "ergebnis", f"{WITTMUND}/0042-2019.yml", "--gremium", "kreistag", "--datum", "2019-06-27",
              "--ergebnis", "vertagt")
    assert "Zukunft" not in past.stderr


# --- umbenennen -------------------------------------------------------------------------------


def test_renumbering_renames_updates_references_and_redirects(repository):
    referring = repository / WITTMUND / "0042-2019.yml"
    dossier = repository / "data/dossiers/integrationskonzept-wittmund.yml"
    comment = "# Bezug laut Vorlage, Seite 2\n"
    referring.write_text(referring.read_text(encoding="utf-8").replace("bezuege:\n", "bezuege:\n" + comment), "utf-8")
    referring_before = referring.read_text(encoding="utf-8").splitlines()
    dossier_before = dossier.read_text(encoding="utf-8").splitlines()

    result = bi(repository, "umbenennen", f"{WITTMUND}/0121-2018.yml", "--nummer", "0122/2018")
    assert result.returncode == 0, result.stderr
    assert f"Umbenannt: {WITTMUND}/0121-2018.yml → {WITTMUND}/0122-2018.yml" in result.stdout
    assert not (repository / WITTMUND / "0121-2018.yml").exists()
    moved = repository / WITTMUND / "0122-2018.yml"
    assert load_yaml_file(moved).data["nummer"] == "0122/2018"

    # Every other line of the referring files stays as it was, comments included.
    referring_after = referring.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(referring_before, referring_after) if a != b]
    assert changed == [("  - 0121/2018", "  - 0122/2018")] and comment.strip() in referring_after
    dossier_after = dossier.read_text(encoding="utf-8").splitlines()
    assert len(dossier_after) == len(dossier_before)
    assert {(a.strip(), b.strip()) for a, b in zip(dossier_before, dossier_after) if a != b} == {
        ("vorlage: 0121/2018", "vorlage: 0122/2018")
    }

    redirects = load_yaml_file(repository / "data/weiterleitungen.yml").data["weiterleitungen"]
    assert redirects[0]["von"] == "vorlagen/landkreis-wittmund/0121-2018/"
    assert redirects[0]["nach"] == "vorlagen/landkreis-wittmund/0122-2018/"
    assert "Alles in Ordnung" in bi(repository, "check").stdout

    # Renumbered once more: the first redirect now leads to the newest address, no chain.
    again = bi(repository, "umbenennen", f"{WITTMUND}/0122-2018.yml", "--nummer", "0123/2018")
    assert again.returncode == 0, again.stderr
    redirects = load_yaml_file(repository / "data/weiterleitungen.yml").data["weiterleitungen"]
    assert {r["von"]: r["nach"] for r in redirects} == {
        "vorlagen/landkreis-wittmund/0121-2018/": "vorlagen/landkreis-wittmund/0123-2018/",
        "vorlagen/landkreis-wittmund/0122-2018/": "vorlagen/landkreis-wittmund/0123-2018/",
    }


def test_renumbering_refuses_a_taken_or_malformed_number(repository):
    before = {p: p.read_bytes() for p in (repository / "data").rglob("*.yml")}
    taken = bi(repository, "umbenennen", f"{WITTMUND}/0121-2018.yml", "--nummer", "0042/2019")
    assert taken.returncode == 1 and "schon vergeben" in taken.stderr
    malformed = bi(repository, "umbenennen", f"{WITTMUND}/0121-2018.yml", "--nummer", "121/2018")
    assert malformed.returncode == 1 and "meinten Sie „0121/2018“?" in malformed.stderr
    assert {p: p.read_bytes() for p in (repository / "data").rglob("*.yml")} == before


def test_moving_a_referenced_vorlage_to_another_koerperschaft_is_refused(repository):
    result = bi(repository, "umbenennen", f"{WITTMUND}/0121-2018.yml", "--koerperschaft", "landkreis-friesland")
    assert result.returncode == 1
    assert "wird noch erwähnt in" in result.stderr and f"{WITTMUND}/0042-2019.yml" in result.stderr


def test_a_broken_redirect_is_reported_by_the_check(repository):
    (repository / "data/weiterleitungen.yml").write_text(
        "weiterleitungen:\n"
        "  - von: vorlagen/landkreis-wittmund/0042-2019/\n"
        "    nach: vorlagen/landkreis-wittmund/0121-2018/\n"
        "  - von: vorlagen/landkreis-wittmund/0041-2019/\n"
        "    nach: vorlagen/landkreis-wittmund/0043-2019/\n",
        encoding="utf-8",
    )
    result = bi(repository, "check")
    assert result.returncode == 1
    assert "data/weiterleitungen.yml:2:10: Fehler: Feld „weiterleitungen[1].von“: unter „vorlagen/landkreis-wittmund" \
           "/0042-2019/“ gibt es die Vorlage" in result.stderr
    assert "data/weiterleitungen.yml:5:11: Fehler: Feld „weiterleitungen[2].nach“: keine Vorlage unter der Adresse" \
           in result.stderr


# --- anlage -----------------------------------------------------------------------------------


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_attachment_is_copied_checked_and_entered(repository, tmp_path):
    paper = repository / WITTMUND / "0042-2019.yml"
    before = paper.read_text(encoding="utf-8")
    source = tmp_path / "Integrationskonzept Entwurf.pdf"
    source.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    result = bi(repository, "anlage", f"{WITTMUND}/0042-2019.yml", str(source), "--titel", "Anlage 2 – Entwurf")
    assert result.returncode == 0, result.stderr
    copied = repository / "data/anlagen/landkreis-wittmund/0042-2019-integrationskonzept-entwurf.pdf"
    assert copied.read_bytes() == source.read_bytes()
    entries = load_yaml_file(paper).data["anlagen"]
    assert entries[-1] == {"titel": "Anlage 2 – Entwurf", "datei": "landkreis-wittmund/0042-2019-integrationskonzept-entwurf.pdf"}
    after = paper.read_text(encoding="utf-8")
    assert after.startswith(before.split("anlagen:")[0]), "nothing before the list changes"
    assert len(after.splitlines()) == len(before.splitlines()) + 2

    office = tmp_path / "Stellenplan.docx"
    office.write_bytes(_docx())
    assert bi(repository, "anlage", f"{WITTMUND}/0042-2019.yml", str(office)).returncode == 0
    assert "Alles in Ordnung" in bi(repository, "check").stdout


@pytest.mark.parametrize(
    ("name", "content", "phrase"),
    [
        ("konzept.pdf", os.urandom(2048), "der Inhalt ist kein PDF, obwohl die Datei auf „.pdf“ endet"),
        ("tabelle.xlsx", b"PK\x03\x04" + os.urandom(200), "der Inhalt ist kein Excel-Tabelle"),
        ("foto.png", b"\xff\xd8\xff\xe0" + os.urandom(100), "der Inhalt ist kein PNG-Bild"),
        ("programm.exe", b"MZ" + os.urandom(100), "Dateityp „.exe“ wird nicht angenommen"),
        # Pages a browser would run with script on the site's origin: refused by name and by content.
        ("bericht.html", b"<html><script>alert(1)</script></html>", "Dateien mit der Endung „.html“ kann ein Browser"),
        ("plan.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
         "Dateien mit der Endung „.svg“ kann ein Browser als Webseite mit Skripten ausführen"),
        ("notiz.txt", b"<!doctype html><script>alert(1)</script>", "Der Inhalt der Datei ist HTML"),
    ],
)
def test_attachment_whose_content_does_not_match_is_refused(repository, tmp_path, name, content, phrase):
    paper = repository / WITTMUND / "0042-2019.yml"
    before = paper.read_bytes()
    source = tmp_path / name
    source.write_bytes(content)
    result = bi(repository, "anlage", f"{WITTMUND}/0042-2019.yml", str(source))
    assert result.returncode == 1
    assert phrase in result.stderr and "nichts geändert" in result.stderr
    assert paper.read_bytes() == before
    assert not (repository / "data/anlagen").exists()


# --- year folders -----------------------------------------------------------------------------


def test_new_paper_goes_into_its_year_folder_when_the_koerperschaft_asks(repository):
    body = repository / "data/koerperschaften/landkreis-wittmund.yml"
    body.write_text(body.read_text(encoding="utf-8").replace("gremien:\n", "ablage: jahresordner\ngremien:\n"), "utf-8")
    result = bi(repository, "neu", "--koerperschaft", "landkreis-wittmund", "--nummer", "0043/2019",
                "--betreff", "Sachstandsbericht", "--datum", "2019-09-02")
    assert result.returncode == 0, result.stderr
    created = repository / WITTMUND / "2019" / "0043-2019.yml"
    assert created.is_file()
    first_line = created.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../../../../schemas/vorlage.landkreis-wittmund.schema.json"
    assert (created.parent / first_line.split("=", 1)[1]).resolve().is_file()
    assert "Alles in Ordnung: 7 Vorlagen" in bi(repository, "check").stdout
    again = bi(repository, "neu", "--koerperschaft", "landkreis-wittmund", "--datei", "0042-2019", "--betreff", "X",
               "--datum", "2019-04-26")
    assert again.returncode == 1 and f"{WITTMUND}/0042-2019.yml gibt es schon" in again.stderr


def test_renamed_vorlage_old_address_leads_to_the_new_page(repository, tmp_path):
    from conftest import copy_project, run_build

    assert bi(repository, "umbenennen", f"{WITTMUND}/0121-2018.yml", "--nummer", "0122/2018").returncode == 0
    project = copy_project(tmp_path / "project", with_data=False)
    shutil.copytree(repository / "data", project / "data")
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stdout + build.stderr
    old = (tmp_path / "site/vorlagen/landkreis-wittmund/0121-2018/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../0122-2018/">' in old
    assert '<link rel="canonical" href="https://buergerinfo.test/vorlagen/landkreis-wittmund/0122-2018/">' in old
    new = (tmp_path / "site/vorlagen/landkreis-wittmund/0122-2018/index.html").read_text(encoding="utf-8")
    assert "0122/2018" in new
    assert "0121-2018" not in (tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")


def test_commands_leave_nicht_oeffentliche_vorlagen_outside_data_alone(repository, tmp_path):
    """A redirect or a copied Anlage in data/ would carry a confidential Vorlage into the public repository."""
    confidential = repository / "nicht-oeffentlich" / "vorlagen" / "landkreis-wittmund" / "0199-2019.yml"
    confidential.parent.mkdir(parents=True)
    shutil.copy2(repository / WITTMUND / "0042-2019.yml", confidential)
    before = {p: p.read_bytes() for p in repository.rglob("*") if p.is_file() and ".venv" not in p.parts}
    source = tmp_path / "geheim.pdf"
    source.write_bytes(b"%PDF-1.7\n%%EOF\n")
    for args in (("umbenennen", str(confidential), "--nummer", "0200/2019"), ("anlage", str(confidential), str(source))):
        result = bi(repository, *args)
        assert result.returncode == 1
        assert "liegt nicht in data/vorlagen/" in result.stderr and "von Hand" in result.stderr
    after = {p: p.read_bytes() for p in repository.rglob("*") if p.is_file() and ".venv" not in p.parts}
    assert after == before
