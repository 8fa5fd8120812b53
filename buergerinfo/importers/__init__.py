"""Imports from other systems into the project's data files.

Each format has its own module with one small public function; `oparl` walks an
OParl 1.0/1.1 endpoint of a council information system (ALLRIS, SessionNet,
SD.NET …) and writes Körperschaft, Vorlagen and Sitzungen as the editors would.

Plain Python on the standard library; nothing here knows about MkDocs.
May import: reading, model, checking, editing (never exports or search).
"""

from __future__ import annotations

from buergerinfo.importers.oparl import ImportOptions, import_oparl
from buergerinfo.importers.report import ImportReport

__all__ = ["ImportOptions", "ImportReport", "import_oparl"]
