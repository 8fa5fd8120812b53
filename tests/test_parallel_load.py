"""Reading the Vorlagen on every core (buergerinfo/parallel.py) gives what reading them one by one gives.

Each case runs in a fresh interpreter: `map_in_forks` rightly refuses to fork while other threads
run, as they may in the test process (browser drivers, servers), and would then loop in place.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

from synthetic import generate

PRELUDE = r"""
import json, os, sys
from buergerinfo import parallel

children = []


class CountedTask(parallel.ForkedTask):
    def __init__(self, task):
        children.append(1)
        super().__init__(task)


parallel.ForkedTask = CountedTask
if sys.argv[1] == "forks":
    # Several children even on a machine with one core, so that shares really travel between processes.
    parallel.MIN_ITEMS_PER_PROCESS = 50
    parallel.usable_cores = lambda: 4
else:
    parallel.MIN_ITEMS_PER_PROCESS = 10**9
"""

LOAD = (
    PRELUDE
    + r"""
from pathlib import Path
from buergerinfo.checking.archive import load_archive
from buergerinfo.reading.problems import DataInvalid

try:
    archive = load_archive(Path(sys.argv[2]))
    out = {
        "papers": [[r.id, r.source, r.paper.model_dump_json()] for r in archive.papers],
        "warnings": [str(w) for w in archive.warnings],
    }
except DataInvalid as refused:
    out = {"problems": [str(p) for p in refused.problems]}
out["children"] = len(children)
print(json.dumps(out))
"""
)

MAP = (
    PRELUDE
    + r"""
parent = os.getpid()


def square_or_die(number):
    if number == 150 and os.getpid() != parent:
        os._exit(3)  # a child that dies without a word
    return number * number


def fails_at_190(number):
    if number == 190:
        raise ValueError("190")
    return number


try:
    result = parallel.map_in_forks(square_or_die if sys.argv[2] == "die" else fails_at_190, list(range(200)))
    out = {"result": result}
except ValueError as error:
    out = {"error": str(error)}
out["children"] = len(children)
print(json.dumps(out))
"""
)


def _run(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_a_loaded_archive_is_the_same_with_and_without_children(tmp_path: Path) -> None:
    generate(tmp_path, 400, seed=9)
    in_forks = _run(LOAD, "forks", str(tmp_path))
    one_by_one = _run(LOAD, "serial", str(tmp_path))
    assert in_forks["children"] == 3 and one_by_one["children"] == 0
    assert len(one_by_one["papers"]) > 300
    assert in_forks["papers"] == one_by_one["papers"]
    assert in_forks["warnings"] == one_by_one["warnings"]


def test_problems_found_in_a_child_are_reported_with_their_place(tmp_path: Path) -> None:
    generate(tmp_path, 400, seed=9)
    last = sorted((tmp_path / "data" / "vorlagen").rglob("*.yml"))[-1]  # in the last child's share
    text = re.sub(r"(?m)^betreff:.*$", "betreff: [kein, Text]", last.read_text(encoding="utf-8"))
    last.write_text(text, encoding="utf-8")
    in_forks = _run(LOAD, "forks", str(tmp_path))
    assert in_forks["children"] == 3
    assert in_forks["problems"] == _run(LOAD, "serial", str(tmp_path))["problems"]
    assert any(last.name in problem and "betreff" in problem for problem in in_forks["problems"]), in_forks


def test_a_share_whose_child_dies_is_done_again_here() -> None:
    out = _run(MAP, "forks", "die")
    assert out["children"] == 3
    assert out["result"] == [n * n for n in range(200)]


def test_an_error_in_a_childs_share_reaches_the_caller() -> None:
    out = _run(MAP, "forks", "error")
    assert out["children"] == 3
    assert out["error"] == "190"
