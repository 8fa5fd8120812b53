"""What MkDocs says while building, said in German for editors.

`make site` and `make serve` run MkDocs from Python rather than through its command
line, whose lines ("INFO - Building documentation…", "Aborted with a BuildError!") and
the theme's end-of-life banner are English. Progress lines MkDocs logs are replaced by
our own; a warning or error MkDocs raises is printed with a German lead-in, and our
hooks' messages (already German) are passed on as they are.
"""

from __future__ import annotations

import logging
import re
import sys

# MkDocs' progress lines: dropped, the commands print their own.
_QUIET = (
    re.compile(r"^Cleaning site directory"),
    re.compile(r"^Building documentation to directory"),
    re.compile(r"^Documentation built in"),
    re.compile(r"^The directory contains stale files"),
    re.compile(r"^Template skipped: "),
)

# Messages an editor can meet, translated; anything else gets a German lead-in.
_TRANSLATED = (
    (
        re.compile(r"^Doc file '(.+?)' contains a link '(.+?)', but the target '(.+?)' is not found among documentation files\.?"),
        r"Die Seite „\1“ verweist auf „\2“; diese Seite gibt es nicht.",
    ),
    (
        re.compile(r"^Doc file '(.+?)' contains an unrecognized relative link '(.+?)'.*"),
        r"Die Seite „\1“ enthält einen Verweis „\2“, der nirgendwohin führt.",
    ),
    (
        re.compile(r"^Error reading page '(.+?)':\s*(.*)$", re.S),
        r"Fehler beim Lesen der Seite „\1“: \2",
    ),
    (
        re.compile(r"^Error building page '(.+?)':\s*(.*)$", re.S),
        r"Fehler beim Bauen der Seite „\1“: \2",
    ),
)


class GermanHandler(logging.Handler):
    """Prints MkDocs' warnings and errors to stderr in German; drops its progress chatter."""

    def __init__(self, stream=None) -> None:
        super().__init__(logging.INFO)
        self.stream = stream or sys.stderr
        self.counts = {"WARNING": 0, "ERROR": 0}

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage().strip()
        except Exception:  # a broken log call must not end the build
            return
        if not text or any(pattern.match(text) for pattern in _QUIET):
            return
        if record.levelno < logging.WARNING:
            return  # MkDocs' remaining INFO lines are for developers (mkdocs build -v shows them)
        self.counts["ERROR" if record.levelno >= logging.ERROR else "WARNING"] += 1
        print(german(text, record.levelno), file=self.stream, flush=True)


def german(text: str, level: int = logging.ERROR) -> str:
    """One MkDocs message in German; our hooks' own German messages pass unchanged."""
    for pattern, replacement in _TRANSLATED:
        if pattern.match(text):
            return pattern.sub(replacement, text)
    if _looks_german(text):
        return text
    lead = "Fehler" if level >= logging.ERROR else "Warnung"
    return f"{lead} von MkDocs (Meldung im Original): {text}"


def _looks_german(text: str) -> bool:
    return bool(re.search(r"[äöüÄÖÜß„]|\b(?:Fehler|Daten|Datei|Zeile|Feld|nicht|wurde|Bitte)\b", text))


def install() -> GermanHandler:
    """Route MkDocs' log (and its plugins' and hooks') through the German handler."""
    handler = GermanHandler()
    logger = logging.getLogger("mkdocs")
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler
