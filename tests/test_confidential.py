"""Confidential records live apart from a public repository, end to end (buergerinfo/checking/confidential.py).

A Körperschaft that publishes from a public repository keeps its nicht öffentliche Vorlagen
in a private one, checked out beside data/. The check and the real build read it: a public
Vorlage may refer to such a Vorlage, and nothing of it reaches any output file. The check
refuses confidential content in the public tree, and the file links on the pages never
lead into the private folder (and are off for a wholly private repository).
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project, page, run_build

import document_samples as samples

from buergerinfo.reading.settings import SettingsInvalid, read_settings

PUBLIC = "data/vorlagen/landkreis-wittmund/0042-2019.yml"
SECRET_NUMBER = "0913/2019"
SECRET_WORDS = ("Zauberwaldweg", "Mondscheinacker", "Pfefferminzbetrag", "Quastenflosser", "Kaufvertragsentwurf",
                "Lindwurmklausel", "Walrossgesang")
# Only inside a PDF Anlage of the nicht öffentliche Vorlage: its text must never be read into anything.
SECRET_PDF_WORDS = ("Drachenschuppenvertrag", "Nebelkrähenpreis")
SECRET_PAPER = f"""\
# yaml-language-server: $schema=../../../schemas/vorlage.schema.json
nummer: {SECRET_NUMBER}
betreff: Grundstücksankauf Zauberwaldweg
art: Beschlussvorlage
koerperschaft: landkreis-wittmund
datum: 2019-05-02
oeffentlich: false
bearbeiter: Quastenflosser, Heimlich
beratungsfolge:
  - gremium: kreisausschuss
    datum: 2019-05-23
    oeffentlich: false
    ergebnis: abgelehnt
    ergebnis_wortlaut: mehrheitlich abgelehnt (Walrossgesang)
    ergebnis_abgeleitet: true
    abstimmung:
      ja: 3
      nein: 8
beschlussvorschlag: Der Kreisausschuss kauft das Flurstück Mondscheinacker.
sachverhalt: Vertraulicher Kaufpreis Pfefferminzbetrag.
anlagen:
  - titel: Kaufvertragsentwurf
    datei: landkreis-wittmund/kaufvertrag.txt
bezuege:
  - 0042/2019
"""
DECLARED = "    # nicht_oeffentlich: !ENV [BUERGERINFO_NICHT_OEFFENTLICH, nicht-oeffentlich]\n"


def _declare_confidential_folder(project: Path) -> None:
    """Switch the setting on as a county would: uncomment the line in mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert DECLARED in text, "mkdocs.yml should show the setting, commented out"
    config.write_text(text.replace(DECLARED, DECLARED.replace("# ", "", 1)), encoding="utf-8")


def _write_secret(folder: Path) -> None:
    paper = folder / "vorlagen" / "landkreis-wittmund" / "0913-2019.yml"
    paper.parent.mkdir(parents=True)
    listed = "    datei: landkreis-wittmund/kaufvertrag.txt\n"
    pdf = "  - titel: Wertgutachten\n    datei: landkreis-wittmund/wertgutachten.pdf\n"
    paper.write_text(SECRET_PAPER.replace(listed, listed + pdf), encoding="utf-8")
    attachment = folder / "anlagen" / "landkreis-wittmund" / "kaufvertrag.txt"
    attachment.parent.mkdir(parents=True)
    attachment.write_text("Lindwurmklausel: Kaufpreis bleibt geheim.\n", encoding="utf-8")
    samples.born_digital_pdf(attachment.parent / "wertgutachten.pdf",
                             [["Wertgutachten"], [f"{SECRET_PDF_WORDS[0]} zum {SECRET_PDF_WORDS[1]}"]])


def _refer_to_secret(project: Path) -> None:
    public = project / PUBLIC
    text = public.read_text(encoding="utf-8")
    public.write_text(text.replace("bezuege:\n  - 0121/2018\n", f"bezuege:\n  - 0121/2018\n  - {SECRET_NUMBER}\n"), "utf-8")


