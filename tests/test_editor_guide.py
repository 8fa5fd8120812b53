"""The editor guide on the site uses a real file of the archive, and its example error is the real one."""

from __future__ import annotations

import html
import re
import subprocess
import sys

from conftest import REPO, copy_project, page

EXAMPLE = "data/vorlagen/landkreis-wittmund/0042-2019.yml"


def _code_blocks(document: str) -> list[str]:
    return [html.unescape(block) for block in re.findall(r"<pre[^>]*><code>(.*?)</code></pre>", document, re.S)]


def test_guide_is_linked_from_every_page(site):
    assert 'href="redaktion/"' in page(site, "")
    assert 'href="../../../redaktion/"' in page(site, "vorlagen/landkreis-boerde/2018-33-0590/")
    assert "Für die Redaktion" in page(site, "")


def test_old_guide_address_redirects(site):
    old = page(site, "mitmachen/")
    assert '<meta http-equiv="refresh" content="0; url=../redaktion/">' in old
    assert '<link rel="canonical" href="https://buergerinfo.test/redaktion/">' in old
    assert '<a href="../redaktion/">zur neuen Adresse</a>' in old and 'lang="de"' in old
    assert "mitmachen" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_guide_starts_with_setup_and_says_what_the_preview_shows(site):
    document = page(site, "redaktion/")
    text = re.sub(r"<[^>]+>", " ", document)
    setup = text.index("Einmal einrichten")
    assert setup < text.index("Eine neue Vorlage anlegen")
    for command in ("git clone https://github.com/buergerinfo/buergerinfo.git", "make install", "make serve"):
        assert text.index(command) > setup, command
    for promise in ("Speichern genügt", "Fehler stehen im Browser", "Die Suche hinkt etwas hinterher"):
        assert promise in text
    assert "1.000" in text and "ablage: jahresordner" in text


def test_every_field_of_a_vorlage_and_a_beratung_has_a_meaning(site):
    from buergerinfo.model import Consultation, Paper, VoteCount

    document = html.unescape(page(site, "redaktion/"))
    tables = re.findall(r"<table class=\"bi-table\">\s*<caption>(.*?)</caption>(.*?)</table>", document, re.S)
    rows = {caption: re.findall(r"<tr><td><code>(.*?)</code></td><td>(.*?)</td><td>(.*?)</td></tr>", body)
            for caption, body in tables}
    by_title = {re.sub(r"<[^>]+>", "", caption).split(" – ")[0]: table for caption, table in rows.items()}
    for title, model in (("Vorlage", Paper), ("Beratung", Consultation), ("Abstimmung", VoteCount)):
        shown = {name: meaning for name, _, meaning in by_title[title]}
        expected = {info.alias or name for name, info in model.model_fields.items()} - {"$schema"}
        assert set(shown) == expected, title
        assert all(meaning.strip() for meaning in shown.values()), [n for n, m in shown.items() if not m.strip()]
    assert "Felder unter beratungsfolge → abstimmung" in re.sub(r"<[^>]+>", "", document)
    assert len(tables) >= 8  # Vorlage, Einreicher, Unterzeichnung, Beratung, Abstimmung, Finanzen, Personal, Anlage


def test_guide_shows_the_real_sample_file(site):
    document = page(site, "redaktion/")
    real = (REPO / EXAMPLE).read_text(encoding="utf-8").splitlines()
    excerpt = next(block for block in _code_blocks(document) if block.startswith("# yaml-language-server"))
    shown = [line for line in excerpt.splitlines() if line != "…"]
    assert len(shown) >= 30 and shown == real[: len(shown)]
    for section in ("Eine neue Vorlage anlegen", "Ein Ergebnis nach der Sitzung eintragen", "Eine Anlage hinzufügen",
                    "Prüfen und Fehlermeldungen lesen", "Was nach dem Push passiert"):
        assert section in document


def test_guide_commands_name_real_keys(site):
    blocks = _code_blocks(page(site, "redaktion/"))
    record = next(b for b in blocks if b.startswith("./bi ergebnis"))
    assert f"./bi ergebnis {EXAMPLE} --gremium kreistag" in record and "--datum 2019-06-27" in record
    assert any(b.startswith("./bi neu --koerperschaft landkreis-wittmund") for b in blocks)


def test_guide_error_example_is_what_the_check_really_prints(site, tmp_path):
    shown = next(b for b in _code_blocks(page(site, "redaktion/")) if "unbekanntes Gremium" in b).strip()
    project = copy_project(tmp_path / "project")
    example = project / EXAMPLE
    example.write_text(example.read_text(encoding="utf-8").replace("- gremium: kreistag", "- gremium: kreistg"), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "buergerinfo", "--root", str(project), "check"], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert shown in result.stderr.splitlines(), result.stderr
