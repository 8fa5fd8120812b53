"""Problems in data files, reported to editors in German.

Every problem names the file, line, column and field, says what is wrong and
what was expected. Pydantic's English messages never reach an editor: each
error type is translated here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError

from buergerinfo.reading.problems import DataProblem
from buergerinfo.reading.yamldocument import YamlDocument


def field_path(path: Iterable[str | int]) -> str:
    """('beratungsfolge', 2, 'ergebnis') -> 'beratungsfolge[3].ergebnis' (counting like a person)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice an editor most likely meant, or None."""
    choices = [str(c) for c in choices]
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if close:
        return close[0]
    lowered = {c.lower(): c for c in choices}
    return lowered.get(value.lower())


def closest_path(value: str, paths: Iterable[str]) -> str | None:
    """The existing file an editor most likely meant: same name in another folder, else the most similar path."""
    paths = list(paths)
    name = value.rsplit("/", 1)[-1].lower()
    same_name = [p for p in paths if p.rsplit("/", 1)[-1].lower() == name]
    if same_name:
        return same_name[0]
    close = difflib.get_close_matches(value, paths, n=1, cutoff=0.6)
    if close:
        return close[0]
    names = {p.rsplit("/", 1)[-1]: p for p in paths}
    close = difflib.get_close_matches(value.rsplit("/", 1)[-1], list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def suggestion(value: str, choices: Iterable[str]) -> str:
    """' – meinten Sie „x“?' when a close match exists, else ''."""
    close = closest(value, choices)
    return f" – meinten Sie „{close}“?" if close else ""


def unknown(
    kind: str, value: str, choices: Iterable[str], listing: str = "erlaubt", note: str = "", list_when_close=True
) -> str:
    """'unbekanntes Gremium „x“ – meinten Sie „y“? Erlaubt: a, b'."""
    choices = [str(c) for c in choices]
    close = closest(value, choices)
    text = f"{kind} „{value}“"
    if close:
        text += f" – meinten Sie „{close}“?"
    if listing and (list_when_close or not close):
        label = listing[:1].upper() + listing[1:] if close else listing
        separator = " " if close else "; "
        text += f"{separator}{label}: {', '.join(choices) if choices else 'keine'}"
    if note:
        text += f" ({note})"
    return text


def _shown(value: Any, written: str | None = None) -> str:
    if written is not None and not isinstance(value, str):
        text = written or "(leer)"
    elif value is None:
        text = "(leer)"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = f"„{value}“"
    elif isinstance(value, dict):
        text = "eine Zuordnung („Feld: Wert“)"
    elif isinstance(value, list):
        text = "eine Liste („- …“)"
    else:
        text = repr(value)
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
_DATE_ERRORS = {
    "date_format",
    "date_parsing",
    "date_type",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)


_WORDS_FOR_BOOLEANS = {
    "ja": "true", "wahr": "true", "richtig": "true", "j": "true",
    "nein": "false", "falsch": "false", "n": "false",
}


def _boolean_message(value: Any, written: str | None, meaning: str | None) -> str:
    shown = _shown(value, written)
    text = f"true oder false erwartet, gefunden: {shown}"
    meant = _WORDS_FOR_BOOLEANS.get(str(value if written is None else written).strip().lower())
    if meant:
        text += f" – meinten Sie „{meant}“?"
    if meaning:
        text += f" (Bedeutung: {meaning})"
    return text


def translate(
    error: dict[str, Any], allowed_fields: Iterable[str] = (), written: str | None = None, meaning: str | None = None
) -> str:
    """A German message for one pydantic error.

    `allowed_fields` are the keys allowed where the error stands (for typos and
    misplaced mappings); `written` is the scalar as the editor typed it, when YAML
    turned it into something else (`0042` into 34).
    """
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    allowed_fields = list(allowed_fields)
    if kind == "missing":
        return f"Pflichtfeld fehlt – bitte „{error['loc'][-1]}: …“ ergänzen"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        return unknown("unbekanntes Feld", name, allowed_fields, listing="erlaubte Felder", list_when_close=False)
    if value is None and (kind in _TYPE_EXPECTATIONS or kind in _DATE_ERRORS):
        return f"kein Wert angegeben; {_expected(kind, allowed_fields)}"
    if kind in {"bool_type", "bool_parsing"} and value is not None:
        return _boolean_message(value, written, meaning)
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        shown = _shown(value, written)
        return f'Text erwartet, gefunden: {shown} – bitte in Anführungszeichen setzen: "{shown}"'
    if kind in _TYPE_EXPECTATIONS:
        return f"{_expected(kind, allowed_fields)}, gefunden: {_shown(value, written)}"
    if kind in _DATE_ERRORS:
        return _date_message(value, written)
    if kind == "string_too_short":
        return "darf nicht leer sein"
    if kind == "string_too_long":
        return f"zu lang: höchstens {ctx.get('max_length')} Zeichen erlaubt, gefunden: {len(str(value))} Zeichen"
    if kind == "too_short":
        return f"mindestens {ctx.get('min_length', 1)} Eintrag erwartet"
    if kind == "string_pattern_mismatch":
        return _pattern_message(ctx.get("pattern", ""), value)
    if kind == "literal_error":
        choices = re.findall(r"'((?:[^'\\]|\\.)*)'", str(ctx.get("expected", "")))
        return unknown("unbekannter Wert", str(value) if written is None else written, choices)
    if kind in {"greater_than_equal", "greater_than"}:
        return f"Zahl ab {ctx.get('ge', ctx.get('gt', 0))} erwartet, gefunden: {_shown(value, written)}"
    if kind in {"less_than_equal", "less_than"}:
        return f"Zahl bis {ctx.get('le', ctx.get('lt', 0))} erwartet, gefunden: {_shown(value, written)}"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "")))
    return f"ungültiger Wert {_shown(value, written)}"


def _expected(kind: str, allowed_fields: list[str]) -> str:
    if kind in _DATE_ERRORS:
        return "Datum im Format JJJJ-MM-TT erwartet (z. B. 2018-11-28)"
    text = _TYPE_EXPECTATIONS[kind]
    if kind.startswith("model") and allowed_fields:
        text += f" (Felder: {', '.join(allowed_fields)})"
    return text


def _date_message(value: Any, written: str | None) -> str:
    text = written if written is not None else value
    if isinstance(text, str):
        match = _ISO_DATE.match(text.strip())
        if match:
            year, month, day = (int(part) for part in match.groups())
            if not 1 <= month <= 12:
                reason = f"einen Monat {month} gibt es nicht"
            else:
                days = calendar.monthrange(year, month)[1]
                reason = f"der {_MONTHS[month - 1]} {year} hat nur {days} Tage" if day > days or day < 1 else ""
            return f"kein gültiges Kalenderdatum: „{text}“" + (f" ({reason})" if reason else "")
        german = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$", text.strip())
        if german:
            day, month, year = german.groups()
            year = year if len(year) == 4 else f"20{year}"  # only a hint; the editor decides
            return (
                f"Datum im Format JJJJ-MM-TT erwartet, gefunden: „{text}“ – gemeint ist wohl "
                f"{year}-{int(month):02d}-{int(day):02d}"
            )
    return f"Datum im Format JJJJ-MM-TT erwartet (z. B. 2018-11-28), gefunden: {_shown(value, written)}"


def date_problem(text: str) -> str | None:
    """Why `text` is not a day written JJJJ-MM-TT, or None (for dates given on the command line)."""
    if _ISO_DATE.match(text):
        try:
            dt.date.fromisoformat(text)
            return None
        except ValueError:
            pass
    return _date_message(text, None)


def _pattern_message(pattern: str, value: Any) -> str:
    from buergerinfo.model.base import (
        ATTACHMENT_PATH_PATTERN,
        CLOCK_PATTERN,
        URL_PATTERN,
    )  # the model reports through this module
    from buergerinfo.model.stored_files import DIGEST_PATTERN, FILE_NAME_PATTERN

    if pattern == DIGEST_PATTERN:
        return (
            "„sha256:“ und die 64 Ziffern und Kleinbuchstaben a–f der SHA-256-Prüfsumme der Datei erwartet "
            f"(z. B. aus `sha256sum lageplan.pdf`), gefunden: {_shown(value)}"
        )
    if pattern == FILE_NAME_PATTERN:
        return (
            "ein Dateiname mit Endung erwartet (z. B. „lageplan.pdf“), ohne Ordner und ohne „#“, „?“, „%“, „\\“, "
            f"gefunden: {_shown(value)}"
        )
    if pattern == ATTACHMENT_PATH_PATTERN:
        return (
            f"der Dateiname darf „#“, „?“, „%“ und „\\“ nicht enthalten (sie würden den Link zur Datei "
            f"abschneiden) – bitte die Datei umbenennen, gefunden: {_shown(value)}"
        )

    if pattern == URL_PATTERN:
        return (
            "vollständige Adresse mit http:// oder https:// erwartet, ohne Leerzeichen, Anführungszeichen und "
            f"spitze Klammern (z. B. https://www.landkreis-beispiel.de/), gefunden: {_shown(value)}"
        )
    if pattern == CLOCK_PATTERN:
        return f"Uhrzeit im Format HH:MM von 00:00 bis 23:59 erwartet (z. B. \"15:00\"), gefunden: {_shown(value)}"
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


def _clean_loc(loc: tuple) -> tuple:
    loc = tuple(part for part in loc if not (isinstance(part, str) and part.startswith("function-")))
    # Pydantic appends the type name for errors inside Literal/Union members; drop those parts.
    return tuple(part for part in loc if not (isinstance(part, str) and part[:1].isupper() and "[" in part))


def problems_from_validation_error(
    exc: ValidationError,
    file: str,
    position_of: Callable[[tuple], tuple[int, int]],
    allowed_fields_at: Callable[[tuple], list[str]],
    written: dict[tuple, str] | None = None,
    meaning_at: Callable[[tuple], str | None] | None = None,
) -> list[DataProblem]:
    """Turn pydantic's errors into DataProblems pointing into the YAML file."""
    written = written or {}
    errors = [(error, _clean_loc(error["loc"])) for error in exc.errors(include_url=False)]
    missing = {loc for error, loc in errors if error["type"] == "missing"}
    # A typo of a required field (`betref`) also makes `betreff` missing: the typo's message says both.
    typo_of_missing: set[tuple] = set()
    for error, loc in errors:
        if error["type"] == "extra_forbidden":
            close = closest(str(loc[-1]), allowed_fields_at(loc[:-1]))
            if close and loc[:-1] + (close,) in missing:
                typo_of_missing.add(loc)
                missing.discard(loc[:-1] + (close,))
    problems = []
    for error, loc in errors:
        kind = error["type"]
        if kind == "missing" and loc not in missing:
            continue
        points_at_value = kind in _TYPE_EXPECTATIONS or kind in _DATE_ERRORS or kind.startswith(
            ("string", "literal", "greater")
        )
        if kind == "value_error" and not isinstance(error.get("input"), (dict, list)):
            points_at_value = True  # e.g. a `nummernformat` that is no regular expression
        if points_at_value and loc:
            line, column = position_of(loc + ("__value__",))
        else:
            line, column = position_of(loc)
        if kind == "extra_forbidden":
            allowed = allowed_fields_at(loc[:-1])
        elif kind.startswith("model"):
            allowed = allowed_fields_at(loc)
        else:
            allowed = []
        meaning = meaning_at(loc) if meaning_at and kind.startswith("bool") else None
        message = translate(error, allowed, written.get(loc), meaning)
        if loc in typo_of_missing:
            message += f" „{closest(str(loc[-1]), allowed)}“ ist ein Pflichtfeld und fehlt sonst."
        problems.append(DataProblem(file, line, column, field_path(loc), message))
    return problems


