"""Generated pages written by two processes (hooks/site_page_worker.py): the same site, every page once."""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import REPO, copy_project, run_build
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(REPO / "hooks"))
from site_page_worker import PageShare  # noqa: E402

from synthetic import generate  # noqa: E402


def _pages(count: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(file=SimpleNamespace(src_uri=f"vorlagen/k/{n:04}.md")) for n in range(count)]


class ChildStarted:
    """Lets the build process wait, at its first page, until the forked child has taken a page of its own.

    However slowly the machine starts the child, both processes then get pages: the tests about the child
    never pass or fail by the child having been too late for any page.
    """

    WAIT_SECONDS = 120  # only against a hang: the wait ends as soon as the child has a page

    def __init__(self) -> None:
        self.parent = os.getpid()
        context = multiprocessing.get_context("fork")
        self._event = context.Event()
        self._child = context.Value("q", 0)

    @property
    def child_pid(self) -> int:
        return self._child.value

    def in_child(self) -> bool:
        if os.getpid() == self.parent:
            assert self._event.wait(self.WAIT_SECONDS), "the child took no page"
            return False
        if not self._event.is_set():
            self._child.value = os.getpid()
            self._event.set()
        return True


def test_every_page_is_written_once_and_both_processes_write(tmp_path):
    started = ChildStarted()

    def write(page):
        started.in_child()
        name = page.file.src_uri.replace("/", "_")
        with open(tmp_path / name, "x") as file:  # "x": a page written twice fails here
            file.write(str(os.getpid()))

    pages = _pages(300)
    share = PageShare(pages, write)
    share.finish()
    written = {path.name: path.read_text() for path in tmp_path.iterdir()}
    assert len(written) == 300
    assert 0 < share.pages_here < 300
    assert len(set(written.values())) == 2, "both processes wrote pages"


def test_a_page_that_fails_in_the_child_fails_the_build_with_its_name():
    started = ChildStarted()

    def fails_in_child(page):
        if started.in_child():
            raise ValueError("Vorlage kaputt")

    with pytest.raises(
        PluginError, match=r"Fehler beim Schreiben der Seite „vorlagen/k/\d{4}\.md“: ValueError: Vorlage kaputt"
    ):
        PageShare(_pages(200), fails_in_child).finish()


def test_a_child_that_dies_fails_the_build():
    started = ChildStarted()

    def dies_in_child(page):
        if started.in_child():
            os._exit(9)

    with pytest.raises(PluginError, match="zweiter Prozess"):
        PageShare(_pages(200), dies_in_child).finish()


def test_a_page_that_fails_here_ends_the_child(tmp_path):
    started = ChildStarted()
    written = tmp_path / "written"
    written.mkdir()

    def fails_here(page):
        if not started.in_child():
            raise ValueError("kaputt")
        (written / page.file.src_uri.replace("/", "_")).touch()

    share = PageShare(_pages(400), fails_here)
    with pytest.raises(ValueError, match="kaputt"):
        share.finish()
    # The failure ended the child before it returned: no process is left that could write another page.
    with pytest.raises(ProcessLookupError):
        os.kill(started.child_pid, 0)
    assert len(list(written.iterdir())) < 400, "the child stopped before it had written every page"


def test_warnings_in_the_child_count_in_the_build_process(caplog):
    started = ChildStarted()

    def warns_in_child(page):
        if started.in_child():
            logging.getLogger("mkdocs.plugins").warning("Achtung")

    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        PageShare(_pages(200), warns_in_child).finish()
    assert any("Warnung(en) beim Schreiben der Seiten im zweiten Prozess" in r.getMessage() for r in caplog.records)


def test_synthetic_site_is_the_same_written_by_one_or_two_processes(tmp_path):
    project = copy_project(tmp_path / "project", with_data=False)
    generate(project, 150, seed=8)

    two = run_build(project, tmp_path / "two", extra_env={"BUERGERINFO_SEITEN_PROZESS": "1"}, extra_args=["--verbose"])
    assert two.returncode == 0, two.stderr[-3000:]
    shares = re.search(r"Bürgerinfo-Seiten: (\d+) im Build-Prozess, (\d+) im zweiten Prozess", two.stdout + two.stderr)
    assert shares, (two.stdout + two.stderr)[-3000:]
    assert int(shares.group(1)) > 0 and int(shares.group(2)) > 0
    one = run_build(project, tmp_path / "one", extra_env={"BUERGERINFO_SEITEN_PROZESS": "0"})
    assert one.returncode == 0, one.stderr[-3000:]

    files_two, files_one = _files(tmp_path / "two"), _files(tmp_path / "one")
    assert files_two.keys() == files_one.keys()
    assert len([name for name in files_two if name.endswith("index.html")]) > 300
    assert [name for name in files_two if files_two[name] != files_one[name]] == []
    sitemap = (tmp_path / "two" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") > 300


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}