def _check(project: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "buergerinfo", "--root", str(project), "check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
    )


def _all_output(site: Path) -> str:
    texts = []
    for path in site.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            texts.append((gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8", "ignore"))
            texts.append(path.relative_to(site).as_posix())
    return "\n".join(texts)


@pytest.fixture(scope="module")
def separate(tmp_path_factory):
    """The arrangement as documented: a private folder outside the project, named by BUERGERINFO_NICHT_OEFFENTLICH."""
    base = tmp_path_factory.mktemp("confidential")
    project = copy_project(base / "project")
    _declare_confidential_folder(project)
    _refer_to_secret(project)
    private = base / "privates-repository"
    _write_secret(private)
    env = {"BUERGERINFO_NICHT_OEFFENTLICH": str(private), "BUERGERINFO_ANLAGEN_CACHE": str(base / "anlagen-cache")}
    site = base / "site"
    build = run_build(project, site, extra_env=env)
    return project, private, env, site, build


def test_a_public_vorlage_refers_to_a_confidential_one_and_both_are_checked(separate):
    project, _, env, _, build = separate
    check = _check(project, env)
    assert check.returncode == 0, check.stderr
    assert "7 Vorlagen" in check.stdout, "the six public Vorlagen and the nicht öffentliche one"
    assert build.returncode == 0, build.stdout + build.stderr
    assert "unbekannte Vorlage" not in check.stderr + build.stdout + build.stderr


def test_nothing_of_the_confidential_vorlage_reaches_any_output_file(separate):
    _, _, _, site, _ = separate
    output = _all_output(site)
    assert "Beschluss des Integrationskonzepts" in output, "the public Vorlage is published"
    for secret in (*SECRET_WORDS, *SECRET_PDF_WORDS, SECRET_NUMBER, "0913-2019", "kaufvertrag", "wertgutachten"):
        assert secret not in output, f"{secret!r} of the nicht öffentliche Vorlage reached the site"
    import Stemmer

    from buergerinfo.search.index import decode_shard

    stem = Stemmer.Stemmer("german").stemWord
    terms = set()
    for shard in (site / "suche-index" / "i").glob("*.bin"):
        terms |= set(decode_shard(shard.read_bytes()))
    assert stem("integrationskonzepts") in terms
    assert not {stem(word.lower()) for word in (*SECRET_WORDS, *SECRET_PDF_WORDS)} & terms


def test_the_anlagen_of_a_confidential_vorlage_are_never_read(separate):
    """Not published, and not even read: the text cache of the build holds nothing of them."""
    _, private, env, _, _ = separate
    from buergerinfo.documents import content_digest

    secret = content_digest(private / "anlagen" / "landkreis-wittmund" / "wertgutachten.pdf")
    cache = Path(env["BUERGERINFO_ANLAGEN_CACHE"])
    assert not list(cache.glob(f"??/{secret}*")), "the confidential PDF was read"
    cached = "".join(path.read_text(encoding="utf-8") for path in cache.glob("??/*.json"))
    for word in SECRET_PDF_WORDS:
        assert word not in cached


def test_file_links_never_lead_into_the_private_folder(separate):
    project, private, _, site, _ = separate
    document = page(site, "vorlagen/landkreis-wittmund/0042-2019/")
    assert f"/blob/main/{PUBLIC}" in document and "Änderungsverlauf" in document, "a public repository is linked"
    for path in site.rglob("*.html"):
        links = re.findall(r'href="([^"]*)"', path.read_text(encoding="utf-8"))
        wrong = [link for link in links if private.name in link or "nicht-oeffentlich/" in link]
        assert not wrong, f"{path.relative_to(site)} links into the private folder: {wrong}"


def test_the_check_refuses_the_same_vorlage_in_the_public_tree(separate, tmp_path):
    project, _, env, _, _ = separate
    leaked = project / "data/vorlagen/landkreis-wittmund/0998-2019.yml"
    leaked.write_text(SECRET_PAPER.replace(SECRET_NUMBER, "0998/2019"), encoding="utf-8")
    try:
        check = _check(project, env)
        build = run_build(project, tmp_path / "site", extra_env=env)
    finally:
        leaked.unlink()
    line = next(line for line in check.stderr.splitlines() if line.startswith("data/vorlagen/landkreis-wittmund/0998"))
    assert line.startswith("data/vorlagen/landkreis-wittmund/0998-2019.yml:7:1: Fehler: Feld „oeffentlich“: "), line
    assert "nicht im öffentlichen Repository" in line and "vorlagen/landkreis-wittmund/" in line
    assert check.returncode == 1 and build.returncode == 1 and line in build.stdout + build.stderr
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").iterdir())


# A nicht öffentliche Beratung of a public Vorlage, as an import from a council system would write it.
CLOSED_WITH_WORDING = """\
  - gremium: kreisausschuss
    datum: 2019-07-04
    oeffentlich: false
    ergebnis: beschlossen
    ergebnis_wortlaut: einstimmig Walrossgesang
    ergebnis_abgeleitet: true
"""


def test_the_check_refuses_the_sources_result_words_of_a_nicht_oeffentliche_beratung_in_the_public_tree(tmp_path):
    project = copy_project(tmp_path / "project")
    public = project / PUBLIC
    text = public.read_text(encoding="utf-8")
    public.write_text(text.replace("    rolle: Entscheidung\nsachverhalt:", "    rolle: Entscheidung\n"
                                   + CLOSED_WITH_WORDING + "sachverhalt:"), encoding="utf-8")
    check = _check(project)
    assert check.returncode == 1
    lines = [line for line in check.stderr.splitlines() if line.startswith(PUBLIC)]
    assert any(":35:5: Fehler: Feld „beratungsfolge[4].ergebnis_wortlaut“: Einzelheiten einer nicht öffentlichen "
               "Beratung gehören nicht in das öffentliche Repository" in line for line in lines), lines
    assert any("Feld „beratungsfolge[4].ergebnis_abgeleitet“: Einzelheiten einer nicht öffentlichen" in line
               for line in lines), lines


def test_an_editor_without_the_private_folder_gets_warnings_not_errors(separate):
    """Declared in mkdocs.yml but not checked out (no access): references to unknown numbers are warnings."""
    project, _, _, _, _ = separate
    check = _check(project, {"BUERGERINFO_NICHT_OEFFENTLICH": str(project / "fehlt")})
    assert check.returncode == 0, check.stderr
    assert "Warnung: der Ordner mit den nicht öffentlichen Vorlagen" in check.stderr
    assert f"Warnung: Feld „bezuege[2]“: unbekannte Vorlage „{SECRET_NUMBER}“" in check.stderr


def test_without_the_setting_an_unknown_reference_stays_an_error(tmp_path):
    project = copy_project(tmp_path / "project")
    _refer_to_secret(project)
    check = _check(project)
    assert check.returncode == 1
    assert f"Fehler: Feld „bezuege[2]“: unbekannte Vorlage „{SECRET_NUMBER}“" in check.stderr


def test_the_default_folder_beside_data_is_read_without_any_setting(tmp_path):
    project = copy_project(tmp_path / "project")
    _refer_to_secret(project)
    _write_secret(project / "nicht-oeffentlich")
    check = _check(project)
    assert check.returncode == 0, check.stderr


def test_a_wholly_private_repository_keeps_confidential_records_in_data_without_file_links(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("repository_oeffentlich: true", "repository_oeffentlich: false"),
        encoding="utf-8",
    )
    (project / "data/vorlagen/landkreis-wittmund/0913-2019.yml").write_text(
        SECRET_PAPER.replace("anlagen:\n  - titel: Kaufvertragsentwurf\n    datei: landkreis-wittmund/kaufvertrag.txt\n", ""),
        encoding="utf-8",
    )
    assert _check(project).returncode == 0
    site = tmp_path / "site"
    build = run_build(project, site)
    assert build.returncode == 0, build.stdout + build.stderr
    output = _all_output(site)
    for secret in (*SECRET_WORDS[:4], SECRET_NUMBER):
        assert secret not in output
    for url in ("vorlagen/landkreis-wittmund/0042-2019/", "dossiers/integrationskonzept-wittmund/"):
        document = page(site, url)
        assert "Diese Seite entsteht aus der Datei" in document
        assert "Datei ansehen" not in document and "Änderungsverlauf" not in document and "/blob/" not in document
    assert "als <strong>privat</strong> eingetragen" in page(site, "redaktion/")


def test_the_guide_explains_the_arrangement_with_the_real_message(site, tmp_path):
    guide = page(site, "redaktion/")
    assert 'id="nicht-oeffentlich"' in guide and "nicht-oeffentlich/" in guide
    assert "als <strong>öffentlich</strong> eingetragen" in guide
    shown = re.search(r"<pre><code>(data/vorlagen/landkreis-wittmund/0815-2019\.yml:[^<]*?) …</code></pre>", guide)
    assert shown, "the guide shows what the check prints for a nicht öffentliche Vorlage in data/"
    project = copy_project(tmp_path / "project")
    # The guide's example is a Vorlage 0815/2019 of Wittmund written like every data file.
    (project / "data/vorlagen/landkreis-wittmund/0815-2019.yml").write_text(
        SECRET_PAPER.replace(SECRET_NUMBER, "0815/2019").replace(
            "anlagen:\n  - titel: Kaufvertragsentwurf\n    datei: landkreis-wittmund/kaufvertrag.txt\n", ""
        ),
        encoding="utf-8",
    )
    check = _check(project)
    assert any(line.startswith(shown.group(1)) for line in check.stderr.splitlines()), (shown.group(1), check.stderr)


def test_a_vorlage_in_the_private_folder_must_be_marked_nicht_oeffentlich(tmp_path):
    project = copy_project(tmp_path / "project")
    _write_secret(project / "nicht-oeffentlich")
    secret = project / "nicht-oeffentlich/vorlagen/landkreis-wittmund/0913-2019.yml"
    secret.write_text(secret.read_text(encoding="utf-8").replace("oeffentlich: false\nbearbeiter", "bearbeiter"), "utf-8")
    check = _check(project)
    assert check.returncode == 1
    assert (
        "nicht-oeffentlich/vorlagen/landkreis-wittmund/0913-2019.yml:2:1: Fehler: im Ordner für nicht öffentliche "
        "Vorlagen steht nur, was nicht veröffentlicht wird" in check.stderr
    )


# --- the settings, read the same way by check and build ----------------------------------------------


def _settings_from(tmp_path: Path, extra: str) -> object:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  buergerinfo:\n" + extra,
        encoding="utf-8",
    )
    return read_settings(tmp_path)


def test_settings_read_env_tags_as_mkdocs_does_and_never_run_other_tags(tmp_path, monkeypatch):
    monkeypatch.setenv("BI_TEST_PUBLIC", "false")
    monkeypatch.delenv("BI_TEST_UNSET", raising=False)
    settings = _settings_from(
        tmp_path,
        "    repository_oeffentlich: !ENV [BI_TEST_PUBLIC, true]\n"
        "    nicht_oeffentlich: !ENV [BI_TEST_UNSET, ../geheim]\n",
    )
    assert settings.repository_public is False and settings.source_links is False
    assert settings.confidential_dir == (tmp_path.parent / "geheim").resolve() and settings.confidential_declared
    assert read_settings(tmp_path / "data").repository_public is True, "no mkdocs.yml: the defaults"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    repository_oeffentlich: ja\n", "„extra.buergerinfo.repository_oeffentlich“: true oder false erwartet"),
        ("    nicht_oeffentlich: data/geheim\n", "liegt in data/ und damit im öffentlichen Repository"),
        ("    nicht_oeffentlich: [a]\n", "Pfad eines Ordners erwartet"),
    ],
)
def test_a_setting_that_cannot_work_is_refused_in_german(tmp_path, extra, message):
    with pytest.raises(SettingsInvalid, match=re.escape(message)):
        _settings_from(tmp_path, extra)
