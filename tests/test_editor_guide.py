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
    assert 'href="mitmachen/"' in page(site, "")
    assert 'href="../../../mitmachen/"' in page(site, "vorlagen/landkreis-boerde/2018-33-0590/")


def test_guide_shows_the_real_sample_file(site):
    document = page(site, "mitmachen/")
    real = (REPO / EXAMPLE).read_text(encoding="utf-8").splitlines()
    excerpt = next(block for block in _code_blocks(document) if block.startswith("# yaml-language-server"))
    shown = [line for line in excerpt.splitlines() if line != "…"]
    assert len(shown) >= 30 and shown == real[: len(shown)]
    for section in ("Eine neue Vorlage anlegen", "Ein Ergebnis nach der Sitzung eintragen", "Eine Anlage hinzufügen",
                    "Prüfen und Fehlermeldungen lesen", "Was nach dem Push passiert"):
        assert section in document


def test_guide_commands_name_real_keys(site):
    blocks = _code_blocks(page(site, "mitmachen/"))
    record = next(b for b in blocks if b.startswith("buergerinfo ergebnis"))
    assert f"buergerinfo ergebnis {EXAMPLE} --gremium kreistag" in record and "--datum 2019-06-27" in record
    assert any(b.startswith("buergerinfo neu --koerperschaft landkreis-wittmund") for b in blocks)


def test_guide_error_example_is_what_the_check_really_prints(site, tmp_path):
    shown = next(b for b in _code_blocks(page(site, "mitmachen/")) if "unbekanntes Gremium" in b).strip()
    project = copy_project(tmp_path / "project")
    example = project / EXAMPLE
    example.write_text(example.read_text(encoding="utf-8").replace("- gremium: kreistag", "- gremium: kreistg"), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "buergerinfo", "--root", str(project), "check"], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert shown in result.stderr.splitlines(), result.stderr