def describe_root(data: Any) -> str:
    if data is None:
        return "eine leere Datei"
    if isinstance(data, list):
        return "eine Liste (Zeilen mit „- “)"
    text = str(data)
    return f"nur der Wert „{text if len(text) <= 40 else text[:39] + '…'}“"


_DUPLICATE_ID = re.compile(r"^Gremium-Schlüssel „(.+)“ kommt doppelt vor$")


def pinpoint_duplicate_ids(problems: list[DataProblem], document: YamlDocument) -> list[DataProblem]:
    """Point a duplicated Gremium-Schlüssel at its second occurrence instead of at `gremien`."""
    result = []
    for problem in problems:
        match = _DUPLICATE_ID.match(problem.message)
        entries = document.data.get("gremien") if isinstance(document.data, dict) else None
        if match and problem.field == "gremien" and isinstance(entries, list):
            indexes = [i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("id") == match.group(1)]
            if len(indexes) > 1:
                first, second = indexes[0], indexes[1]
                line, column = document.position_of(("gremien", second, "id", "__value__"))
                problem = DataProblem(
                    problem.file,
                    line,
                    column,
                    field_path(("gremien", second, "id")),
                    f"Gremium-Schlüssel „{match.group(1)}“ kommt doppelt vor (schon bei gremien[{first + 1}], "
                    f"Zeile {document.position_of(('gremien', first, 'id'))[0]}); jeder Schlüssel nur einmal",
                )
        result.append(problem)
    return result
