"""Command line for editors and CI: `buergerinfo check` and friends.

Messages are German because editors read them; a data problem never shows a traceback.

    buergerinfo check [--schemas]          alle Datendateien prüfen (und die JSON-Schemas)
    buergerinfo schema [--check]           JSON-Schemas erzeugen / auf Stand prüfen
    buergerinfo neu --koerperschaft … --nummer … --betreff …   neue Vorlage anlegen
    buergerinfo ergebnis DATEI --gremium … --datum … --ergebnis … [--ersetzen]   Ergebnis eintragen
    buergerinfo umbenennen DATEI --nummer … [--koerperschaft …]   Nummer oder Körperschaft ändern
    buergerinfo anlage DATEI QUELLE [--titel …]   Anlage hinzufügen

Editors run it as `./bi …` from the repository (the wrapper finds .venv by itself).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import sys
from pathlib import Path

from .archive import load_archive
from .errors import DataInvalid

# argparse speaks English; editors read these lines too.
_ARGPARSE_GERMAN = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Angaben",
    "options": "Optionen",
    "show this help message and exit": "diese Hilfe zeigen und beenden",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "the following arguments are required: %s": "folgende Angaben fehlen: %s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "unbekannter Befehl %(value)r (möglich: %(choices)s)",
    "invalid %(type)s value: %(value)r": "ungültiger Wert %(value)r (erwartet: %(type)s)",
    "argument %(argument_name)s: %(message)s": "Angabe %(argument_name)s: %(message)s",
    "expected one argument": "erwartet einen Wert",
    "expected at least one argument": "erwartet mindestens einen Wert",
    "expected at most one argument": "erwartet höchstens einen Wert",
    "not allowed with argument %s": "nicht zusammen mit %s möglich",
    "one of the arguments %s is required": "eine dieser Angaben ist nötig: %s",
    "ambiguous option: %(option)s could match %(matches)s": "mehrdeutige Angabe %(option)s: %(matches)s",
}


def _german(message: str) -> str:
    return _ARGPARSE_GERMAN.get(message, message)


argparse._ = _german  # type: ignore[attr-defined]  # argparse looks its texts up through this name


def _find_root(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / "data" / "vorlagen").is_dir():
            return candidate
    return start


def _root(args: argparse.Namespace) -> Path:
    if args.root:
        return Path(args.root).resolve()
    found = _find_root(Path.cwd())
    fallback = os.environ.get("BUERGERINFO_ROOT")  # set by the ./bi wrapper: its own repository
    if fallback and not (found / "data" / "vorlagen").is_dir():
        return Path(fallback).resolve()
    return found


def _today() -> dt.date:
    configured = os.environ.get("BUERGERINFO_TODAY")
    try:
        return dt.date.fromisoformat(configured) if configured else dt.date.today()
    except ValueError:
        return dt.date.today()


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def command_check(args: argparse.Namespace) -> int:
    root = _root(args)
    schemas_ok = _schemas_current(root) if args.schemas else True
    try:
        archive = load_archive(root)
    except DataInvalid as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    for warning in archive.warnings:
        print(warning, file=sys.stderr)
    print(
        f"Alles in Ordnung: {len(archive.papers)} Vorlagen, {len(archive.bodies)} Körperschaften, "
        f"{len(archive.dossiers)} Dossiers geprüft"
        + (f" ({_count(len(archive.warnings), 'Warnung', 'Warnungen')})." if archive.warnings else ".")
    )
    return 0 if schemas_ok else 1


def _schemas_current(root: Path) -> bool:
    from .schema import outdated

    stale = outdated(root)
    for name in stale:
        print(f"{name}: Fehler: veraltet oder fehlend – passt nicht mehr zum Datenmodell", file=sys.stderr)
    if stale:
        print("Bitte `./bi schema` ausführen und die Dateien in schemas/ mit einchecken.", file=sys.stderr)
    return not stale


def command_schema(args: argparse.Namespace) -> int:
    from .schema import outdated, write_schemas

    root = _root(args)
    if args.check:
        if not _schemas_current(root):
            return 1
        print("Die JSON-Schemas in schemas/ sind auf dem Stand des Datenmodells.")
        return 0
    changed = write_schemas(root)
    if changed:
        for name in changed:
            print(f"geschrieben: {name}")
    else:
        print("Die JSON-Schemas in schemas/ waren schon aktuell; nichts geändert.")
    return 0


def _scaffold_failed(exc) -> int:
    for problem in exc.problems:
        print(problem if ": Fehler: " in problem else f"Fehler: {problem}", file=sys.stderr)
    print("Es wurde nichts geschrieben.", file=sys.stderr)
    return 1


def _apply_checked(changes, root: Path, what: str, only_file: str | None = None) -> bool:
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


def _check_after_writing(root: Path, relative: str) -> list[str]:
    """Problems the full check finds in `relative` after writing it (other files are only counted)."""
    try:
        archive = load_archive(root)
    except DataInvalid as exc:
        own = [str(p) for p in exc.errors if p.file == relative]
        others = len(exc.errors) - len(own)
        if others:
            print(
                f"Hinweis: {_count(others, 'Fehler', 'Fehler')} in anderen Dateien – `./bi check` zeigt sie.",
                file=sys.stderr,
            )
        return own
    for warning in archive.warnings:
        if warning.file == relative:
            print(warning, file=sys.stderr)
    return []


def command_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, plan_new_paper, write_new_paper

    root = _root(args)
    try:
        plan = plan_new_paper(
            root,
            args.koerperschaft,
            args.betreff,
            reference=args.nummer,
            paper_type=args.art,
            date=args.datum,
            consultations=args.beratung or [],
            file_name=args.datei,
        )
        write_new_paper(plan)
    except ScaffoldError as exc:
        return _scaffold_failed(exc)
    except FileExistsError:
        print("Fehler: die Datei gibt es schon – nichts geändert.", file=sys.stderr)
        return 1
    problems = _check_after_writing(root, plan.relative)
    if problems:
        plan.path.unlink()
        print("\n".join(problems), file=sys.stderr)
        print("Die neue Datei bestand die Prüfung nicht und wurde wieder entfernt.", file=sys.stderr)
        return 1
    print(f"Neue Vorlage angelegt: {plan.relative}")
    print("Als Nächstes:")
    for number, step in enumerate(plan.next_steps, start=1):
        print(f"  {number}. {step}")
    return 0


def command_result(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, plan_result, write_text_atomically

    root = _root(args)
    try:
        update = plan_result(
            root,
            args.datei,
            args.gremium,
            args.datum,
            args.ergebnis,
            yes=args.ja,
            no=args.nein,
            abstention=args.enthaltung,
            unanimous=args.einstimmig,
            agenda_item=args.top,
            replace=args.ersetzen,
        )
    except ScaffoldError as exc:
        return _scaffold_failed(exc)
    meeting_day = dt.date.fromisoformat(args.datum)
    if meeting_day > _today():
        print(
            f"Warnung: die Sitzung am {meeting_day:%d.%m.%Y} liegt in der Zukunft – ist das Datum richtig? "
            "Ein Ergebnis gibt es erst nach der Sitzung.",
            file=sys.stderr,
        )
    where = f"{update.relative}, beratungsfolge[{update.entry + 1}] ({args.gremium} am {args.datum})"
    if not update.changed:
        print(f"Schon eingetragen: {where} – Datei unverändert.")
        return 0
    write_text_atomically(update.path, update.text)
    problems = _check_after_writing(root, update.relative)
    if problems:
        write_text_atomically(update.path, update.original)
        print("\n".join(problems), file=sys.stderr)
        print("Die Änderung bestand die Prüfung nicht; die Datei ist wieder wie vorher.", file=sys.stderr)
        return 1
    print(f"Eingetragen: {where}")
    for line in difflib.unified_diff(
        update.original.splitlines(), update.text.splitlines(), lineterm="", n=0
    ):
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---")):
            print(f"  {line}")
    return 0


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ganze Zahl erwartet, gefunden: „{text}“") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"Zahl ab 0 erwartet, gefunden: {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="buergerinfo", description="Werkzeuge für die Redaktion von Bürgerinfo.")
    parser.add_argument("--root", help="Ordner des Repositorys (Standard: wird vom aktuellen Ordner aus gesucht)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL", title="Befehle")

    check = commands.add_parser("check", help="alle Datendateien prüfen und jedes Problem melden")
    check.add_argument(
        "--schemas", action="store_true", help="auch prüfen, ob die JSON-Schemas in schemas/ auf dem Stand sind"
    )
    check.set_defaults(handler=command_check)

    schema = commands.add_parser(
        "schema", help="JSON-Schemas für die Datendateien erzeugen (schemas/*.schema.json)"
    )
    schema.add_argument(
        "--check", action="store_true", help="nichts schreiben; Fehler, wenn die Dateien in schemas/ veraltet sind"
    )
    schema.set_defaults(handler=command_schema)

    new = commands.add_parser(
        "neu",
        help="neue Vorlage anlegen, vorausgefüllt nach den Regeln der Körperschaft",
        description="Legt data/vorlagen/<körperschaft>/<nummer>.yml an (0043/2019 → 0043-2019.yml). "
        "Eine vorhandene Datei wird nie überschrieben.",
    )
    new.add_argument("--koerperschaft", required=True, help="Schlüssel der Körperschaft, z. B. landkreis-wittmund")
    new.add_argument("--nummer", help="Vorlagen-Nr., z. B. 0043/2019 (im Nummernformat der Körperschaft)")
    new.add_argument("--betreff", required=True, help="Betreff der Vorlage")
    new.add_argument("--art", default="Beschlussvorlage", help="Vorlagenart (Standard: Beschlussvorlage)")
    new.add_argument("--datum", help="Datum der Vorlage, JJJJ-MM-TT")
    new.add_argument(
        "--beratung",
        action="extend",
        nargs="+",
        metavar="GREMIUM:DATUM[:ROLLE]",
        help="Beratung(en), z. B. sozialausschuss:2019-05-13:Vorberatung kreistag:2019-06-27:Entscheidung",
    )
    new.add_argument("--datei", help="Dateiname ohne .yml, wenn die Vorlage keine Nummer hat")
    new.set_defaults(handler=command_new)

    result = commands.add_parser(
        "ergebnis",
        help="Ergebnis einer Beratung in eine Vorlage eintragen",
        description="Trägt Ergebnis, Abstimmung und TOP in den Eintrag der Beratungsfolge ein, der zu Gremium "
        "und Datum passt. Kommentare und Reihenfolge der Datei bleiben erhalten.",
    )
    result.add_argument("datei", help="die Vorlage, z. B. data/vorlagen/landkreis-wittmund/0042-2019.yml")
    result.add_argument("--gremium", required=True, help="Schlüssel des Gremiums, z. B. kreistag")
    result.add_argument("--datum", required=True, help="Sitzungstag, JJJJ-MM-TT")
    result.add_argument("--ergebnis", required=True, help="z. B. \"ungeändert beschlossen\"")
    result.add_argument("--ja", type=_non_negative, help="Ja-Stimmen")
    result.add_argument("--nein", type=_non_negative, help="Nein-Stimmen")
    result.add_argument("--enthaltung", type=_non_negative, help="Enthaltungen")
    result.add_argument("--einstimmig", action="store_true", help="einstimmig beschlossen")
    result.add_argument("--top", help="Tagesordnungspunkt, z. B. \"Ö 6.1\"")
    result.add_argument(
        "--ersetzen", action="store_true", help="ein schon eingetragenes anderes Ergebnis ersetzen"
    )
    result.set_defaults(handler=command_result)

    from .rename import add_rename_command
    from .attach import add_attachment_command

    add_rename_command(commands)
    add_attachment_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
