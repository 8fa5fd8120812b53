"""Problems found in data files: where they are (file, line, column, field) and what is wrong.

The smallest shared vocabulary of the core: reading, checking, the editor commands and the
site all report through these two classes, so it lives at the bottom of the pipeline.
The German wording of a problem is made in `buergerinfo.checking.messages`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["Fehler", "Warnung"]


@dataclass(frozen=True, order=True)
class DataProblem:
    file: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = "Fehler"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        subject = f"Feld „{self.field}“: " if self.field else ""
        return f"{where}: {self.severity}: {subject}{self.message}"


class DataInvalid(Exception):
    """Raised when the data cannot be published; carries every problem found."""

    def __init__(self, problems: list[DataProblem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    @property
    def errors(self) -> list[DataProblem]:
        return [p for p in self.problems if p.severity == "Fehler"]

    def report(self) -> str:
        errors = len(self.errors)
        lines = [str(p) for p in self.problems]
        lines.append(
            f"{errors} Fehler in den Daten – es wurde nichts veröffentlicht. "
            "Bitte die genannten Stellen korrigieren."
        )
        return "\n".join(lines)
