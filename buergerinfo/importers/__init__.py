"""Imports from other systems into the project's data files.

Each format has its own module with one small public function; `oparl` walks an
OParl 1.0/1.1 endpoint of a council information system (ALLRIS, SessionNet,
SD.NET …) and writes Körperschaft, Vorlagen and Sitzungen as the editors would.

An object flows one way through the OParl import:

1. `http` fetches; `source` puts embedded objects and addresses in place and hands each
   object once to `quirks` (per OParl type; `values` per kind of value, `vendor` for the
   `buergerinfo:` fields), which returns it clean;
2. `oparl` drives the walk; `meetings` and `papers` receive a `run_context.RunContext`, with
   `lookups` for the Organizations, Meetings and AgendaItems a Beratung or Sitzung names;
3. for a Paper, `paper_names` chooses number and file and `paper_facts` gathers what the run
   knows about it (with `downloads` for the Anlagen);
4. `mapping` (Vorlage), `meeting_mapping` (Sitzung, Tagesordnungspunkt) and `people_mapping` (Person,
   Fraktion, Mitgliedschaft, Wahlperiode; walked by `people`, before the Papers) turn clean objects
   into the data file's content, pure functions that return what the report is to count as `notes`;
5. `writer` (with `body_file`, `people_file` and `state`) writes the file and records it; `report` is filled
   from what came out (`result_report`: which rule read how many result wordings, the rest grouped
   with the block to paste into `ergebnis_zuordnung`). A Paper discussed only in nicht öffentliche
   Sitzungen goes to the confidential folder or nowhere (`papers.PaperWriter.confidential`), never data/.

Plain Python on the standard library; nothing here knows about MkDocs.
May import: reading, model, checking, editing (never exports or search).
"""

from __future__ import annotations

from buergerinfo.importers.oparl import ImportOptions, import_oparl
from buergerinfo.importers.report import ImportReport

__all__ = ["ImportOptions", "ImportReport", "import_oparl"]
