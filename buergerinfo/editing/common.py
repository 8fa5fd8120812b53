"""What every editor command shares: the project folder, German refusals, write-then-check.

The commands (`neu`, `ergebnis`, `umbenennen`, `anlage`) refuse to leave anything behind that would
not pass `buergerinfo check`: they plan the change, write it, run the full check and put every file
back if it fails. The command line (`buergerinfo.cli`) only parses arguments and calls them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from buergerinfo.checking.archive import _Loader, load_archive
from buergerinfo.checking.messages import date_problem, unknown
from buergerinfo.model.structure import BODIES_DIR, PAPERS_DIR, BodyRecord
from buergerinfo.reading.problems import DataInvalid


class ScaffoldError(Exception):
    """Something the editor asked for cannot be done; `problems` are German, one per line."""

    def __init__(self, *problems: str) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(problems))


def option_message(name: str, message: str) -> str:
    return f"Angabe „{name}“: {message}"


# --- the Körperschaft and its conventions -------------------------------------------------


def load_body(root: Path, body_id: str, option: str = "--koerperschaft") -> BodyRecord:
    """The Körperschaft with its Gremien and vocabulary, or a German error."""
    directory = root / "data" / BODIES_DIR
    known = sorted(p.stem for p in directory.glob("*.yml")) if directory.is_dir() else []
    path = directory / f"{body_id}.yml"
    if not path.is_file():
        raise ScaffoldError(
            option_message(option, unknown("unbekannte Körperschaft", body_id, known, listing="bekannt")
                    + f" (je Körperschaft eine Datei in data/{BODIES_DIR}/)")
        )
    loader = _Loader(root)
    loader.load_body(path)
    if body_id not in loader.archive.bodies:
        raise ScaffoldError(
            f"Die Datei der Körperschaft hat Fehler; bitte zuerst beheben ({len(loader.problems)}):",
            *(str(p) for p in loader.problems),
        )
    return loader.archive.bodies[body_id]


def check_organization(body: BodyRecord, organization: str, option: str = "--gremium") -> None:
    known = [o.id for o in body.body.organizations]
    if organization not in known:
        raise ScaffoldError(
            option_message(option, unknown("unbekanntes Gremium", organization, known,
                                    listing=f"Gremien von {body.body.name}"))
        )


def parse_date(text: str, option: str = "--datum") -> dt.date:
    problem = date_problem(text)
    if problem:
        raise ScaffoldError(option_message(option, problem))
    return dt.date.fromisoformat(text)



def resolve_paper_path(root: Path, given: str) -> Path:
    path = Path(given)
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, root / path]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    raise ScaffoldError(option_message("datei", f"„{given}“ nicht gefunden (Vorlagen liegen in data/{PAPERS_DIR}/)"))


def public_paper_relative(root: Path, path: Path, command: str) -> str:
    """The path of a Vorlage in data/vorlagen/, or a German refusal.

    Vorlagen in the folder for nicht öffentliche Vorlagen are left to the editor: a redirect or a
    copied attachment in data/ would carry their number or file into the public repository.
    """
    try:
        relative = path.relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = None
    if relative is None or not relative.startswith(f"data/{PAPERS_DIR}/"):
        raise ScaffoldError(
            option_message("datei", f"„{path}“ liegt nicht in data/{PAPERS_DIR}/. `./bi {command}` ändert nur Vorlagen dort; "
                             "nicht öffentliche Vorlagen in ihrem eigenen Ordner bitte von Hand ändern, damit nichts "
                             "davon in data/ (und damit ins öffentliche Repository) gelangt")
        )
    return relative



def find_root(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / "data" / "vorlagen").is_dir():
            return candidate
    return start


def project_root(args: argparse.Namespace) -> Path:
    if args.root:
        return Path(args.root).resolve()
    found = find_root(Path.cwd())
    fallback = os.environ.get("BUERGERINFO_ROOT")  # set by the ./bi wrapper: its own repository
    if fallback and not (found / "data" / "vorlagen").is_dir():
        return Path(fallback).resolve()
    return found


def today() -> dt.date:
    configured = os.environ.get("BUERGERINFO_TODAY")
    try:
        return dt.date.fromisoformat(configured) if configured else dt.date.today()
    except ValueError:
        return dt.date.today()


def count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def refused(exc) -> int:
    for problem in exc.problems:
        print(problem if ": Fehler: " in problem else f"Fehler: {problem}", file=sys.stderr)
    print("Es wurde nichts geschrieben.", file=sys.stderr)
    return 1


def apply_checked(changes, root: Path, what: str, only_file: str | None = None) -> bool:
    """Write all changes; if the archive then fails the check, put every file back and say why."""
    changes.apply()
    try:
        load_archive(root)
    except DataInvalid as exc:
        changes.undo()
        own = [str(p) for p in exc.errors if only_file is None or p.file == only_file]
        print("\n".join(own) or exc.report(), file=sys.stderr)
        print(f"{what} bestand die Prüfung nicht; alle Dateien sind wieder wie vorher.", file=sys.stderr)
        return False
    return True


GIT_NEXT_STEP = "Als Nächstes: die Änderungen mit git übernehmen (`git add -A data` und `git commit`)."


def check_after_writing(root: Path, relative: str) -> list[str]:
    """Problems the full check finds in `relative` after writing it (other files are only counted)."""
    try:
        archive = load_archive(root)
    except DataInvalid as exc:
        own = [str(p) for p in exc.errors if p.file == relative]
        others = len(exc.errors) - len(own)
        if others:
            print(
                f"Hinweis: {count(others, 'Fehler', 'Fehler')} in anderen Dateien – `./bi check` zeigt sie.",
                file=sys.stderr,
            )
        return own
    for warning in archive.warnings:
        if warning.file == relative:
            print(warning, file=sys.stderr)
    return []


