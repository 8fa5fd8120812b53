"""Problems in data files, reported to editors in German.

Every problem names the file, line, column and field, says what is wrong and
what was expected. Pydantic's English messages never reach an editor: each
error type is translated here.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Iterable, Literal

from pydantic import ValidationError

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


def field_path(path: Iterable[str | int]) -> str:
    """('beratungsfolge', 2, 'ergebnis') -> 'beratungsfolge[3].ergebnis' (counting like a person)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text


def suggestion(value: str, choices: Iterable[str]) -> str:
    """' — meinten Sie „x“?' when a close match exists, else ''."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        if value.lower() in lowered:
            close = [lowered[value.lower()]]
    return f" – meinten Sie „{close[0]}“?" if close else ""


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"„{value}“"
    return text if len(text) <= 60 else text[:57] + "…"


_TYPE_EXPECTATIONS = {
    "string_type": "Text erwartet",
    "int_type": "ganze Zahl erwartet",
    "int_parsing": "ganze Zahl erwartet",
    "int_from_float": "ganze Zahl erwartet",
    "bool_type": "true oder false erwartet",
    "bool_parsing": "true oder false erwartet",
    "list_type": "Liste erwartet (Einträge mit „- “ beginnen)",
    "dict_type": "Zuordnung mit „Feld: Wert“ erwartet",
    "model_type": "Zuordnung mit „Feld: Wert“ erwartet",
    "model_attributes_type": "Zuordnung mit „Feld: Wert“ erwartet",
}


def translate(error: dict[str, Any], allowed_fields: Iterable[str] = ()) -> str:
    """A German message for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "Pflichtfeld fehlt"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        return f"unbekanntes Feld „{name}“{suggestion(name, allowed_fields)}"
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        return f'Text erwartet, gefunden: {_shown(value)} – bitte in Anführungszeichen setzen: "{value}"'
    if kind in _TYPE_EXPECTATIONS:
        return f"{_TYPE_EXPECTATIONS[kind]}, gefunden: {_shown(value)}"
    if kind in {"date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"}:
        if isinstance(value, str) and _looks_like_iso_date(value):
            return f"kein gültiges Kalenderdatum: {_shown(value)}"
        return f"Datum im Format JJJJ-MM-TT erwartet (z. B. 2018-11-28), gefunden: {_shown(value)}"
    if kind == "string_too_short":
        return "darf nicht leer sein"
    if kind == "too_short":
        return f"mindestens {ctx.get('min_length', 1)} Eintrag erwartet"
    if kind == "string_pattern_mismatch":
        return _pattern_message(ctx.get("pattern", ""), value)
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"unbekannter Wert {_shown(value)}; erlaubt: {expected.replace(' or ', ', ')}"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"Zahl ab {ctx.get('ge', ctx.get('gt', 0))} erwartet, gefunden: {_shown(value)}"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "")))
    return f"ungültiger Wert {_shown(value)}"


def _looks_like_iso_date(value: str) -> bool:
    parts = value.split("-")
    return len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4


def _pattern_message(pattern: str, value: Any) -> str:
    if "a-z0-9" in pattern:
        return (
            f"Schlüssel aus Kleinbuchstaben, Ziffern und Bindestrichen erwartet (z. B. „kreisausschuss“), "
            f"gefunden: {_shown(value)}"
        )
    if pattern.startswith("^https?"):
        return f"Adresse mit http:// oder https:// erwartet, gefunden: {_shown(value)}"
    if "\\d{2}:\\d{2}" in pattern:
        return f"Uhrzeit im Format HH:MM erwartet, gefunden: {_shown(value)}"
    return f"Wert passt nicht zum Muster {pattern}: {_shown(value)}"


def problems_from_validation_error(
    exc: ValidationError, file: str, position_of, allowed_fields_at
) -> list[DataProblem]:
    """Turn pydantic's errors into DataProblems pointing into the YAML file."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        # Pydantic appends the type name for errors inside Literal/Union members; drop those parts.
        loc = tuple(part for part in loc if not (isinstance(part, str) and part[:1].isupper() and "[" in part))
        if error["type"] in _TYPE_EXPECTATIONS or error["type"].startswith(("date", "string", "literal", "greater")):
            line, column = position_of(loc + ("__value__",)) if loc else position_of(loc)
        else:
            line, column = position_of(loc)
        allowed = allowed_fields_at(loc[:-1]) if error["type"] == "extra_forbidden" else ()
        problems.append(DataProblem(file, line, column, field_path(loc), translate(error, allowed)))
    return problems
