"""What the Sitzungen and Vorlagen steps need of a running import, named in a module of its own.

`oparl.ImportRun` drives the walk and calls `meetings` and `papers`; they in turn need the
run's state, report, Körperschaft file and its look-ups of Organizations, Meetings and
AgendaItems (`lookups.Lookups`). They ask for them through `RunContext`, which `ImportRun` fulfils, so neither
imports `oparl`: the dependency runs one way, from the driver to its steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from buergerinfo.importers.body_file import BodyFile
from buergerinfo.importers.http import ClientSettings, HttpClient
from buergerinfo.importers.lookups import Lookups
from buergerinfo.importers.report import ImportReport
from buergerinfo.importers.source import ObjectSource
from buergerinfo.importers.state import ImportState


@dataclass
class ImportOptions:
    files: bool = False  # --dateien: download the Anlagen into data/anlagen/
    since: dt.date | None = None  # --seit: only objects changed since this day
    full: bool = False  # --alles: ignore the date of the last run
    overwrite: bool = False  # --ueberschreiben: replace files edited by hand
    remove_deleted: bool = False  # --geloeschte-entfernen
    check: bool = True  # run `buergerinfo check` on the result
    # --nicht-oeffentliche: a Paper discussed only in nicht öffentliche Sitzungen is left out ("auslassen", the
    # default: it can never leak) or filed in the confidential folder outside data/ ("ablegen"); never in data/.
    confidential: str = "auslassen"
    client: ClientSettings = field(default_factory=ClientSettings)
    progress: Callable[[str], None] | None = None


class RunContext(Protocol):
    """The parts of a run the steps use; `oparl.ImportRun` is the one implementation."""

    root: Path
    body_id: str
    options: ImportOptions
    state: ImportState
    report: ImportReport
    client: HttpClient
    source: ObjectSource
    body_file: BodyFile
    lookups: Lookups
    since: str | None  # modified_since of this run, if it asks only for changes
    refresh: set[str]  # Consultations whose AgendaItem changed (later runs)
    done_papers: set[str]

    def progress(self, message: str) -> None: ...

    def list_params(self) -> dict[str, str] | None: ...
