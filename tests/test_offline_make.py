"""`make` installs once; after that `make check` needs no network and prints only German.

A copy of the project gets its own .venv from `make install` (the one slow step, about
half a minute), then the package index is made unreachable (a closed local port, no
configuration files, no local wheel folders) and `make check` must still succeed. With
requirements.txt changed, make tries to install again and fails offline, in German.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PARTS = ("Makefile", "pyproject.toml", "requirements.txt", "requirements-dev.txt", "README.md", "bi",
         "buergerinfo", "data", "schemas", "hooks", "overrides", "docs", "mkdocs.yml")
UNREACHABLE = "http://127.0.0.1:9/"

pytestmark = pytest.mark.slow


def _english_lines(output: str) -> list[str]:
    words = ("Error", "error:", "Nothing to be done", "INFO", "WARNING", "not found", "Traceback", "make: ***")
    return [line for line in output.splitlines() if any(word in line for word in words)]


def _as_in_a_terminal() -> None:
    """Strg+C as in an editor's terminal: a test run started in the background (nohup, `cmd &` in a script)
    ignores SIGINT, every child inherits that, and make would then ignore the SIGINT it stops itself with."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _offline_env() -> dict[str, str]:
    # An editor's shell: no pip settings, and not inside another make (CI runs the tests through `make test`,
    # whose MAKELEVEL/MAKEFLAGS would make this make a sub-make).
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "MAKE", "MFLAGS"))}
    env.update({"PIP_INDEX_URL": UNREACHABLE, "PIP_CONFIG_FILE": os.devnull, "PIP_DEFAULT_TIMEOUT": "3"})
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("offline") / "buergerinfo"
    project.mkdir()
    for part in PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, project / part)
    python = getattr(sys, "_base_executable", None) or shutil.which("python3")
    result = subprocess.run(["make", "install", f"PYTHON={python}"], cwd=project, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr + (project / ".venv/installation.log").read_text()
    return project


def test_check_needs_no_network_once_installed(installed):
    stamp = installed / ".venv" / ".installiert"
    before = stamp.stat().st_mtime_ns
    result = subprocess.run(["make", "check"], cwd=installed, env=_offline_env(),
                            preexec_fn=_as_in_a_terminal, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines() == ["Alles in Ordnung: 6 Vorlagen, 3 Körperschaften, 3 Dossiers geprüft."]
    assert result.stderr == ""
    assert stamp.stat().st_mtime_ns == before, "nothing was installed again"
    # The wrapper the guide names works the same way.
    wrapper = subprocess.run(["./bi", "check"], cwd=installed, env=_offline_env(),
                            preexec_fn=_as_in_a_terminal, capture_output=True, text=True,
                             timeout=300)
    assert wrapper.returncode == 0 and "Alles in Ordnung" in wrapper.stdout


def test_failing_check_through_make_says_only_german(installed):
    paper = installed / "data/vorlagen/landkreis-wittmund/0042-2019.yml"
    good = paper.read_text(encoding="utf-8")
    paper.write_text(good.replace("- gremium: kreistag", "- gremium: kreistg"), encoding="utf-8")
    try:
        result = subprocess.run(["make", "check"], cwd=installed, env=_offline_env(),
                            preexec_fn=_as_in_a_terminal, capture_output=True, text=True,
                                timeout=300)
    finally:
        paper.write_text(good, encoding="utf-8")
    assert result.returncode != 0
    assert "unbekanntes Gremium „kreistg“ – meinten Sie „kreistag“?" in result.stderr
    assert _english_lines(result.stdout + result.stderr) == []


def test_changed_requirements_install_again_offline_when_nothing_new_is_needed(installed):
    requirements = installed / "requirements.txt"
    original = requirements.read_text(encoding="utf-8")
    stamp = installed / ".venv" / ".installiert"
    try:
        # A comment only: everything asked for is installed, so even the new install needs no network.
        requirements.write_text(original + "# changed\n", encoding="utf-8")
        again = subprocess.run(["make", "check"], cwd=installed, env=_offline_env(),
                            preexec_fn=_as_in_a_terminal, capture_output=True,
                               text=True, timeout=600)
        assert again.returncode == 0, again.stdout + again.stderr
        assert "Installiere die Pakete aus requirements.txt" in again.stdout
        assert stamp.stat().st_mtime_ns > requirements.stat().st_mtime_ns

        # A package that is not there yet: offline that cannot work, and make says so in German.
        requirements.write_text(original + "six==1.16.0\n", encoding="utf-8")
        failed = subprocess.run(["make", "check"], cwd=installed, env=_offline_env(),
                            preexec_fn=_as_in_a_terminal, capture_output=True,
                                text=True, timeout=600)
    finally:
        requirements.write_text(original, encoding="utf-8")
        os.utime(stamp)  # installed is what it was before
    assert failed.returncode != 0
    assert "Fehler: die Installation ist fehlgeschlagen" in failed.stderr and ".venv/installation.log" in failed.stderr
    assert _english_lines(failed.stdout + failed.stderr) == []
