"""What the report is to count about an object, handed on as data instead of told to the report.

The mapping and the steps that gather what a Vorlage needs are not meant to know the report:
they return a `Notes` beside their result, and the step that writes the file hands it to
`ImportReport.take`. The report counts a note with a key (an OParl id) once per object, however
often the object is read, so collecting notes first counts them exactly as telling them at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Notes:
    notes: list[tuple[str, str | None]] = field(default_factory=list)  # (German label, key)
    unmapped_results: list[tuple[str, str, str]] = field(default_factory=list)  # (wording, key of the Beratung, Vorlage)
    result_rules: list[tuple[str, str, str, bool]] = field(default_factory=list)  # (rule, wording, key, derived)
    unmapped_roles: list[tuple[str, str]] = field(default_factory=list)  # (wording, key of the Beratung)

    def note(self, label: str, key: str | None = None) -> None:
        self.notes.append((label, key))

    def unmapped_result(self, wording: str, key: str, paper: str) -> None:
        """`paper` names the Vorlage (number, else file) as the report's examples show it."""
        self.unmapped_results.append((wording, key, paper))

    def result_rule(self, rule: str, wording: str, key: str, derived: bool = False) -> None:
        """Which rule (`mapping.result_fields`) decided a Beratung's result wording."""
        self.result_rules.append((rule, wording, key, derived))

    def unmapped_role(self, wording: str, key: str) -> None:
        self.unmapped_roles.append((wording, key))

    def extend(self, other: Notes) -> Notes:
        self.notes += other.notes
        self.unmapped_results += other.unmapped_results
        self.result_rules += other.result_rules
        self.unmapped_roles += other.unmapped_roles
        return self
