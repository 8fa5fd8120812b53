"""What the import knows between runs: the state file and the journal of a running import.

`.import/<körperschaft>.json` (outside data/, so the check and the site never see
it; commit it with the data) keeps, per Körperschaft:

* the start time of the last completed run (the next run asks only for changes since then);
* which OParl object became which file or Gremium, so names stay stable across runs;
* a hash of every file as the import wrote it: a file whose content no longer has that
  hash was edited by hand and is not overwritten without `--ueberschreiben`.

The nicht öffentliche Vorlagen an import files (`--nicht-oeffentliche ablegen`) go to the
confidential folder, a private repository; their file names hold their Vorlagen-Nr. So what the
state knows of them (their OParl ids, files, numbers and hashes) is kept in that folder's own
`.import/<körperschaft>.json`, never in the public one: `.import/` is committed with the public
data. Without that folder (a checkout of the public repository alone) the import knows nothing of
them and leaves them out or files them anew.

While a run is going, every step is appended to `.import/<körperschaft>.journal`
before it happens (a written file's hash, a new mapping, the next list page). An
import that is killed leaves the journal behind; the next call replays it and
continues at the last page it had finished. A completed run folds the journal into
the state file and removes it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from buergerinfo.editing.textedit import write_text_atomically

STATE_DIR = ".import"
FORMAT = 1


class StateError(Exception):
    """The state file cannot be read; German."""


def content_hash(data: bytes) -> str:
    return hash_from_sha256(hashlib.sha256(data).hexdigest())


def hash_from_sha256(hexdigest: str) -> str:
    """`content_hash` of a file whose SHA-256 is already known (a download hashes while it writes)."""
    return hexdigest[:32]


def file_hash(path: Path) -> str | None:
    try:
        return content_hash(path.read_bytes())
    except FileNotFoundError:
        return None


@dataclass
class ImportState:
    root: Path
    body_id: str
    source: str | None = None
    last_run: str | None = None  # start of the last completed run, ISO 8601 in UTC
    # Hash of the Körperschaft's `ergebnis_zuordnung` and `beschlussarten` at the last completed run: when an
    # editor changed them, the next run compares everything, or the pasted mapping would reach no Vorlage.
    vocabulary: str | None = None
    organizations: dict[str, str] = field(default_factory=dict)  # Organization id -> Gremium key
    meetings: dict[str, list[list[str]]] = field(default_factory=dict)  # Meeting id -> [[Gremium key, date], …]
    papers: dict[str, list[str | None]] = field(default_factory=dict)  # Paper id -> [file, Vorlagen-Nr.]
    # File id -> [path in anlagen/, modified], or [None, modified, digest, dateiname, groesse] in the Anlagen-Ablage
    attachments: dict[str, list[Any]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)  # file (from the root) -> content hash
    # The confidential folder, from the root ("nicht-oeffentlich"): what is in it is saved there (see above).
    private_dir: str | None = None
    # The Personen file, entry by entry: OParl id -> [key, hash of the entry as the import wrote it] (`people_file`).
    persons: dict[str, list[str]] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)  # Fraktionen
    terms: dict[str, list[str]] = field(default_factory=dict)  # Wahlperioden
    # Only while a run is going (from the journal):
    run: dict[str, Any] | None = None
    pending: set[str] = field(default_factory=set)  # Paper ids whose related Vorlagen were not known yet
    candidates: dict[str, set[str]] = field(default_factory=dict)  # file -> every hash it had during the run
    _journal: TextIO | None = None

    # -- files --

    @property
    def path(self) -> Path:
        return self.root / STATE_DIR / f"{self.body_id}.json"

    @property
    def journal_path(self) -> Path:
        return self.root / STATE_DIR / f"{self.body_id}.journal"

    @property
    def relative_path(self) -> str:
        return f"{STATE_DIR}/{self.body_id}.json"

    @property
    def private_path(self) -> Path | None:
        """The state of what the import filed in the confidential folder (see the module docstring)."""
        if self.private_dir is None:
            return None
        return self.root / self.private_dir / STATE_DIR / f"{self.body_id}.json"

    @classmethod
    def load(cls, root: Path, body_id: str, private_dir: str | None = None) -> ImportState:
        state = cls(root, body_id, private_dir=private_dir)
        data = _read_state(state.path, state.relative_path)
        if data is not None:
            state.source = data.get("quelle")
            state.last_run = data.get("letzter_lauf")
            state.vocabulary = data.get("zuordnung")
            state.organizations = dict(data.get("gremien", {}))
            state.meetings = dict(data.get("sitzungen", {}))
            state.papers = dict(data.get("vorlagen", {}))
            state.attachments = dict(data.get("anlagen", {}))
            state.hashes = dict(data.get("dateien", {}))
            state.persons = dict(data.get("personen", {}))
            state.groups = dict(data.get("fraktionen", {}))
            state.terms = dict(data.get("wahlperioden", {}))
        private = state.private_path
        if private is not None:
            data = _read_state(private, private.relative_to(root).as_posix())
            if data is not None:
                state.papers.update(data.get("vorlagen", {}))
                state.hashes.update(data.get("dateien", {}))
        if state.journal_path.is_file():
            state._replay()
        return state

    def _is_private(self, relative: str | None) -> bool:
        return bool(self.private_dir and relative and relative.startswith(self.private_dir.rstrip("/") + "/"))

    def save(self) -> None:
        private_papers = {key: value for key, value in self.papers.items() if self._is_private(value[0])}
        private_hashes = {key: value for key, value in self.hashes.items() if self._is_private(key)}
        data = {
            "format": FORMAT,
            "koerperschaft": self.body_id,
            "quelle": self.source,
            "letzter_lauf": self.last_run,
            **({"zuordnung": self.vocabulary} if self.vocabulary else {}),
            "gremien": dict(sorted(self.organizations.items())),
            "sitzungen": dict(sorted(self.meetings.items())),
            "vorlagen": dict(sorted(item for item in self.papers.items() if item[0] not in private_papers)),
            "anlagen": dict(sorted(self.attachments.items())),
            "dateien": dict(sorted(item for item in self.hashes.items() if item[0] not in private_hashes)),
            **{key: dict(sorted(getattr(self, attribute).items()))
               for key, attribute in (("personen", "persons"), ("fraktionen", "groups"), ("wahlperioden", "terms"))
               if getattr(self, attribute)},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        private = self.private_path
        if private is None:
            return
        if private_papers or private_hashes:
            private.parent.mkdir(parents=True, exist_ok=True)
            kept = {"format": FORMAT, "koerperschaft": self.body_id, "vorlagen": dict(sorted(private_papers.items())),
                    "dateien": dict(sorted(private_hashes.items()))}
            write_text_atomically(private, json.dumps(kept, ensure_ascii=False, indent=1) + "\n")
        else:
            private.unlink(missing_ok=True)

    # -- the journal of a running import --

    def begin(self, run: dict[str, Any]) -> None:
        """Start a run (or keep the unfinished one) and open the journal for appending."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.run is None
        if fresh:
            self.run = dict(run)
        self._journal = open(self.journal_path, "a", encoding="utf-8")  # noqa: SIM115 - closed in finish()
        if fresh:
            self._write({"lauf": self.run})

    def _write(self, entry: dict[str, Any]) -> None:
        if self._journal is None:
            return
        self._journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._journal.flush()  # in the kernel before the step it announces: a killed process loses nothing

    def _replay(self) -> None:
        with open(self.journal_path, encoding="utf-8", errors="replace") as journal:
            for line in journal:
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut short by a crash
                if isinstance(entry, dict):
                    self._apply(entry)

    def _apply(self, entry: dict[str, Any]) -> None:
        if "lauf" in entry:
            self.run = dict(entry["lauf"])
        elif "datei" in entry and "hash" in entry:
            path = entry["datei"]
            allowed = self.candidates.setdefault(path, set())
            if path in self.hashes:
                allowed.add(self.hashes[path])
            allowed.add(entry["hash"])
            self.hashes[path] = entry["hash"]
        elif "datei_weg" in entry:
            self.hashes.pop(entry["datei_weg"], None)
        elif any(key in entry for key in _MAPPINGS):
            key = next(key for key in _MAPPINGS if key in entry)
            attribute, value = _MAPPINGS[key]
            getattr(self, attribute)[entry[key]] = value(entry)
        elif any(f"{key}_weg" in entry for key in _MAPPINGS):
            key = next(key for key in _MAPPINGS if f"{key}_weg" in entry)
            getattr(self, _MAPPINGS[key][0]).pop(entry[f"{key}_weg"], None)
        elif "offen" in entry:
            self.pending.add(entry["offen"])
        elif "weiter_ab" in entry and self.run is not None:
            self.run["phase"] = entry.get("phase")
            self.run["weiter_ab"] = entry["weiter_ab"]

    def record(self, entry: dict[str, Any]) -> None:
        """Note one step in the journal and in memory."""
        self._write(entry)
        if "datei" in entry and "hash" in entry:
            self.hashes[entry["datei"]] = entry["hash"]  # candidates only matter for a replayed run
        else:
            self._apply(entry)

    def finish(self) -> None:
        """Fold the run into the state file; afterwards the journal is gone."""
        for path, allowed in self.candidates.items():
            current = file_hash(self.root / path)
            if current is not None and current in allowed:
                self.hashes[path] = current
        self.candidates.clear()
        self.pending.clear()
        if self.run is not None:
            self.last_run = self.run.get("begonnen")
            self.source = self.run.get("quelle")
        self.run = None
        self.save()
        self.close()
        self.journal_path.unlink(missing_ok=True)

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    # -- whose file is it --

    @property
    def people_keys(self) -> dict[str, str]:
        """OParl id of a Person or Fraktion -> its key in the Personen file."""
        return {oparl_id: entry[0] for mapping in (self.persons, self.groups) for oparl_id, entry in mapping.items()}

    def owns(self, relative: str, current: str | None) -> bool:
        """True if the file at `relative` still has content this import wrote (or does not exist)."""
        if current is None:
            return True
        return current == self.hashes.get(relative) or current in self.candidates.get(relative, ())


