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
    from buergerinfo.model.paper import Consultation, Paper, VoteCount

    document = page(site, "redaktion/")
    sections = re.findall(r"(?:<h3 id=\"felder-\d+\">(.*?)</h3>\s*)?<table class=\"bi-table bi-felder\"[^>]*>(.*?)</table>",
                          document, re.S)
    tables = {}
    for heading, body in sections:
        title = html.unescape(re.sub(r"<[^>]+>", "", heading)).split(":")[0] if heading else "Vorlage"
        rows = re.findall(r"<tr><td><code>(.*?)</code>(.*?)</td><td>(.*?)</td></tr>", body, re.S)
        tables[title] = {name.replace("<wbr>", ""): (bool(mark), re.sub(r"<[^>]+>", "", meaning).strip()) for name, mark, meaning in rows}
    for title, model in (("Vorlage", Paper), ("Beratung", Consultation), ("Abstimmung", VoteCount)):
        shown = tables[title]
        fields = {info.alias or name: info for name, info in model.model_fields.items() if (info.alias or name) != "$schema"}
        assert set(shown) == set(fields), title
        assert [n for n, (_, meaning) in shown.items() if not meaning] == [], title
        assert {n for n, (required, _) in shown.items() if required} == {n for n, i in fields.items() if i.is_required()}
    assert "Felder unter beratungsfolge → abstimmung" in html.unescape(re.sub(r"<[^>]+>", "", document))
    assert "<code>2018/33/0590</code>" in document, "Markdown in the descriptions is rendered"
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
