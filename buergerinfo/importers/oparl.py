"""Import from an OParl 1.0/1.1 endpoint: `import_oparl(url, root, body_id, options) -> ImportReport`.

The walk, in this order, each step streaming page by page:

1. the endpoint: a System (with one Body, or the one asked for) or a Body;
2. all Organizations: the Gremien go into the Körperschaft file (created if missing, else only added to);
   then Persons, Fraktionen, Memberships and Wahlperioden into data/personen/ (`people`);
3. the Meetings (changed ones only, on a later run): extra facts of the Sitzungen, and an index
   of their AgendaItems (TOP, result, public or not) for the Beratungen;
4. the Papers (changed ones only, on a later run): one Vorlage file each; the list position is
   journaled after every page, so an interrupted import continues there;
5. on a later run, the Vorlagen whose AgendaItems changed although the Paper did not;
6. the Vorlagen whose related Vorlagen came later in the list, written again with those numbers.

Memory holds the index of Organizations and Meetings, never all Papers.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from buergerinfo.checking.archive import load_archive
from buergerinfo.reading.problems import DataInvalid
from buergerinfo.reading.settings import confidential_folder
from buergerinfo.model.base import SLUG_PATTERN
from buergerinfo.checking.schema_files import write_schemas
from buergerinfo.model.structure import BODIES_DIR, PAPERS_DIR
from buergerinfo.importers.body_file import BodyFile, BodyFileError, known_body_ids
from buergerinfo.importers.http import FetchError, HttpClient, NotFound
from buergerinfo.importers.lookups import Lookups
from buergerinfo.importers.names import id_tail, slugify
from buergerinfo.importers.meetings import walk_meetings
from buergerinfo.importers.papers import PaperWriter
from buergerinfo.importers.people import walk_people
from buergerinfo.importers.quirks import type_name
from buergerinfo.importers.report import ImportReport
from buergerinfo.importers.run_context import ImportOptions
from buergerinfo.importers.source import ObjectSource
from buergerinfo.importers.state import ImportState, StateError

# A later run asks for changes since the start of the last one, minus this margin for clocks that differ.
SINCE_MARGIN = dt.timedelta(days=1)
PROBLEMS_SHOWN = 20


class ImportStopped(Exception):
    """The import cannot go on; German."""


def import_oparl(url: str, root: Path, body_id: str, options: ImportOptions | None = None) -> ImportReport:
    """Walk the OParl endpoint at `url` and write the Körperschaft `body_id` into `root`/data."""
    options = options or ImportOptions()
    root = Path(root)
    report = ImportReport(source=url, body_id=body_id, mapping_file=f"data/{BODIES_DIR}/{body_id}.yml")
    if not re.match(SLUG_PATTERN, body_id):
        report.error = (
            f"Schlüssel der Körperschaft „{body_id}“ ungeeignet: nur Kleinbuchstaben, Ziffern und Bindestriche, "
            f"z. B. landkreis-beispiel (bekannt: {', '.join(known_body_ids(root)) or 'keine'})"
        )
        return report
    try:
        state = ImportState.load(root, body_id, confidential_folder(root))
    except StateError as exc:
        report.error = str(exc)
        return report
    run = ImportRun(root, body_id, options, state, report)
    try:
        run.execute(url)
    except KeyboardInterrupt:
        report.interrupted = True
    except (ImportStopped, BodyFileError) as exc:
        report.error = str(exc)
    except FetchError as exc:
        report.error = exc.message
    finally:
        state.close()
        report.requests, report.retries = run.client.requests, run.client.retries
    if report.error is None and not report.interrupted:
        if options.check:
            check(root, report)
        # New Gremien and Vorlagenarten belong in the Körperschaft's schema, which the Vorlagen name in their first line.
        report.schemas = write_schemas(root)
    return report


def check(root: Path, report: ImportReport) -> None:
    """`buergerinfo check` on the result, summed up in the report."""
    try:
        archive = load_archive(root)
    except DataInvalid as exc:
        errors = exc.errors
        report.check_passed = False
        shown = [str(p) for p in errors[:PROBLEMS_SHOWN]]
        more = f"\n… und {len(errors) - PROBLEMS_SHOWN} weitere" if len(errors) > PROBLEMS_SHOWN else ""
        report.check_text = (
            f"Prüfung (buergerinfo check): {len(errors)} Fehler – so wird die Website nicht gebaut:\n"
            + "\n".join(shown) + more
        )
        return
    report.check_passed = True
    warnings = f", {len(archive.warnings)} Warnungen (buergerinfo check zeigt sie)" if archive.warnings else ""
    report.check_text = (
        f"Prüfung (buergerinfo check): bestanden – {len(archive.papers)} Vorlagen, "
        f"{len(archive.bodies)} Körperschaften{warnings}."
    )


class ImportRun:
    """One run of the import: the connection, the state, the Körperschaft file, the look-ups; it drives the walk."""

    def __init__(self, root: Path, body_id: str, options: ImportOptions, state: ImportState, report: ImportReport):
        self.root = root
        self.body_id = body_id
        self.options = options
        self.state = state
        self.report = report
        self.client = HttpClient(options.client, notice=report.quirk)
        self.source = ObjectSource(self.client, report.quirk, report.not_found)
        self.body_file: BodyFile | None = None
        self.since: str | None = None
        self.lookups: Lookups | None = None
        self.refresh: set[str] = set()  # Consultations whose AgendaItem changed (later runs)
        self.done_papers: set[str] = set()

    def progress(self, message: str) -> None:
        if self.options.progress:
            self.options.progress(message)

    # -- the run --

    def execute(self, url: str) -> None:
        started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        body = self.resolve_body(url)
        self.report.source = body["id"]
        resumed = self.state.run is not None and self.state.run.get("quelle") == body["id"]
        if self.state.run is not None and not resumed:
            self.state.run = None  # a run of another endpoint was interrupted: start afresh
        if resumed:
            self.since = self.state.run.get("seit")
            self.report.resumed_from = self.state.run.get("begonnen")
        self.body_file = BodyFile(self.state, self.report, self.body_id)  # a broken file stops us before anything is written
        if not resumed:
            self.since = self.since_date(body["id"])
            if self.since and not self.options.since and self.state.vocabulary not in (None, self.body_file.mapping_hash()):
                # An editor pasted or changed ergebnis_zuordnung: every Vorlage may read differently now.
                self.since = None
                self.report.note("ergebnis_zuordnung oder beschlussarten geändert: alles mit dem Server abgeglichen")
        self.report.since = self.since
        self.lookups = Lookups(self.source, self.body_file, self.report, self.state.meetings)
        self.state.begin({"begonnen": started, "seit": self.since, "quelle": body["id"]})
        (self.root / "data" / PAPERS_DIR).mkdir(parents=True, exist_ok=True)
        self.body_file.create(body)
        self.walk_organizations(body)
        walk_people(self, body)
        walk_meetings(self, body)
        papers = PaperWriter(self)
        papers.walk(body)
        papers.refresh_changed_agenda()
        papers.complete_pending()
        self.body_file.flush()
        self.state.vocabulary = self.body_file.mapping_hash()
        self.state.finish()

    def since_date(self, body_url: str) -> str | None:
        if self.options.since:
            return dt.datetime.combine(self.options.since, dt.time(0, 0), tzinfo=dt.timezone.utc).isoformat()
        if self.options.full or not self.state.last_run or self.state.source != body_url:
            return None
        last = dt.datetime.fromisoformat(self.state.last_run)
        return (last - SINCE_MARGIN).isoformat()

    def list_params(self) -> dict[str, str] | None:
        return {"modified_since": self.since} if self.since else None

    # -- the endpoint --

    def resolve_body(self, url: str) -> dict[str, Any]:
        try:
            raw = self.client.get_json(url)
        except NotFound:
            raise ImportStopped(f"{url}: nicht gefunden (HTTP 404) – ist das die Adresse des OParl-Systems?") from None
        if not isinstance(raw, dict):
            raise ImportStopped(f"{url}: keine OParl-Antwort (erwartet ein System- oder Body-Objekt)")
        kind = type_name(raw.get("type")) or ("Body" if "paper" in raw else "System" if "body" in raw else None)
        if kind == "Body":
            body = self.source.normalize({**raw, "id": raw.get("id") or url}, "Body")
        elif kind == "System":
            system = self.source.normalize({**raw, "id": raw.get("id") or url}, "System")
            body = self.choose_body(system, url)
        else:
            raise ImportStopped(
                f"{url}: weder ein OParl-System noch eine Körperschaft (Body); bitte die Adresse des "
                "OParl-Einstiegs angeben (sie endet oft auf /oparl/v1.1 oder /oparl/system)"
            )
        if not body or not body.get("paper"):
            raise ImportStopped(f"{url}: die Körperschaft nennt keine Liste ihrer Vorlagen (Feld „paper“)")
        return body

    def choose_body(self, system: dict[str, Any], url: str) -> dict[str, Any]:
        if not system.get("body"):
            raise ImportStopped(f"{url}: das OParl-System nennt keine Körperschaften (Feld „body“)")
        bodies = [obj for _, objects in self.source.pages(system["body"], "Body") for obj in objects]
        if len(bodies) == 1:
            return bodies[0]
        if not bodies:
            raise ImportStopped(f"{system['body']}: das OParl-System liefert keine Körperschaft")
        # Several: the one whose address or name gives the key asked for (…/body/landkreis-x, "Landkreis X").
        named = [
            b for b in bodies
            if self.body_id in (id_tail(b["id"]), slugify(b.get("name") or ""), slugify(b.get("shortName") or ""))
        ]
        if len(named) == 1:
            return named[0]
        listing = "\n".join(f"  {b.get('name') or '(ohne Namen)'}: {b['id']}" for b in bodies)
        raise ImportStopped(
            f"{url} liefert {len(bodies)} Körperschaften; bitte die Adresse der gewünschten angeben:\n{listing}"
        )

    # -- Organizations --

    def walk_organizations(self, body: dict[str, Any]) -> None:
        """All Organizations (the list is short): their names, and the Gremien into the Körperschaft file."""
        if body.get("organization"):
            for _, objects in self.source.pages(body["organization"], "Organization"):
                for organization in objects:
                    if organization.get("deleted"):
                        continue
                    self.lookups.add_organization(organization)
        self.body_file.flush()
