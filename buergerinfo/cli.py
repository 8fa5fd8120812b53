"""Command line for editors and CI: `buergerinfo check` and friends.

Messages are German because editors read them; a data problem never shows a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .archive import load_archive
from .errors import DataInvalid


def _find_root(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / "data" / "vorlagen").is_dir():
            return candidate
    return start


def command_check(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve() if args.root else _find_root(Path.cwd())
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
    return 0


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="buergerinfo", description="Werkzeuge für die Redaktion von Bürgerinfo.")
    parser.add_argument("--root", help="Ordner des Repositorys (Standard: wird vom aktuellen Ordner aus gesucht)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL")
    check = commands.add_parser("check", help="alle Datendateien prüfen und jedes Problem melden")
    check.set_defaults(handler=command_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
