"""The house rules of the code: data flows one way, no import circles, rooms one can hold in one's head.

The core (`buergerinfo/`) is a pipeline of packages (see buergerinfo/README.md): reading → model →
checking → views → search and exports, with the editor commands and the importers beside them.
A package may import only the packages listed for it in ALLOWED; every import counts, also one
inside a function or under TYPE_CHECKING, because each is a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORE = "buergerinfo"

# What each part of the core may import (besides itself). Read top-down, this is the pipeline.
ALLOWED: dict[str, set[str]] = {
    "parallel": set(),
    "compression": set(),
    "reading": set(),
    "documents": {"parallel"},
    "model": {"reading"},
    "checking": {"reading", "model", "parallel", "documents"},
    "views": {"reading", "model"},
    "search": {"reading", "model", "views"},
    "exports": {"reading", "model", "views", "parallel", "compression"},
    "editing": {"reading", "model", "checking", "documents"},
    "importers": {"reading", "model", "checking", "editing", "documents"},
    "publishing": {"compression"},
    "cli": {"reading", "model", "checking", "editing", "importers", "documents", "publishing"},
    "__main__": {"cli"},
    "__init__": set(),
}
# Longer than this, a module must say at its top why it is one piece ("One piece: …").
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, package: str, modules: frozenset[str] = frozenset()) -> set[str]:
    """Every module this file imports, as absolute dotted names (relative imports resolved).

    `from package import submodule` depends on the submodule only (a package's `__init__` that
    names nothing is no dependency); any other name imported from a module depends on that module.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            submodules = {f"{module}.{alias.name}" for alias in node.names} & modules
            found.update(submodules)
            if len(submodules) < len(node.names):
                found.add(module)
    return found


def core_graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in (REPO / CORE).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {m for m in _imports(path, package, frozenset(files)) if m in files and m != name}
    return graph


def hooks_graph() -> dict[str, set[str]]:
    """The hooks import each other by bare name: hooks/ is on sys.path when MkDocs runs them."""
    files = {p.stem: p for p in (REPO / "hooks").glob("*.py")}
    return {name: {m for m in _imports(path, "") if m in files and m != name} for name, path in files.items()}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_core_has_no_import_circle():
    assert cycles(core_graph()) == []


def test_the_hooks_have_no_import_circle():
    assert cycles(hooks_graph()) == []


def test_each_part_of_the_core_imports_only_what_comes_before_it_in_the_pipeline():
    wrong = defaultdict(set)
    for module, imported in core_graph().items():
        part = _part(module)
        assert part in ALLOWED, f"{module}: a new part of the core needs its entry in ALLOWED (and buergerinfo/README.md)"
        for target in imported:
            other = _part(target)
            if other != part and other != "__init__" and other not in ALLOWED[part]:
                wrong[module].add(target)
    assert dict(wrong) == {}


def test_the_core_imports_neither_the_site_nor_mkdocs():
    offending = {}
    for path in (REPO / CORE).rglob("*.py"):
        imported = _imports(path, "")
        bad = sorted(m for m in imported if m.split(".")[0] in {"mkdocs", "material", "hooks", "jinja2"})
        bad += sorted(m for m in imported if m in {p.stem for p in (REPO / "hooks").glob("*.py")})
        if bad:
            offending[str(path.relative_to(REPO))] = bad
    assert offending == {}


def test_the_rules_above_catch_a_circle_and_an_upward_import():
    # The checks must be able to fail: a made-up graph with both faults.
    graph = {"buergerinfo.reading.a": {"buergerinfo.checking.b"}, "buergerinfo.checking.b": {"buergerinfo.reading.a"}}
    assert cycles(graph) == [["buergerinfo.checking.b", "buergerinfo.reading.a"]]
    assert "checking" not in ALLOWED["reading"]


@pytest.mark.parametrize("folder", ["buergerinfo", "hooks", "overrides"])
def test_no_room_is_too_large_to_hold_without_saying_why(folder):
    too_large = {}
    for path in sorted((REPO / folder).rglob("*")):
        if path.suffix not in {".py", ".js", ".html", ".css"} or not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > MAX_LINES and not any("One piece:" in line for line in lines[:40]):
            too_large[str(path.relative_to(REPO))] = len(lines)
    assert too_large == {}


def test_the_synthetic_archive_generator_is_not_part_of_the_product():
    assert not (REPO / CORE / "synthetic.py").exists()
    assert not any("synthetic" in p.name for p in (REPO / CORE).rglob("*.py"))


def test_every_path_the_readmes_name_exists():
    """The README's Layout table and the core's README are the map a newcomer reads: no path in them is stale."""
    import re

    stale = {}
    for readme in (REPO / "README.md", REPO / CORE / "README.md"):
        base = readme.parent
        text = readme.read_text(encoding="utf-8")
        for path in sorted(set(re.findall(r"`((?:buergerinfo|hooks|overrides|tools|tests)/[^`*<> ]*)`", text))):
            if not (REPO / path).exists() and not (base / path).exists():
                stale.setdefault(readme.name, []).append(path)
        for module in sorted(set(re.findall(r"`(buergerinfo(?:\.[a-z_]+)+)", text))):
            parts = module.split(".")
            # a dotted name is a module, or a module and one attribute of it
            if not any((REPO / Path(*parts[:n])).with_suffix(".py").exists() or (REPO / Path(*parts[:n])).is_dir()
                       for n in (len(parts), len(parts) - 1)):
                stale.setdefault(readme.name, []).append(module)
    assert stale == {}
