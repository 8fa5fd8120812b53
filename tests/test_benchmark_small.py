"""tools/benchmark.py on a small archive, so the benchmark cannot rot. Figures are checked for sanity only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
COUNT = 200

pytestmark = pytest.mark.slow

ROW_LABELS = (
    "Vorlage pages",
    "build wall time [s]",
    "build CPU user+sys [s]",
    "peak RSS, largest process [MB]",
    "peak RSS, all processes [MB]",
    "pages (HTML files)",
    "output size [MB]",
    "output per Vorlage [KB]",
    "Vorlage page HTML, median [KB]",
    "search payload, first query [KB]",
    "search payload, gzip est. [KB]",
    "site time / floor time",
    "preview: ready to serve [s]",
    "preview: edit → page shows it [s]",
    "open-data exports [s]",
    "  build waited for them [s]",
    "  share of build wall time [%]",
    "OParl import wall time [s]",
    "OParl import peak RSS [MB]",
)


@pytest.fixture(scope="module")
def benchmark(tmp_path_factory):
    """One run of the benchmark for both tests: its printed table and its figures."""
    out = tmp_path_factory.mktemp("benchmark")
    command = [sys.executable, str(REPO / "tools" / "benchmark.py"), "--count", str(COUNT)]
    command += ["--json", str(out / "b.json"), "--keep", str(out / "kept")]
    if not CHROMIUM.exists():
        command.append("--no-browser")
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"benchmark failed:\n{result.stdout}\n{result.stderr}"
    figures = {m["kind"]: m for m in json.loads((out / "b.json").read_text())}
    return result.stdout, figures, out / "kept" / f"n{COUNT}" / "site-project"


def test_benchmark_prints_the_table(benchmark):
    stdout, _, _ = benchmark
    header = next(line for line in stdout.splitlines() if line.startswith("metric"))
    assert f"N={COUNT} site" in header and f"N={COUNT} floor" in header
    for label in ROW_LABELS:
        assert any(line.startswith(label) for line in stdout.splitlines()), f"row missing: {label}\n{stdout}"


def test_benchmark_figures_are_sane(benchmark):
    _, figures, _ = benchmark
    assert set(figures) == {"site", "floor"}
    for kind, m in figures.items():
        assert m["count"] == COUNT
        assert m["returncode"] == 0
        for key in ("wall_s", "cpu_s", "rss_largest_mb", "rss_total_mb", "output_mb", "paper_html_kb"):
            assert m[key] > 0, (kind, key, m[key])
        assert m["rss_total_mb"] >= m["rss_largest_mb"] * 0.99
        assert m["output_files"] >= m["pages"]
    # Every Vorlage is a page of the floor; the site adds Sitzungen, Gremien, lists … but leaves out
    # the nicht öffentliche Vorlagen.
    assert figures["floor"]["papers"] == COUNT
    assert figures["floor"]["pages"] >= COUNT
    assert 0.9 * COUNT <= figures["site"]["papers"] <= COUNT
    assert figures["site"]["pages"] >= COUNT
    assert figures["site"]["generate_s"] > 0
    assert figures["floor"]["search_kind"] == "none"
    # The exports' own line in the build log: files written, beside the pages, and the build's wait for them.
    site = figures["site"]
    assert site["exports_files"] > COUNT and site["exports_s"] > 0 and site["exports_mode"] == "in parallel"
    assert 0 <= site["exports_waited_s"] <= site["wall_s"] and site["exports_share"] is not None
    assert "OParl" in site["exports_detail"] and figures["floor"]["exports_s"] is None
    # The site's OParl export imported back: every public Vorlage, with time and memory measured.
    assert figures["site"]["import_papers"] == figures["site"]["papers"]
    assert figures["site"]["import_wall_s"] > 0 and figures["site"]["import_rss_mb"] > 0
    assert figures["site"]["import_check_rss_mb"] > 0
    assert figures["floor"]["import_wall_s"] is None
    # The build again after one edited Vorlage (what a typo fix's push costs); the floor has none.
    assert figures["site"]["rebuild_s"] > 0 and figures["floor"]["rebuild_s"] is None


def test_benchmark_says_where_the_bytes_go(benchmark):
    """Bytes and files by kind: every file in exactly one kind, so the kinds add up to the output."""
    stdout, figures, _ = benchmark
    assert f"bytes by kind, N={COUNT} site" in stdout, stdout
    for kind, m in figures.items():
        by_kind = m["bytes_by_kind"]
        assert sum(v["bytes"] for v in by_kind.values()) / 1e6 == pytest.approx(m["output_mb"], abs=1e-6), kind
        assert sum(v["files"] for v in by_kind.values()) == m["output_files"], kind
        assert by_kind["vorlage_pages"]["files"] == m["papers"], kind
        assert m["output_kb_per_paper"] == pytest.approx(1e3 * m["output_mb"] / COUNT)
    site = figures["site"]["bytes_by_kind"]
    # Each kind the site writes is found where it lives, not left to "other".
    for key in ("sitzung_pages", "list_pages", "other_pages", "search_shards", "search_display", "oparl_paper",
                "oparl_meeting", "oparl_lists", "feeds_other", "calendars", "tables", "assets"):
        assert site[key]["files"] > 0, (key, site)
    assert site["oparl_paper"]["files"] == figures["site"]["papers"]
    assert site["other"]["files"] <= 3, site["other"]  # sitemap.xml, its .gz, 404.html


def test_benchmark_measures_the_search_payload(benchmark):
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but /usr/bin/chromium is missing: install Debian's chromium package")
        pytest.skip("search payload in a browser skipped: /usr/bin/chromium missing (apt-get install chromium)")
    _, figures, _ = benchmark
    site = figures["site"]
    assert site["search_kind"] == "suche-index (Chromium)"
    assert site["search_kb"] > 0 and site["search_gzip_kb"] > 0 and site["search_index_kb"] > 0
    assert site["search_requests"] >= 1
    fetched = site["search_files"]
    assert "/suche-index/manifest.json" in fetched, fetched
    assert any(name.startswith("/suche-index/i/") for name in fetched), fetched
    assert any(name.startswith("/suche-index/d/") for name in fetched), fetched
    assert " 0 results shown" not in site["search_note"], site["search_note"]


def test_benchmark_times_the_preview(benchmark):
    _, figures, _ = benchmark
    site = figures["site"]
    assert site["preview_ready_s"] > 0
    assert 0 < site["preview_edit_s"] <= site["preview_edit_max_s"] < 60
    assert figures["floor"]["preview_edit_s"] is None


def test_year_folders_keep_the_page_addresses(benchmark):
    """The synthetic city files its Vorlagen in year folders; their pages are where a flat folder puts them."""
    _, _, project = benchmark
    city = project / "data" / "vorlagen" / "stadt-lindenhagen"
    in_years = sorted(city.glob("*/*.yml"))
    assert in_years and not list(city.glob("*.yml")), "the synthetic city uses year folders only"
    assert {path.parent.name for path in in_years} >= {"2024", "2025"}
    for path in in_years:
        data = path.read_text(encoding="utf-8")
        if "oeffentlich: false" in data:
            continue
        assert (project / "site" / "vorlagen" / "stadt-lindenhagen" / path.stem / "index.html").is_file(), path
    assert not (project / "site" / "vorlagen" / "stadt-lindenhagen" / "2025").exists()
