"""`buergerinfo check` on the broken-file corpus in tests/broken/.

Each case is one mistake an editor makes. The test lays the case's files over a
copy of the sample data and runs the real command, as an editor or CI would:
the mistake must be reported once, at the right file, line, column and field,
in German, with the right exit code, and never with a Python traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
BROKEN = REPO / "tests" / "broken"
CASES: dict[str, dict] = yaml.safe_load((BROKEN / "cases.yml").read_text(encoding="utf-8"))
PROBLEM_LINE = re.compile(r"^(?P<file>data/.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>Fehler|Warnung): ")


def repository_with(tmp_path: Path, *case_names: str) -> Path:
    """A repository with the sample data and the files of the given cases laid over it."""
    root = tmp_path / "repository"
    shutil.copytree(REPO / "data", root / "data")
    for name in case_names:
        shutil.copytree(BROKEN / name, root, dirs_exist_ok=True)
    return root


def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "buergerinfo", "--root", str(root), "check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def expected_start(case: dict) -> str:
    """`file:line:column: Fehler: Feld „field“: ` exactly as the command prints it."""
    subject = f"Feld „{case['field']}“: " if case["field"] else ""
    return f"{case['file']}:{case['line']}:{case['column']}: {case.get('severity', 'Fehler')}: {subject}"


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if PROBLEM_LINE.match(line)]


def test_corpus_is_complete():
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert folders == set(CASES), "every folder in tests/broken/ needs an entry in cases.yml and vice versa"
    assert len(CASES) >= 25
    for name, case in CASES.items():
        assert (BROKEN / name / case["file"]).is_file(), f"{name}: {case['file']} is not in the case's folder"
        assert case.get("severity", "Fehler") in {"Fehler", "Warnung"}


def test_sample_data_passes(tmp_path):
    result = run_check(repository_with(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Alles in Ordnung" in result.stdout
    assert problem_lines(result.stderr) == []
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_case_is_reported_once_where_it_stands(tmp_path, name):
    case = CASES[name]
    result = run_check(repository_with(tmp_path, name))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    severity = case.get("severity", "Fehler")
    assert result.returncode == (1 if severity == "Fehler" else 0), output

    reported = problem_lines(result.stderr)
    start = expected_start(case)
    assert any(line.startswith(start) for line in reported), f"expected a line starting with\n  {start}\ngot\n{output}"
    line = next(line for line in reported if line.startswith(start))
    assert case["phrase"] in line, f"expected „{case['phrase']}“ in\n  {line}"
    if not case["field"]:
        assert not line.removeprefix(start).startswith("Feld „"), line
    # One mistake, one message: no follow-on errors in the files that refer to the broken one.
    assert reported == [line], "more than the one expected problem:\n" + "\n".join(reported)
    if severity == "Fehler":
        assert result.stderr.rstrip().endswith("1 Fehler in den Daten – es wurde nichts veröffentlicht. "
                                               "Bitte die genannten Stellen korrigieren.")
    else:
        assert "Alles in Ordnung" in result.stdout and "(1 Warnung)" in result.stdout


def test_every_problem_in_one_run(tmp_path):
    """All cases at once (one per file path): every one of them is reported in a single run."""
    chosen: dict[str, str] = {}
    for name, case in sorted(CASES.items()):
        chosen.setdefault(case["file"], name)
    result = run_check(repository_with(tmp_path, *chosen.values()))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    reported = problem_lines(result.stderr)
    for name in chosen.values():
        start = expected_start(CASES[name])
        assert any(line.startswith(start) for line in reported), f"{name}: no line starting with {start}"
    errors = sum(1 for name in chosen.values() if CASES[name].get("severity", "Fehler") == "Fehler")
    assert len(reported) == len(chosen), "\n".join(reported)
    assert f"{errors} Fehler in den Daten" in result.stderr


def test_one_run_reports_a_field_typo_and_a_gremium_typo_in_the_same_file(tmp_path):
    """A file that fails its own schema is still checked against its Körperschaft, so nothing waits for a second run."""
    project = repository_with(tmp_path)
    paper = project / "data/vorlagen/landkreis-wittmund/0042-2019.yml"
    text = paper.read_text(encoding="utf-8")
    paper.write_text(
        text.replace("betreff: ", "betref: ", 1).replace("  - gremium: kreistag\n", "  - gremium: kreistg\n"), "utf-8"
    )
    result = run_check(project)
    lines = problem_lines(result.stderr)
    assert result.returncode == 1
    assert any("Feld „betref“: unbekanntes Feld „betref“ – meinten Sie „betreff“?" in line for line in lines), lines
    assert any(
        "Feld „beratungsfolge[3].gremium“: unbekanntes Gremium „kreistg“ – meinten Sie „kreistag“?" in line
        for line in lines
    ), lines
    assert len(lines) == 2, lines
