"""Command line for editors and CI: `buergerinfo check` and friends.

Messages are German because editors read them; a data problem never shows a traceback.

    buergerinfo check                      alle Datendateien prüfen
    buergerinfo schema [--check]           JSON-Schemas erzeugen / auf Stand prüfen
"""

from __future__ import annotations

import argparse
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
    return Path(args.root).resolve() if args.root else _find_root(Path.cwd())


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def command_check(args: argparse.Namespace) -> int:
    try:
        archive = load_archive(_root(args))
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
    return 0


def command_schema(args: argparse.Namespace) -> int:
    from .schema import outdated, write_schemas

    root = _root(args)
    if args.check:
        stale = outdated(root)
        if stale:
            for name in stale:
                print(f"{name}: Fehler: veraltet oder fehlend – passt nicht mehr zum Datenmodell", file=sys.stderr)
            print("Bitte `buergerinfo schema` ausführen und die Dateien in schemas/ mit einchecken.", file=sys.stderr)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="buergerinfo", description="Werkzeuge für die Redaktion von Bürgerinfo.")
    parser.add_argument("--root", help="Ordner des Repositorys (Standard: wird vom aktuellen Ordner aus gesucht)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL", title="Befehle")

    check = commands.add_parser("check", help="alle Datendateien prüfen und jedes Problem melden")
    check.set_defaults(handler=command_check)

    schema = commands.add_parser(
        "schema", help="JSON-Schemas für die Datendateien erzeugen (schemas/*.schema.json)"
    )
    schema.add_argument(
        "--check", action="store_true", help="nichts schreiben; Fehler, wenn die Dateien in schemas/ veraltet sind"
    )
    schema.set_defaults(handler=command_schema)

    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
