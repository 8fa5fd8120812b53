"""Reading the Vorlagen on every core (buergerinfo/parallel.py) gives what reading them one by one gives."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from buergerinfo import parallel
from buergerinfo.archive import load_archive
from buergerinfo.errors import DataInvalid
from buergerinfo.synthetic import generate


def _serial(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_PROCESS", 10**9)


def _forks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Several children even on a machine with one core, so that shares really travel between processes.
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_PROCESS", 50)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 4)


def _problems(root: Path) -> list[str]:
    with pytest.raises(DataInvalid) as refused:
        load_archive(root)
    return [str(problem) for problem in refused.value.problems]


def test_a_loaded_archive_is_the_same_with_and_without_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, 400, seed=9)
    _forks(monkeypatch)
    assert parallel.process_count(400) == 4
    in_forks = load_archive(tmp_path)
    _serial(monkeypatch)
    one_by_one = load_archive(tmp_path)
    assert len(in_forks.papers) == len(one_by_one.papers) > 300
    assert [(r.id, r.source, r.paper) for r in in_forks.papers] == [
        (r.id, r.source, r.paper) for r in one_by_one.papers
    ]
    assert in_forks.warnings == one_by_one.warnings


def test_problems_found_in_a_child_are_reported_with_their_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, 400, seed=9)
    files = sorted((tmp_path / "data" / "vorlagen").rglob("*.yml"))
    last = files[-1]  # in the last child's share
    last.write_text(
        re.sub(r"(?m)^betreff:.*$", "betreff: [kein, Text]", last.read_text(encoding="utf-8")), encoding="utf-8"
    )
    _forks(monkeypatch)
    in_forks = _problems(tmp_path)
    _serial(monkeypatch)
    assert in_forks == _problems(tmp_path)
    assert any(last.name in problem and "betreff" in problem for problem in in_forks), in_forks


def test_a_share_whose_child_dies_is_done_again_here(monkeypatch: pytest.MonkeyPatch) -> None:
    _forks(monkeypatch)
    parent = os.getpid()

    def square_or_die(number: int) -> int:
        if number == 150 and os.getpid() != parent:
            os._exit(3)  # a child that dies without a word
        return number * number

    assert parallel.map_in_forks(square_or_die, list(range(200))) == [n * n for n in range(200)]


def test_an_error_in_a_childs_share_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    _forks(monkeypatch)

    def fails_at_190(number: int) -> int:
        if number == 190:
            raise ValueError("190")
        return number

    with pytest.raises(ValueError, match="190"):
        parallel.map_in_forks(fails_at_190, list(range(200)))