def _read_state(path: Path, shown: str) -> dict[str, Any] | None:
    """A state file's content, None if there is none; StateError (German) if it cannot be read."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("unbekanntes Format")
        return data
    except (ValueError, UnicodeDecodeError, TypeError) as exc:
        raise StateError(
            f"{shown}: Zustandsdatei des Imports nicht lesbar ({exc}); bitte aus der "
            "Versionsverwaltung wiederherstellen oder löschen (dann gelten alle vorhandenen Dateien als "
            "von Hand angelegt und werden nicht überschrieben)"
        ) from None


# Journal entries that map an OParl id to something: key -> (attribute of the state, the value to keep).
# `<key>_weg` removes the id again.
_MAPPINGS: dict[str, tuple[str, Any]] = {
    "vorlage": ("papers", lambda entry: [entry.get("datei"), entry.get("nummer")]),
    "gremium": ("organizations", lambda entry: entry["schluessel"]),
    "sitzung": ("meetings", lambda entry: entry["schluessel"]),
    # In the Anlagen-Ablage: [None, modified, "sha256:…", dateiname, groesse].
    "anlage": ("attachments", lambda entry: [entry.get("datei"), entry.get("geaendert"), *entry.get("ablage", [])]),
    "person": ("persons", lambda entry: [entry["schluessel"], entry["hash"]]),
    "fraktion": ("groups", lambda entry: [entry["schluessel"], entry["hash"]]),
    "wahlperiode": ("terms", lambda entry: [entry["schluessel"], entry["hash"]]),
}


def remove_file(state: ImportState, relative: str) -> None:
    state.record({"datei_weg": relative})
    try:
        os.unlink(state.root / relative)
    except FileNotFoundError:
        pass
