"""The search's browser code stays in rooms of a size one can hold (tracker #21).

overrides/assets/javascripts/suche/ is a set of native ES modules the browser loads without a
bundler. Each has one job, under 300 lines, and a header saying what it does and what it may
import; the imports match that header and form no cycle; none writes markup; each parses as a
module; and the search page preloads the whole graph from its own host.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, page

FOLDER = REPO / "overrides" / "assets" / "javascripts" / "suche"
MODULES = sorted(FOLDER.glob("*.js"))
MAX_LINES = 300
IMPORT = re.compile(r'^import\s+(?:[^"\']*?\s+from\s+)?["\']([^"\']+)["\']\s*;', re.M)
HEADER = re.compile(r"\A/\*(.*?)\*/", re.S)
# Every way to turn a string into markup or code in a page.
MARKUP = re.compile(r"\b(?:innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|document\.write|eval)\b")


def _imports(path: Path) -> list[str]:
    return IMPORT.findall(path.read_text(encoding="utf-8"))


def _header_imports(path: Path) -> list[str]:
    header = HEADER.match(path.read_text(encoding="utf-8"))
    assert header, f"{path.name}: no header comment"
    line = re.search(r"Imports:\s*(.*?)(?:\(|\.\s*$|\n\s*\*\s*\n|\Z)", header.group(1), re.S)
    assert line, f"{path.name}: the header does not say what the module may import"
    named = line.group(1).replace("*", " ")
    return [] if named.strip().startswith("nothing") else re.findall(r"[\w./-]+\.js", named)


def test_the_search_is_split_into_modules():
    assert len(MODULES) >= 8, MODULES
    assert (FOLDER / "main.js").is_file()
    assert not (FOLDER.parent / "suche.js").exists(), "the old single script is gone"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_is_small_and_says_what_it_imports(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) < MAX_LINES, f"{path.name}: {len(text.splitlines())} lines"
    wanted = sorted(_header_imports(path))
    assert sorted(_imports(path)) == [f"./{name}" if "/" not in name else name for name in wanted], path.name
    code = re.sub(r"(^|\s)//.*", "", re.sub(r"/\*.*?\*/", "", text, flags=re.S))
    assert not MARKUP.search(code), f"{path.name}: {MARKUP.search(code).group(0)}"


def test_imports_exist_and_form_no_cycle():
    graph = {}
    for path in MODULES:
        targets = [(path.parent / name).resolve() for name in _imports(path)]
        for target in targets:
            assert target.is_file(), f"{path.name} imports a missing {target}"
        graph[path.resolve()] = [t for t in targets if t.parent == FOLDER.resolve()]
    done: set[Path] = set()

    def visit(node: Path, trail: tuple[Path, ...]) -> None:
        assert node not in trail, "import cycle: " + " -> ".join(p.name for p in (*trail, node))
        if node in done:
            return
        for target in graph.get(node, []):
            visit(target, (*trail, node))
        done.add(node)

    for node in graph:
        visit(node, ())
    reached: set[Path] = set()
    stack = [(FOLDER / "main.js").resolve()]
    while stack:
        node = stack.pop()
        if node not in reached:
            reached.add(node)
            stack += graph.get(node, [])
    assert reached == set(graph), f"modules main.js never loads: {sorted(p.name for p in set(graph) - reached)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_parses(path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node fehlt: the modules are parsed by the browser tests instead")
    result = subprocess.run([node, "--input-type=module", "--check"], input=path.read_text(encoding="utf-8"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{path.name}: {result.stderr}"


def test_search_page_loads_the_modules_relatively_and_preloads_them(site):
    html = page(site, "suche/")
    scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]*)"[^>]*>', html)
    ours = [src for src in scripts if "/javascripts/suche/" in src or "stemmer" in src]
    assert ours == ["../assets/javascripts/suche/main.js"], scripts
    assert re.search(r'<script type="module"[^>]*src="\.\./assets/javascripts/suche/main\.js"', html)
    preloaded = set(re.findall(r'<link rel="modulepreload" href="\.\./assets/javascripts/([^"]+)">', html))
    expected = {f"suche/{path.name}" for path in MODULES if path.name != "main.js"} | {"stemmer-de.js"}
    assert preloaded == expected
    for path in MODULES:
        assert (site / "assets" / "javascripts" / "suche" / path.name).read_bytes() == path.read_bytes()
