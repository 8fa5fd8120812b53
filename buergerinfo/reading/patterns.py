"""Regular expressions that come from data files, run in a linear-time engine.

A Körperschaft writes its number format (`nummernformat`) as a regular expression.
Python's `re` backtracks: `(a+)+$` against a long number takes longer than the age
of the universe, and the check and the build would hang on every Vorlage. RE2
(google-re2) guarantees time linear in the length of the text and refuses the
features that need backtracking (back-references, lookaround) when the pattern is
compiled, so such a pattern is reported with a German message instead.

Patterns are matched as a whole (`fullmatch`), so `^…$` in a format is optional.
`\\d` means the digits 0–9 only, not the digits of other scripts as in Python.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import re2

from buergerinfo.reading.limits import MAX_PATTERN_CHARS

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print its English reason to stderr; the message below says it in German
_OPTIONS.max_mem = 1 << 20  # a number format needs a few kilobytes; a huge repetition is refused, not built

# RE2's reasons (the text before the colon) in German. See re2/re2.h, RE2::ErrorCode.
_REASONS = {
    "invalid escape sequence": "unbekannte Escape-Sequenz (Rückverweise wie \\1 und \\Z gibt es hier nicht)",
    "invalid character class range": "ungültiger Bereich in eckigen Klammern",
    "invalid character class": "ungültige Zeichenklasse",
    "missing ]": "„[“ wird nicht mit „]“ geschlossen",
    "missing )": "„(“ wird nicht mit „)“ geschlossen",
    "unexpected )": "„)“ ohne öffnende Klammer",
    "trailing \\": "„\\“ am Ende",
    "no argument for repetition operator": "Wiederholung (*, +, ?) ohne etwas davor",
    "invalid repetition size": "Wiederholung {…} zu groß oder ungültig",
    "bad repetition operator": "doppelte Wiederholung (z. B. „**“)",
    "invalid perl operator": "Vorausschau, Rückschau und ähnliche Klammern (?…) werden nicht unterstützt",
    "invalid UTF-8": "ungültiges Zeichen",
    "invalid named capture group": "ungültiger Gruppenname",
    "pattern too large - compile failed": "der Ausdruck wird zu groß",
}


class PatternRefused(ValueError):
    """A pattern from a data file that the engine does not take; the message is German."""


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> Any:
    """The compiled pattern, or PatternRefused saying why in German."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise PatternRefused(
            f"der Ausdruck ist zu lang ({len(pattern)} Zeichen, höchstens {MAX_PATTERN_CHARS}); "
            "ein Nummernformat ist meist kürzer als 30 Zeichen, z. B. `\\d{4}/\\d{4}`"
        )
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        raise PatternRefused(f"kein gültiger regulärer Ausdruck: {_reason(exc)}, z. B. `\\d{{4}}/\\d{{4}}`") from None


def _reason(exc: re2.error) -> str:
    raw = exc.args[0] if exc.args else b""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    reason, _, fragment = text.partition(": ")
    german = _REASONS.get(reason.strip(), "der Ausdruck ist fehlerhaft")
    return f"{german} (bei „{fragment}“)" if fragment else german


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` cannot serve as a number format (German), or None."""
    try:
        compile_pattern(pattern)
    except PatternRefused as exc:
        return str(exc)
    return None


def matches_number_format(pattern: str, number: str) -> bool:
    """Whether a Vorlagen-Nr. fits a Körperschaft's number format, as a whole and in linear time."""
    return compile_pattern(pattern).fullmatch(number) is not None
