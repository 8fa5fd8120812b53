"""When a record was created and last changed, for OParl `created`/`modified`, Atom and iCal stamps.

The truth is the git history of the data files: one `git log` over the whole `data/` folder,
read line by line, gives each file its first and its latest commit. Where git is not there
(a copy without history) or a file is not committed yet, the dates come from the record
itself (its own and its Beratungen's days), so every build of the same files gives the same
dates; a record without any date (a Körperschaft) gets the latest day of the whole archive.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from buergerinfo.model.structure import Archive, BodyRecord, DossierRecord, PaperRecord
from buergerinfo.views.views import Meeting

BERLIN = ZoneInfo("Europe/Berlin")
_COMMIT_MARK = "\x00"  # git writes it for %x00: no file name starts with it
GIT_TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class Stamps:
    created: dt.datetime
    modified: dt.datetime

    def iso(self) -> tuple[str, str]:
        return iso(self.created), iso(self.modified)


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def day_start(day: dt.date) -> dt.datetime:
    """Midnight in Berlin: how a day without a time becomes a moment."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=BERLIN)


def combine(stamps: Iterable[Stamps]) -> Stamps | None:
    """The span of several records: the first creation and the latest change."""
    stamps = list(stamps)
    if not stamps:
        return None
    return Stamps(min(s.created for s in stamps), max(s.modified for s in stamps))


class FileHistory:
    """First and latest commit of every file under a folder of a git repository (empty without git)."""

    def __init__(self, stamps: dict[str, Stamps] | None = None) -> None:
        self._stamps = stamps or {}

    def __len__(self) -> int:
        return len(self._stamps)

    def of(self, source: str) -> Stamps | None:
        return self._stamps.get(source)

    @classmethod
    def from_git(cls, root: Path, folder: str = "data") -> FileHistory:
        """Read `git log` once for every file in root/folder; paths relative to root, as in the records."""
        command = ["git", "-C", str(root), "log", "--format=%x00%cI", "--name-only", "--no-renames",
                   "--relative", "--", folder]
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                       encoding="utf-8", errors="replace")
        except OSError:
            return cls()
        first: dict[str, dt.datetime] = {}
        latest: dict[str, dt.datetime] = {}
        moment: dt.datetime | None = None
        assert process.stdout is not None
        with process:
            for line in process.stdout:
                line = line.rstrip("\n")
                if line.startswith(_COMMIT_MARK):
                    moment = dt.datetime.fromisoformat(line[1:]).astimezone(BERLIN)
                elif line and moment is not None:
                    if line not in latest or moment > latest[line]:
                        latest[line] = moment
                    if line not in first or moment < first[line]:
                        first[line] = moment
            try:
                process.wait(timeout=GIT_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                return cls()
        if process.returncode != 0:  # not a repository, or git refused: the records' own dates serve
            return cls()
        return cls({path: Stamps(first[path], latest[path]) for path in latest})


class ExportDates:
    """`created` and `modified` of every kind of record the exports write."""

    def __init__(self, archive: Archive, history: FileHistory | None = None) -> None:
        self.history = history or FileHistory()
        self._paper_cache: dict[tuple[str, str], Stamps] = {}
        days = [day for record in archive.papers for day in _days(record)]
        # For records without any day of their own: the same on every build of the same data.
        self._epoch = day_start(max(days)) if days else dt.datetime(1970, 1, 1, tzinfo=BERLIN)

    def _file(self, source: str) -> Stamps | None:
        return self.history.of(source)

    def paper(self, record: PaperRecord) -> Stamps:
        cached = self._paper_cache.get(record.key)
        if cached is None:
            cached = self._file(record.source)
            if cached is None:
                days = _days(record)
                own = record.paper.date or (min(days) if days else None)
                cached = (
                    Stamps(day_start(own), day_start(max(days))) if days and own else Stamps(self._epoch, self._epoch)
                )
            self._paper_cache[record.key] = cached
        return cached

    def body(self, record: BodyRecord) -> Stamps:
        return self._file(record.source) or Stamps(self._epoch, self._epoch)

    def dossier(self, record: DossierRecord) -> Stamps:
        found = self._file(record.source)
        if found:
            return found
        days = [m.date for m in record.dossier.milestones if m.date]
        return Stamps(day_start(min(days)), day_start(max(days))) if days else Stamps(self._epoch, self._epoch)

    def meeting(self, meeting: Meeting) -> Stamps:
        parts = [self.paper(entry.paper) for entry in meeting.entries]
        if meeting.facts is not None:
            # By convention data/sitzungen/<Körperschaft>.yml holds a Körperschaft's extra facts.
            facts = self._file(f"data/sitzungen/{meeting.body.id}.yml")
            parts.append(facts or Stamps(day_start(meeting.date), day_start(meeting.date)))
        return combine(parts) or Stamps(day_start(meeting.date), day_start(meeting.date))

    def papers(self, records: Iterable[PaperRecord]) -> Stamps | None:
        return combine(self.paper(record) for record in records)


def _days(record: PaperRecord) -> list[dt.date]:
    paper = record.paper
    days = [c.date for c in paper.consultations]
    if paper.date:
        days.append(paper.date)
    if paper.signature and paper.signature.date:
        days.append(paper.signature.date)
    return days
