"""The way off MkDocs: the sample site built with ProperDocs is byte for byte the site MkDocs builds.

MkDocs 1.6.1 has had no release since 2024-08 and Material for MkDocs is maintained until 2027-05-05
(README, "Platform"). ProperDocs is the maintained fork of MkDocs 1.6 that keeps `hooks:`. It lives in
its own environment (.venv-properdocs/, `make install-properdocs`, requirements-properdocs.txt) without
MkDocs, so the hooks' `import mkdocs…` are answered by ProperDocs itself.
"""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, TODAY

PROPERDOCS_VENV = REPO / ".venv-properdocs"
PROPERDOCS = PROPERDOCS_VENV / "bin" / "properdocs"


@pytest.fixture(scope="module")
def properdocs() -> Path:
    if not PROPERDOCS.exists():
        message = f"{PROPERDOCS} fehlt: `make install-properdocs` (make test installiert es)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return PROPERDOCS


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _differing(left: Path, right: Path, names: list[str]) -> list[str]:
    return [name for name in names if not filecmp.cmp(left / name, right / name, shallow=False)]


def test_the_properdocs_environment_has_no_mkdocs(properdocs):
    python = properdocs.parent / "python"
    probe = subprocess.run([python, "-c", "import mkdocs"], capture_output=True, text=True)
    assert probe.returncode != 0 and "No module named 'mkdocs'" in probe.stderr


@pytest.mark.parametrize("how", ["make site", "properdocs build"])
def test_properdocs_builds_the_same_site_byte_for_byte(properdocs, site, tmp_path, how):
    out = tmp_path / "site-properdocs"
    env = {
        **os.environ,
        "BUERGERINFO_TODAY": TODAY,
        "SITE_URL": "https://buergerinfo.test/",
        "NO_MKDOCS_2_WARNING": "1",
    }
    if how == "make site":  # what `make site` and the deploy run, with the ProperDocs environment's Python
        command = [properdocs.parent / "python", REPO / "hooks" / "site_build.py", "--site-dir", out]
    else:
        command = [properdocs, "build", "--strict", "-f", REPO / "mkdocs.yml", "-d", out]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    # The hooks really ran under ProperDocs: the generated pages and the open data are there.
    assert (out / "vorlagen" / "landkreis-boerde" / "2018-33-0590" / "index.html").is_file()
    assert (out / "oparl" / "v1" / "system.json").is_file()
    assert _tree(out) == _tree(site)
    assert _differing(site, out, _tree(site)) == []


def test_the_comparison_sees_a_changed_byte(site, tmp_path):
    copy = tmp_path / "copy"
    page = Path("index.html")
    (copy / page.parent).mkdir(parents=True, exist_ok=True)
    original = (site / page).read_bytes()
    (copy / page).write_bytes(original.replace(b"</body>", b"</body> "))
    assert _differing(site, copy, [str(page)]) == [str(page)]


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_properdocs_pins_are_the_site_pins_with_properdocs_for_mkdocs():
    site_pins = _pins(REPO / "requirements.txt")
    properdocs_pins = _pins(REPO / "requirements-properdocs.txt")
    assert "mkdocs" not in properdocs_pins and "mkdocs-get-deps" not in properdocs_pins
    assert "properdocs" in properdocs_pins
    expected = {name: version for name, version in site_pins.items() if name not in {"mkdocs", "mkdocs-get-deps"}}
    assert {name: v for name, v in properdocs_pins.items() if name != "properdocs"} == expected
