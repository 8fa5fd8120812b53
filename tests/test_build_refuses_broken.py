"""The real `mkdocs build --strict` refuses broken data before it writes anything.

For every error case of the broken-file corpus (tests/broken/), the build must fail,
print the very line `buergerinfo check` prints for the same mistake, show no
traceback, and leave the site folder absent or empty: a half-built site must
never be deployed.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import copy_project, run_build
from test_check_command import BROKEN, CASES, expected_start, problem_lines, run_check

# Every case that is an error; a failing build stops before MkDocs renders anything, so this stays quick.
BUILD_CASES = sorted(name for name, case in CASES.items() if case.get("severity", "Fehler") == "Fehler")


@pytest.mark.parametrize("name", BUILD_CASES)
def test_build_stops_with_the_check_message_and_writes_nothing(tmp_path, name):
    case = CASES[name]
    project = copy_project(tmp_path / "project")
    shutil.copytree(BROKEN / name, project, dirs_exist_ok=True)
    site_dir = tmp_path / "site"

    build = run_build(project, site_dir)
    check = run_check(project)

    output = build.stdout + build.stderr
    assert build.returncode != 0, output
    assert "Traceback" not in output
    [line] = problem_lines(check.stderr)
    assert line.startswith(expected_start(case)) and case["phrase"] in line
    assert line in output.splitlines(), f"the build does not print the check's line\n  {line}\n{output}"
    assert "es wurde nichts veröffentlicht" in output
    assert not site_dir.exists() or not any(site_dir.iterdir()), sorted(site_dir.rglob("*"))[:10]


def test_build_with_only_a_warning_succeeds(tmp_path):
    """A decision dated before its Vorberatung is a warning: the site is still built."""
    name = "entscheidung-vor-vorberatung"
    project = copy_project(tmp_path / "project")
    shutil.copytree(BROKEN / name, project, dirs_exist_ok=True)
    site_dir = tmp_path / "site"
    build = run_build(project, site_dir)
    assert build.returncode == 0, build.stdout + build.stderr
    assert expected_start(CASES[name]) in build.stdout + build.stderr
    assert (site_dir / "vorlagen" / "landkreis-wittmund" / "0134-2019" / "index.html").is_file()


ENGLISH = ("INFO", "WARNING", "Aborted", "Building documentation", "Documentation built", "Zensical", "Traceback",
           "end of life")


def _site_build(project, site_dir):
    import os
    import subprocess
    import sys

    env = {**os.environ, "BUERGERINFO_TODAY": "2026-11-21", "SITE_URL": "https://buergerinfo.test/"}
    env.pop("NO_MKDOCS_2_WARNING", None)  # the wrapper must keep the theme's English banner away by itself
    return subprocess.run([sys.executable, str(project / "hooks" / "site_build.py"), "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def test_make_site_speaks_german_when_it_stops(tmp_path):
    """`make site` runs hooks/site_build.py: MkDocs' build, with German lines only."""
    name = "gremium-unbekannt"
    project = copy_project(tmp_path / "project")
    shutil.copytree(BROKEN / name, project, dirs_exist_ok=True)
    result = _site_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert expected_start(CASES[name]) in output and CASES[name]["phrase"] in output
    assert "Abgebrochen: die Website wurde nicht gebaut, es wurde nichts veröffentlicht." in output
    assert [line for line in output.splitlines() if any(word in line for word in ENGLISH)] == []


def test_make_site_speaks_german_when_it_succeeds(tmp_path, site):
    project = copy_project(tmp_path / "project")
    result = _site_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert result.stdout.startswith("Baue die Website nach ") and "Fertig: " in result.stdout
    assert [line for line in output.splitlines() if any(word in line for word in ENGLISH)] == []
    # The same build as `mkdocs build --strict`: the same pages.
    built = sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.html"))
    assert built == sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    page = "vorlagen/landkreis-boerde/2018-33-0590/index.html"
    assert (tmp_path / "site" / page).read_text(encoding="utf-8") == (site / page).read_text(encoding="utf-8")
