"""Command line for editors and CI: `buergerinfo check` and friends.

Messages are German because editors read them; a data problem never shows a traceback.

    buergerinfo check [--schemas]          alle Datendateien prüfen (und die JSON-Schemas)
    buergerinfo schema [--check]           JSON-Schemas erzeugen / auf Stand prüfen
    buergerinfo neu --koerperschaft … --nummer … --betreff …   neue Vorlage anlegen
    buergerinfo ergebnis DATEI --gremium … --datum … --ergebnis … [--ersetzen]   Ergebnis eintragen
    buergerinfo umbenennen DATEI --nummer … [--koerperschaft …]   Nummer oder Körperschaft ändern
    buergerinfo anlage DATEI QUELLE [--titel …]   Anlage hinzufügen
    buergerinfo import-oparl URL --koerperschaft …   Archiv aus einem Ratsinformationssystem übernehmen
    buergerinfo veroeffentlichen pruefen|rsync|s3 …   gebaute Website prüfen oder hochladen

Editors run it as `./bi …` from the repository (the wrapper finds .venv by itself).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
import time
from pathlib import Path

from buergerinfo.checking.archive import load_archive
from buergerinfo.editing.common import count, project_root
from buergerinfo.editing.new_paper import command_new
from buergerinfo.editing.result import command_result
from buergerinfo.reading.problems import DataInvalid
from buergerinfo.reading.settings import SettingsInvalid, read_settings

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


def command_check(args: argparse.Namespace) -> int:
    root = project_root(args)
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
        + (f" ({count(len(archive.warnings), 'Warnung', 'Warnungen')})." if archive.warnings else ".")
    )
    return 0 if schemas_ok else 1


def _schemas_current(root: Path) -> bool:
    from buergerinfo.checking.schema_files import outdated

    stale = outdated(root)
    for name in stale:
        print(f"{name}: Fehler: veraltet oder fehlend – passt nicht mehr zum Datenmodell", file=sys.stderr)
    if stale:
        print("Bitte `./bi schema` ausführen und die Dateien in schemas/ mit einchecken.", file=sys.stderr)
    return not stale


def command_schema(args: argparse.Namespace) -> int:
    from buergerinfo.checking.schema_files import write_schemas

    root = project_root(args)
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


def command_import_oparl(args: argparse.Namespace) -> int:
    from buergerinfo.importers import ImportOptions, import_oparl
    from buergerinfo.importers.http import ClientSettings

    def interrupted(signum, frame):  # noqa: ARG001 - signature fixed by signal
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)  # a stopped job ends like Ctrl+C: journal kept, message shown
    options = ImportOptions(
        files=args.dateien,
        since=args.seit,
        full=args.alles,
        overwrite=args.ueberschreiben,
        remove_deleted=args.geloeschte_entfernen,
        confidential=args.nicht_oeffentliche,
        check=not args.ohne_pruefung,
        client=ClientSettings(timeout=args.timeout, attempts=args.versuche, rate=args.rate),
        progress=_progress_printer(),
    )
    try:
        report = import_oparl(args.url, project_root(args), args.koerperschaft, options)
    except Exception as exc:  # a defect of the import itself: said in German, the details on request
        if os.environ.get("BUERGERINFO_DEBUG"):
            raise
        print(f"Fehler: interner Fehler des Imports ({type(exc).__name__}: {exc}). Bisher Importiertes bleibt gültig; "
              "bitte melden (mit BUERGERINFO_DEBUG=1 erscheint der technische Ablauf).", file=sys.stderr)
        return 1
    if report.interrupted:
        print("\nImport unterbrochen.", file=sys.stderr)
    print(report.text(), end="")
    if report.interrupted:
        return 130
    return 0 if report.ok else 1


def _progress_printer():
    """Progress on one line in a terminal; in a log (CI) one line every few seconds."""
    last = 0.0
    terminal = sys.stderr.isatty()

    def show(message: str) -> None:
        nonlocal last
        if terminal:
            print(f"\r{message}\033[K", end="", file=sys.stderr, flush=True)
        elif time.monotonic() - last > 5:
            print(message, file=sys.stderr, flush=True)
            last = time.monotonic()

    return show


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"Datum im Format JJJJ-MM-TT erwartet, gefunden: „{text}“") from None


def _non_negative(text: str) -> int:
    return _number(text, int, "ganze Zahl")


def _non_negative_float(text: str) -> float:
    return _number(text, float, "Zahl")


def _number(text: str, kind: type, expected: str):
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{expected} erwartet, gefunden: „{text}“") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"Zahl ab 0 erwartet, gefunden: {text}")
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
        "--sitzung-am-tag",
        type=_non_negative,
        metavar="N",
        help="die wievielte Sitzung des Gremiums an diesem Tag (nur nötig, wenn es an dem Tag zweimal tagte)",
    )
    result.add_argument(
        "--ersetzen", action="store_true", help="ein schon eingetragenes anderes Ergebnis ersetzen"
    )
    result.set_defaults(handler=command_result)

    oparl = commands.add_parser(
        "import-oparl",
        help="Archiv aus einem Ratsinformationssystem (ALLRIS, SessionNet, SD.NET …) über OParl übernehmen",
        description="Liest Körperschaft, Gremien, Personen, Fraktionen, Mitgliedschaften, Sitzungen und Vorlagen über "
        "die OParl-Schnittstelle (1.0 oder 1.1) und schreibt sie als Datendateien: data/koerperschaften/<id>.yml "
        "(wird angelegt oder nur ergänzt), data/personen/<id>.yml (ohne Kontaktdaten und Fotos; "
        "`veroeffentlichen`, `kontakt` und `foto` bleiben, wie die Redaktion sie eingetragen hat), "
        "data/vorlagen/<id>/, data/sitzungen/<id>.yml. Ein zweiter Aufruf holt nur Änderungen und lässt von Hand "
        "geänderte Dateien in Ruhe. Der Stand steht in .import/<id>.json (mit einchecken). Ein abgebrochener "
        "Import setzt beim nächsten Aufruf dort fort, wo er stand. Am Ende steht ein Bericht und das Ergebnis "
        "von `buergerinfo check`.",
    )
    oparl.add_argument("url", metavar="URL", help="Adresse des OParl-Systems oder der Körperschaft (Body), z. B. "
                                   "https://ratsinfo.beispiel.de/oparl/v1.1")
    oparl.add_argument("--koerperschaft", required=True, help="Schlüssel der Körperschaft, z. B. landkreis-wittmund")
    oparl.add_argument("--dateien", action="store_true",
                       help="die Anlagen selbst herunterladen (nach data/anlagen/<id>/); sonst nur Titel und Adresse")
    oparl.add_argument("--seit", type=_day, metavar="JJJJ-MM-TT",
                       help="nur Objekte, die seit diesem Tag geändert wurden (Standard: seit dem letzten Import)")
    oparl.add_argument("--alles", action="store_true", help="alles abgleichen, nicht nur Änderungen seit dem letzten Import")
    oparl.add_argument("--ueberschreiben", action="store_true",
                       help="auch von Hand geänderte oder nicht vom Import angelegte Dateien ersetzen")
    oparl.add_argument("--nicht-oeffentliche", choices=("auslassen", "ablegen"), default="auslassen",
                       help="Vorlagen, die nur in nicht öffentlicher Sitzung beraten wurden: auslassen (Voreinstellung) "
                       "oder im Ordner für nicht öffentliche Vorlagen ablegen (nicht_oeffentlich in mkdocs.yml, sonst "
                       "nicht-oeffentlich/); nie in data/")
    oparl.add_argument("--geloeschte-entfernen", action="store_true",
                       help="Vorlagen und Sitzungen entfernen, die der Server als gelöscht meldet (sonst nur gemeldet)")
    oparl.add_argument("--rate", type=_non_negative_float, default=4.0, metavar="N",
                       help="höchstens N Anfragen je Sekunde an den Server (Standard: 4; 0 = ohne Grenze)")
    oparl.add_argument("--timeout", type=_non_negative_float, default=30.0, metavar="SEKUNDEN",
                       help="Wartezeit je Anfrage (Standard: 30)")
    oparl.add_argument("--versuche", type=_non_negative, default=5, metavar="N",
                       help="Versuche je Anfrage bei Fehlern des Servers, mit wachsender Pause (Standard: 5)")
    oparl.add_argument("--ohne-pruefung", action="store_true", help="am Ende nicht `buergerinfo check` ausführen")
    oparl.set_defaults(handler=command_import_oparl)

    from buergerinfo.editing.attach import add_attachment_command
    from buergerinfo.editing.rename import add_rename_command
    from buergerinfo.publishing.command import add_publish_command

    add_rename_command(commands)
    add_attachment_command(commands)
    add_publish_command(commands, _store_folder)
    return parser


def _store_folder(args: argparse.Namespace) -> Path | None:
    """The Anlagen-Ablage's folder from mkdocs.yml, for `veroeffentlichen ablage` (publishing reads no settings)."""
    try:
        store = read_settings(project_root(args)).attachment_store
    except SettingsInvalid as exc:
        raise SystemExit(f"Fehler: {exc}") from None
    return store.folder if store else None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
