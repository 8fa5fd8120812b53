"""Meetings -> the index the Beratungen need, and data/sitzungen/<körperschaft>.yml.

Sitzungen themselves come from the Beratungsfolgen of the Vorlagen; this file adds
what only the Meeting knows: name, start time, place, whether any part was public.
A later run updates the entries of the Meetings that changed and keeps the others.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from buergerinfo.model.meeting import MeetingFactsFile
from buergerinfo.model.structure import MEETINGS_DIR
from buergerinfo.reading.yamldocument import YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml_file
from buergerinfo.importers.meeting_mapping import MeetingSummary, meeting_facts
from buergerinfo.importers.run_context import RunContext
from buergerinfo.importers.writer import plain, render_yaml, schema_comment, write_owned

KIND = "Sitzungen"
Key = tuple[str, str, int]  # (Gremium key, date as JJJJ-MM-TT, which Sitzung of that day: `sitzung_am_tag`)


def _key(stored: list) -> Key:
    """A key as the state keeps it: [Gremium, date] for the first Sitzung of a day, [Gremium, date, n] for another."""
    return (stored[0], stored[1], stored[2] if len(stored) > 2 else 1)


def walk_meetings(run: RunContext, body: dict[str, Any]) -> None:
    facts = MeetingFactsWriter(run)
    if not body.get("meeting"):
        run.report.note("Körperschaft ohne Liste der Sitzungen (Feld „meeting“)")
        return
    ignored_since = False
    count = 0
    summaries = []
    for _, meetings in run.source.pages(body["meeting"], "Meeting", run.list_params()):
        for meeting in meetings:
            if meeting.get("deleted"):
                facts.deleted(meeting)
                continue
            summary = run.lookups.index_meeting(meeting)
            for organization_url in summary.organizations:  # every Sitzung of a day known before one is numbered
                organization = run.lookups.organization_key(organization_url)
                if organization is not None:
                    run.lookups.note_meeting_of_day(summary, organization)
            summaries.append(summary)
            if run.since:
                ignored_since = ignored_since or _older_than(meeting.get("modified"), run.since)
                for item in meeting.get("agendaItem") or []:
                    if item.get("consultation"):
                        run.refresh.add(item["consultation"])
        count += len(meetings)
        run.progress(f"Sitzungen: {count} gelesen")
    for summary in summaries:  # numbered once all of them are known (a second Sitzung may come first in the list)
        facts.add(summary)
    if ignored_since:
        run.report.quirk("Server beachtet „modified_since“ nicht (alles geladen)")
    facts.write()


def _older_than(modified: Any, since: str) -> bool:
    if not isinstance(modified, dt.datetime):
        return False
    if modified.tzinfo is None:
        modified = modified.replace(tzinfo=dt.timezone.utc)
    return modified < dt.datetime.fromisoformat(since)


class MeetingFactsWriter:
    def __init__(self, run: RunContext) -> None:
        self.run = run
        self.relative = f"data/{MEETINGS_DIR}/{run.body_id}.yml"
        self.entries: dict[Key, tuple[dict[str, Any], str | None]] = {}  # key -> (entry, Meeting id of this run)
        self.changed = False
        path = run.root / self.relative
        if path.is_file():
            self._read(path)

    def _read(self, path) -> None:
        try:
            data = load_yaml_file(path).data
            MeetingFactsFile.model_validate(data)
        except (YamlSyntaxError, ValidationError):
            return  # `write` leaves a broken or foreign file alone and says so
        for entry in data["sitzungen"]:
            entry = {**entry, "datum": dt.date.fromisoformat(str(entry["datum"]))}
            self.entries[(entry["gremium"], entry["datum"].isoformat(), entry.get("sitzung_am_tag") or 1)] = (entry, None)

    def add(self, summary: MeetingSummary) -> None:
        report = self.run.report
        if summary.date is None:
            report.note("Sitzungen ohne Datum (übergangen)", summary.id)
            return
        if not summary.organizations:
            report.note("Sitzungen ohne Gremium (übergangen)", summary.id)
            return
        keys: list[list] = []
        for organization_url in summary.organizations:
            organization = self.run.lookups.organization_key(organization_url)
            if organization is None:
                continue
            number = self.run.lookups.meeting_of_day(summary, organization)
            key = (organization, summary.date.isoformat(), number)
            entry = meeting_facts(summary, organization, number)
            if entry is None:
                continue
            keys.append(list(key) if number > 1 else list(key[:2]))
            if number > 1:
                report.note("Zweite Sitzungen eines Gremiums am selben Tag (mit sitzung_am_tag übernommen)", summary.id)
            current = self.entries.get(key)
            if current is not None and current[1] not in (None, summary.id):
                continue  # two Meetings with one number (another Bürgerinfo said so): the first keeps its place
            self.entries[key] = (entry, summary.id)
        for old in self.run.state.meetings.get(summary.id, []):
            if old not in keys and self.entries.get(_key(old), (None, None))[1] is None:
                self.entries.pop(_key(old), None)  # the Meeting moved to another day, Gremium or place in the day
        if self.run.state.meetings.get(summary.id) != keys:
            self.run.state.record({"sitzung": summary.id, "schluessel": keys})
        self.changed = True

    def deleted(self, meeting: dict[str, Any]) -> None:
        keys = self.run.state.meetings.get(meeting["id"])
        if not keys:
            return
        where = ", ".join(f"{key[0]} am {key[1]}" for key in keys)
        if self.run.options.remove_deleted:
            for key in keys:
                self.entries.pop(_key(key), None)
            self.run.state.record({"sitzung_weg": meeting["id"]})
            self.changed = True
            self.run.report.deleted.append(f"Sitzung {where}: Eintrag in {self.relative} entfernt")
        else:
            self.run.report.deleted.append(
                f"Sitzung {where}: Eintrag in {self.relative} behalten (mit --geloeschte-entfernen entfernen)"
            )

    def write(self) -> None:
        if not self.entries or not self.changed:
            return
        entries = [entry for _, (entry, _) in sorted(self.entries.items(), key=lambda item: (item[0][1], item[0][0], item[0][2]))]
        data = {"koerperschaft": self.run.body_id, "sitzungen": entries}
        try:
            MeetingFactsFile.model_validate(plain(data))
        except ValidationError as exc:
            self.run.report.file(KIND, "übersprungen", self.relative, f"ungültige Angaben des Servers ({exc})")
            return
        header = [
            schema_comment(self.relative, "sitzungen.schema.json"),
            "Angelegt von `buergerinfo import-oparl`: Name, Beginn und Ort der Sitzungen aus dem alten",
            "Ratsinformationssystem. Von Hand geändert, überschreibt der nächste Import diese Datei nicht.",
        ]
        write_owned(self.run.state, self.run.report, KIND, self.relative, render_yaml(data, header),
                    self.run.options.overwrite)

