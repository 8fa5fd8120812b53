"""data/personen/<körperschaft>.yml as the import writes it: merged, entry by entry, with what the editors did.

The file is one per Körperschaft and belongs to the editors as much as to the import. So it is not
owned as a whole (as a Vorlage is) but entry by entry:

* Keys stay: the OParl id of every Person, Fraktion and Wahlperiode is kept in the state file with
  the key it got (`.import/<k>.json`: `personen`, `fraktionen`, `wahlperioden`); an entry typed by
  hand before the first import is recognised by its name and keeps its key.
* What only the editors write is theirs: `veroeffentlichen`, `kontakt` and `foto` of a Person (the
  server's contact data is never read), and a `beschreibung` the server does not give.
* An entry whose other fields an editor changed since the import wrote it (the state keeps a hash
  of each entry without the editors' fields), or one typed by hand, is kept as it is and named in
  the report; `--ueberschreiben` replaces it.
* Entries the server does not name (added by hand, or gone from the server) stay where they are;
  new ones are appended, sorted by name, so a second run writes the same bytes.

The file is changed in place (`yaml_update`): an unchanged file is not written at all, and where
the import changes an entry, the comments and lines around it stay. Only should that fail (a
layout ruamel.yaml cannot keep) is the file written afresh, and then not over a file with comments
that the import did not write (without `--ueberschreiben`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from buergerinfo.model.people import Group, PersonEntry
from buergerinfo.model.people import PeopleFile as PeopleModel
from buergerinfo.model.structure import PEOPLE_DIR
from buergerinfo.reading.yamldocument import YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml_file
from buergerinfo.importers.names import unique
from buergerinfo.importers.run_context import RunContext
from buergerinfo.importers.yaml_update import update_yaml
from buergerinfo.importers.writer import (
    OVERWRITE_HINT,
    InvalidData,
    checked_text,
    comment_safe,
    plain,
    schema_comment,
    write_owned,
)

KIND = "Personen"
# journal key -> (list key in the file, state attribute, German plural, the fields only editors write)
SECTIONS = {
    "wahlperiode": ("wahlperioden", "terms", "Wahlperioden", ()),
    "fraktion": ("fraktionen", "groups", "Fraktionen", ("beschreibung",)),
    "person": ("personen", "persons", "Personen", ("veroeffentlichen", "kontakt", "foto")),
}
# The keys of a Person and a Fraktion as the data model has them (`buergerinfo.model.people`).
FIELD_ORDER = list(dict.fromkeys(
    field.alias or name for model in (PersonEntry, Group) for name, field in model.model_fields.items()
))


@dataclass
class Entry:
    key: str
    data: dict[str, Any]


def entry_hash(data: dict[str, Any], editors: tuple[str, ...]) -> str:
    """A hash of what the import decides in an entry (the editors' own fields left out)."""
    own = {k: v for k, v in plain(data).items() if k not in editors}
    return hashlib.sha256(json.dumps(own, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


class PeopleFile:
    def __init__(self, run: RunContext) -> None:
        self.run = run
        self.state = run.state
        self.relative = f"data/{PEOPLE_DIR}/{run.body_id}.yml"
        self.path = run.root / self.relative
        self.exists = self.path.is_file()
        self.broken: str | None = None
        self.has_comments = False
        self.loaded: dict[str, Any] = {}  # the file's data as the project's loader reads it
        self.original = ""
        self.schema_ref: str | None = None
        self.current: dict[str, list[dict[str, Any]]] = {"wahlperioden": [], "fraktionen": [], "personen": []}
        if self.exists:
            self._read()

    def _read(self) -> None:
        try:
            data = load_yaml_file(self.path).data
            PeopleModel.model_validate(data)
        except (YamlSyntaxError, ValidationError):
            self.broken = "ungültig – bitte zuerst beheben (buergerinfo check nennt Zeile und Feld)"
            return
        for list_key in self.current:
            self.current[list_key] = [dict(entry) for entry in data.get(list_key) or []]
        self.loaded, self.schema_ref = data, data.get("$schema")
        self.original = self.path.read_text(encoding="utf-8")
        lines = self.original.splitlines()
        if len(lines) > 1 and lines[1].startswith("# Angelegt von `buergerinfo import-oparl`"):
            lines = lines[len(self.header()):]  # the import's own header is no editor's comment
        self.has_comments = any(line.lstrip().startswith("#") and "yaml-language-server:" not in line for line in lines)

    # -- keys --

    def key(self, kind: str, oparl_id: str, wanted: str, taken: set[str], names: list[str | None]) -> str:
        """The entry's key: the one it had, the one of a hand-typed entry of one of `names`, else a new one."""
        list_key, attribute, _, _ = SECTIONS[kind]
        mapping: dict[str, list[str]] = getattr(self.state, attribute)
        existing = self.current[list_key]
        known = mapping.get(oparl_id)
        if known and known[0] not in taken:
            taken.add(known[0])
            return known[0]
        mapped = {entry[0] for entry in mapping.values()}
        folded = {name.casefold() for name in names if name}
        for entry in existing:
            if entry["id"] in mapped or entry["id"] in taken:
                continue
            if folded & {_display(entry).casefold(), str(entry.get("kurzname") or "").casefold()}:
                taken.add(entry["id"])
                return entry["id"]
        key = unique(wanted, taken | mapped | {entry["id"] for entry in existing})
        taken.add(key)
        return key

    def deleted(self, kind: str, oparl_id: str) -> None:
        _, attribute, words, _ = SECTIONS[kind]
        known = getattr(self.state, attribute).get(oparl_id)
        if known:
            self.run.report.deleted.append(f"{words}: {known[0]} in {self.relative} behalten (von Hand entfernen)")

    # -- writing --

    def write(self, terms: dict[str, Entry], groups: dict[str, Entry], persons: dict[str, Entry]) -> None:
        report = self.run.report
        overwrite = self.run.options.overwrite
        if self.broken:
            report.file(KIND, "übersprungen", self.relative, self.broken)
            return
        data = {"$schema": self.schema_ref, "koerperschaft": self.run.body_id}
        recorded: list[dict[str, Any]] = []
        for kind, imported in (("wahlperiode", terms), ("fraktion", groups), ("person", persons)):
            list_key = SECTIONS[kind][0]
            data[list_key] = self._merged(kind, imported, recorded, overwrite)
        data["wahlperioden"] = sorted(data["wahlperioden"], key=lambda t: str(t["beginn"]))
        try:
            text = checked_text(data, self.header(), PeopleModel)
        except InvalidData as exc:
            report.file(KIND, "übersprungen", self.relative, f"ergibt keine gültige Personen-Datei ({exc.reason})")
            return
        if self.exists:
            if plain(data) == self.loaded:
                text = self.original  # nothing to change: the file stays as it is, byte for byte, comments and all
            else:
                kept = update_yaml(self.original, data)  # changed in place: comments and layout stay
                if kept is not None:
                    text = kept
                elif self.has_comments and self.relative not in self.state.hashes and not overwrite:
                    report.file(KIND, "übersprungen", self.relative, "vorhanden, mit Kommentaren, nicht vom Import "
                                f"angelegt, nicht sicher zu ergänzen – nicht überschrieben ({OVERWRITE_HINT})")
                    return
        for entry in recorded:
            self.state.record(entry)
        write_owned(self.state, report, KIND, self.relative, text, overwrite=True)

    def _merged(self, kind: str, imported: dict[str, Entry], recorded: list, overwrite: bool) -> list[dict[str, Any]]:
        list_key, attribute, words, editors = SECTIONS[kind]
        mapping: dict[str, list[str]] = getattr(self.state, attribute)
        existing = {entry["id"]: entry for entry in self.current[list_key]}
        result = {key: entry for key, entry in existing.items()}
        new: list[dict[str, Any]] = []
        for oparl_id, entry in imported.items():
            old = existing.get(entry.key)
            known = mapping.get(oparl_id)
            data = entry.data
            if old is not None:
                by_hand = known is None or known[0] != entry.key or entry_hash(old, editors) != known[1]
                if by_hand and not overwrite:
                    if entry_hash(old, editors) != entry_hash(data, editors):
                        reason = "von Hand angelegt" if known is None else "von Hand geändert"
                        self.run.report.note(f"{words} in {self.relative}, {reason} – nicht überschrieben "
                                             f"({OVERWRITE_HINT})", oparl_id)
                    # The hash stays the import's own (none for an entry typed by hand): the entry stays the editors'.
                    self._record(recorded, kind, oparl_id, entry.key, known[1] if known else "", known)
                    continue
                data = _in_model_order({**data, **{k: old[k] for k in editors if k in old and data.get(k) is None}})
                result[entry.key] = data
            else:
                new.append(data)
            self._record(recorded, kind, oparl_id, entry.key, entry_hash(data, editors), known)
        new.sort(key=lambda e: (_sort_name(e), e["id"]))
        return [*result.values(), *new]

    def _record(self, recorded: list, kind: str, oparl_id: str, key: str, digest: str, known) -> None:
        if known != [key, digest]:
            recorded.append({kind: oparl_id, "schluessel": key, "hash": digest})

    def header(self) -> list[str]:
        source = self.state.run.get("quelle", "") if self.state.run else ""
        return [
            schema_comment(self.relative, "personen.schema.json"),
            f"Angelegt von `buergerinfo import-oparl` aus {comment_safe(source)}: Wahlperioden, Fraktionen,",
            "Personen und ihre Mitgliedschaften. Keine Kontaktdaten und Fotos aus dem alten System: veröffentlicht",
            "werden sie nur mit Einwilligung (`kontakt`/`foto` mit `einwilligung`, von Hand). `veroeffentlichen`,",
            "`kontakt` und `foto` bleiben bei jedem Import erhalten, Kommentare auch; andere Änderungen an einem",
            "Eintrag ebenso, der Import nennt ihn dann.",
        ]


def _in_model_order(entry: dict[str, Any]) -> dict[str, Any]:
    """The keys in the order of the data model (an editor's `veroeffentlichen` before the Mitgliedschaften)."""
    order = {name: index for index, name in enumerate(FIELD_ORDER)}
    return dict(sorted(entry.items(), key=lambda item: order.get(item[0], len(order))))


def _display(entry: dict[str, Any]) -> str:
    if entry.get("name"):
        return str(entry["name"])
    return " ".join(str(entry[k]) for k in ("titel", "vorname", "familienname") if entry.get(k))


def _sort_name(entry: dict[str, Any]) -> str:
    return f"{entry.get('familienname') or entry.get('name') or ''} {entry.get('vorname') or ''}".casefold()

