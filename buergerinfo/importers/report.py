"""What an import did, counted, and said in German at the end of the run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from buergerinfo.importers.notes import Notes
from buergerinfo.importers.result_report import ResultCounts
from buergerinfo.importers.results import role_key

# File kinds and outcomes, in the order the report lists them.
KINDS = ("Körperschaft", "Personen", "Vorlage", "Sitzungen", "Anlage")
KIND_LABELS = {
    "Körperschaft": "Körperschaft",
    "Personen": "Personen und Fraktionen",
    "Vorlage": "Vorlagen",
    "Sitzungen": "Sitzungen (Zusatzangaben)",
    "Anlage": "Anlagen (geladene Dateien)",
}
OUTCOMES = ("angelegt", "geändert", "unverändert", "übersprungen", "entfernt")
LISTED = 25  # lines per list before "… und N weitere"


@dataclass
class ImportReport:
    source: str = ""
    body_id: str = ""
    since: str | None = None
    resumed_from: str | None = None
    outcomes: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, file) -> outcome of this run
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unmapped_results: Counter[str] = field(default_factory=Counter)  # wording -> Beratungen
    results: ResultCounts = field(default_factory=ResultCounts)  # rules, derived, unmapped with examples
    unmapped_roles: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)
    missing: dict[str, tuple[str, str]] = field(default_factory=dict)  # url -> (OParl type, reason)
    deleted: list[str] = field(default_factory=list)
    quirks: Counter[str] = field(default_factory=Counter)
    requests: int = 0
    retries: int = 0
    mapping_file: str = ""  # where `ergebnis_zuordnung` is extended
    check_passed: bool | None = None
    check_text: str = ""
    schemas: list[str] = field(default_factory=list)  # JSON Schemas rewritten for the Körperschaft's Gremien
    people: str = ""  # what the Personen file holds from the server, one German line (`people.PeopleImport`)
    error: str | None = None
    interrupted: bool = False
    _noted: set[tuple[str, str]] = field(default_factory=set, repr=False)

    # -- recording --

    def file(self, kind: str, outcome: str, path: str, reason: str | None = None) -> None:
        """What happened to one file; a file written twice in one run counts once, as what it became."""
        previous = self.outcomes.get((kind, path))
        if previous == "angelegt" and outcome in ("geändert", "unverändert"):
            outcome = "angelegt"
        elif previous == "geändert" and outcome == "unverändert":
            outcome = "geändert"
        self.outcomes[(kind, path)] = outcome
        if outcome == "übersprungen" and previous != "übersprungen":
            self.skipped.append((path, reason or ""))

    @property
    def files(self) -> Counter[tuple[str, str]]:
        return Counter((kind, outcome) for (kind, _), outcome in self.outcomes.items())

    def note(self, label: str, key: str | None = None) -> None:
        """Count one case of `label`; with a key (an OParl id), each object counts once however often it is read."""
        if self._first(label, key):
            self.notes[label] += 1

    def unmapped_result(self, wording: str, key: str, paper: str = "") -> None:
        if self._first(f"result {wording}", key):
            self.unmapped_results[wording] += 1
            self.results.unmapped.append((wording, paper or key))

    def result_rule(self, rule: str, wording: str, key: str, derived: bool) -> None:
        if self._first(f"rule {rule} {wording}", key):
            self.results.rule(rule, wording, derived)

    def unmapped_role(self, wording: str, key: str) -> None:
        if self._first(f"role {wording}", key):
            self.unmapped_roles[wording] += 1

    def _first(self, label: str, key: str | None) -> bool:
        if key is None:
            return True
        if (label, key) in self._noted:
            return False
        self._noted.add((label, key))
        return True

    def take(self, notes: Notes) -> None:
        """Count what the mapping or a step returned about one object (see `notes`)."""
        for label, key in notes.notes:
            self.note(label, key)
        for wording, key, paper in notes.unmapped_results:
            self.unmapped_result(wording, key, paper)
        for rule, wording, key, derived in notes.result_rules:
            self.result_rule(rule, wording, key, derived)
        for wording, key in notes.unmapped_roles:
            self.unmapped_role(wording, key)

    def quirk(self, label: str) -> None:
        self.quirks[label] += 1

    def not_found(self, url: str, kind: str, reason: str) -> None:
        self.missing.setdefault(url, (kind, reason))

    @property
    def ok(self) -> bool:
        return self.error is None and not self.interrupted and self.check_passed is not False

    # -- the German text --

    def text(self) -> str:
        lines = [f"OParl-Import nach „{self.body_id}“ aus {self.source}"]
        if self.resumed_from:
            lines.append(f"Fortsetzung des abgebrochenen Imports vom {self.resumed_from}.")
        if self.since:
            lines.append(f"Nur Änderungen seit {self.since} abgefragt (modified_since).")
        else:
            lines.append("Vollständiger Abgleich mit dem Server.")
        lines += ["", "Dateien:"]
        width = max(len(label) for label in KIND_LABELS.values())
        files = self.files
        for kind in KINDS:
            counts = [(outcome, files[(kind, outcome)]) for outcome in OUTCOMES]
            if not any(number for _, number in counts):
                continue
            shown = ", ".join(f"{number} {outcome}" for outcome, number in counts if number or outcome != "entfernt")
            lines.append(f"  {KIND_LABELS[kind].ljust(width)}  {shown}")
        if not files:
            lines.append("  keine")
        elif all(outcome == "unverändert" for (_, outcome) in files):
            lines.append("  Nichts geändert: jede Datei ist so, wie der letzte Import sie geschrieben hat.")
        if self.people:
            lines += ["", self.people]
        if self.skipped:
            lines += ["", f"Übersprungen ({len(self.skipped)}):"]
            lines += _listed(f"  {path}: {reason}" for path, reason in self.skipped)
        lines += self.results.lines(self.mapping_file or "der Datei der Körperschaft", LISTED)
        if self.unmapped_roles:
            groups = role_groups(self.unmapped_roles)
            lines += ["", f"Rollen ohne Zuordnung ({len(groups)}; Rolle nicht gesetzt, in den Vorlagen von Hand "
                          "nachtragen oder leer lassen):"]
            lines += _listed(
                f"  „{spellings[0]}“ ({_times(n, 'Beratung', 'Beratungen')})"
                + (f"; auch geschrieben: {', '.join(f'„{w}“' for w in spellings[1:4])}" if len(spellings) > 1 else "")
                for spellings, n in groups
            )
        if self.notes:
            lines += ["", "Hinweise:"]
            lines += _listed(f"  {label}: {number}" for label, number in sorted(self.notes.items()))
        if self.missing:
            lines += ["", f"Vom Server nicht erhalten ({len(self.missing)}):"]
            lines += _listed(f"  {url} ({kind}): {reason}" for url, (kind, reason) in self.missing.items())
        if self.deleted:
            lines += ["", f"Auf dem Server gelöscht ({len(self.deleted)}):"]
            lines += _listed(f"  {line}" for line in self.deleted)
        if self.quirks:
            lines += ["", "Eigenheiten des Servers (ausgeglichen):"]
            lines += _listed(f"  {label}: {number}×" for label, number in sorted(self.quirks.items()))
        lines += ["", f"{_times(self.requests, 'Anfrage', 'Anfragen')} an den Server, davon {self.retries} Wiederholungen."]
        if self.error:
            lines += ["", f"Abgebrochen: {self.error}"]
        if self.interrupted or self.error:
            lines.append(
                "Bisher Importiertes bleibt gültig gespeichert; derselbe Aufruf setzt den Import an dieser Stelle fort."
            )
        if self.check_text:
            lines += ["", self.check_text]
        if self.schemas:
            lines += ["", "JSON-Schemas für die Eingabehilfe im Editor aktualisiert (mit einchecken):"]
            lines += _listed(f"  {name}" for name in self.schemas)
        return "\n".join(lines) + "\n"


def role_groups(roles: Counter[str]) -> list[tuple[list[str], int]]:
    """Unmapped role wordings, one entry per wording up to case, punctuation and spacing, most Beratungen first."""
    groups: dict[str, tuple[list[str], int]] = {}
    for wording, number in roles.most_common():
        spellings, count = groups.get(role_key(wording), ([], 0))
        groups[role_key(wording)] = ([*spellings, wording], count + number)
    return sorted(groups.values(), key=lambda group: (-group[1], group[0][0]))


def _times(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _listed(lines) -> list[str]:
    lines = list(lines)
    if len(lines) <= LISTED:
        return lines
    return lines[:LISTED] + [f"  … und {len(lines) - LISTED} weitere"]
