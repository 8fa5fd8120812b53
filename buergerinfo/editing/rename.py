"""`buergerinfo umbenennen`: give a Vorlage a new number or move it to another Körperschaft.

The file is renamed after the new number (its page address changes with it), every
reference to the old number is updated (`bezuege` of other Vorlagen, `vorlage` in
the dossiers), and the old address is entered in data/weiterleitungen.yml, from
which the build writes a redirect page, so links and bookmarks keep working.
Values are replaced where they stand in the text: comments and key order stay.
Nothing is written unless the whole archive passes the check afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from buergerinfo.checking.archive import load_archive
from buergerinfo.checking.messages import unknown
from buergerinfo.editing.common import (
    GIT_NEXT_STEP,
    ScaffoldError,
    apply_checked,
    project_root,
    public_paper_relative,
    refused,
    resolve_paper_path,
)
from buergerinfo.editing.textedit import EditRefused, FileChanges, replace_values, set_in, verified
from buergerinfo.model.base import SLUG_PATTERN
from buergerinfo.model.placement import paper_path, schema_line
from buergerinfo.model.references import reference_problem, reference_slug
from buergerinfo.model.structure import PAPERS_DIR, REDIRECTS_FILE, Archive, PaperRecord, paper_address
from buergerinfo.reading.problems import DataInvalid
from buergerinfo.reading.yamlsource import load_yaml

REDIRECTS_HEADER = (
    "# yaml-language-server: $schema=../schemas/weiterleitungen.schema.json\n"
    "# Alte Adressen umbenannter Vorlagen und wohin sie führen. Gepflegt von `./bi umbenennen`;\n"
    "# die Website schreibt für jede alte Adresse eine Seite, die zur neuen weiterleitet.\n"
)


@dataclass
class RenamePlan:
    changes: FileChanges
    old_relative: str
    new_relative: str
    old_address: str
    new_address: str
    updated: list[str] = field(default_factory=list)  # other files whose references changed


def _load(root: Path) -> Archive:
    try:
        return load_archive(root)
    except DataInvalid as exc:
        raise ScaffoldError(
            f"Die Daten haben {len(exc.errors)} Fehler; vor dem Umbenennen bitte zuerst beheben (`./bi check`)."
        ) from None


def plan_rename(
    root: Path, file: str, number: str | None = None, body_id: str | None = None, stem: str | None = None
) -> RenamePlan:
    path = resolve_paper_path(root, file)
    relative = public_paper_relative(root, path, "umbenennen")
    archive = _load(root)
    record = next((r for r in archive.papers if r.source == relative), None)
    if record is None:
        raise ScaffoldError(f"{relative} ist keine Vorlage (erwartet eine Datei in data/{PAPERS_DIR}/)")
    old_number = record.paper.reference
    body_id = body_id or record.body_id
    body = archive.bodies.get(body_id)
    if body is None:
        raise ScaffoldError(
            "Angabe „--koerperschaft“: " + unknown("unbekannte Körperschaft", body_id, sorted(archive.bodies), "bekannt")
        )
    number = number.strip() if number is not None else old_number
    problems = []
    if number:
        problem = reference_problem(body.body, number)
        if problem:
            problems.append(f"Angabe „--nummer“: {problem}")
        holder = next((r for r in archive.papers if r.key != record.key and r.body_id == body_id
                       and r.paper.reference == number), None)
        if holder:
            problems.append(f"Angabe „--nummer“: Vorlagen-Nr. „{number}“ ist in dieser Körperschaft schon vergeben "
                            f"({holder.source})")
    stem = stem or (reference_slug(number) if number and number != old_number else record.id)
    if not _is_slug(stem):
        problems.append(f"Angabe „--datei“: „{stem}“ ungeeignet: nur Kleinbuchstaben, Ziffern und Bindestriche")
    moved = body_id != record.body_id
    if moved:
        problems += _references_across_bodies(archive, record)
    if problems:
        raise ScaffoldError(*problems)
    if number == old_number and (body_id, stem) == record.key:
        raise ScaffoldError(f"{relative}: Nummer, Körperschaft und Dateiname bleiben gleich – nichts zu tun.")

    new_path = paper_path(root, body, stem, _year(record, number))
    new_relative = new_path.relative_to(root).as_posix()
    if new_path.exists() and new_path.resolve() != path:
        raise ScaffoldError(f"{new_relative} gibt es schon – nichts geändert.")
    changes = FileChanges()
    try:
        changes.set(new_path, _renamed_paper_text(path, relative, number, old_number, body_id, moved, new_path, root))
        if new_path.resolve() != path:
            changes.set(path, None)
        updated = _update_references(archive, record, number, old_number, changes) if number != old_number else []
    except EditRefused as exc:
        raise ScaffoldError(str(exc)) from None
    old_address, new_address = paper_address(*record.key), paper_address(body_id, stem)
    if old_address != new_address:
        _add_redirect(root, archive, old_address, new_address, changes)
    return RenamePlan(changes, relative, new_relative, old_address, new_address, updated)


def _is_slug(text: str) -> bool:
    import re

    return re.match(SLUG_PATTERN, text) is not None


def _year(record: PaperRecord, number: str | None) -> int | None:
    from buergerinfo.model.placement import year_of

    dates = [record.paper.date] if record.paper.date else [c.date for c in record.paper.consultations]
    return year_of(min(dates) if dates else None, number)


def _references_across_bodies(archive: Archive, record: PaperRecord) -> list[str]:
    """A Vorlage with Bezüge cannot change its Körperschaft: Bezüge name numbers of the same Körperschaft."""
    problems = []
    if record.paper.related_papers:
        problems.append(
            f"{record.source} nennt unter `bezuege` Vorlagen von {record.body_id}; beim Wechsel der Körperschaft "
            "würden diese Bezüge ungültig – bitte zuerst entfernen."
        )
    number = record.paper.reference
    if number:
        users = [r.source for r in archive.papers if r.body_id == record.body_id and number in r.paper.related_papers]
        users += [d.source for d in archive.dossiers.values() if d.dossier.body == record.body_id
                  and number in {m.paper for m in (*d.dossier.milestones, *d.dossier.measures)}]
        if users:
            problems.append(
                f"Vorlage {number} wird noch erwähnt in: {', '.join(users)}; beim Wechsel der Körperschaft würden "
                "diese Verweise ungültig – bitte zuerst dort entfernen."
            )
    return problems


def _renamed_paper_text(path, relative, number, old_number, body_id, moved, new_path, root) -> str:
    text = path.read_text(encoding="utf-8")
    document = load_yaml(text)
    expected = document.data
    changes = {}
    if number != old_number:
        if old_number is None:
            raise EditRefused(f"{relative} hat kein Feld `nummer`; bitte die Zeile „nummer: {number}“ von Hand ergänzen")
        changes[("nummer",)] = number
        expected["nummer"] = number
    if moved:
        changes[("koerperschaft",)] = body_id
        expected["koerperschaft"] = body_id
    new_text = replace_values(text, changes) if changes else text
    lines = new_text.split("\n")
    if lines and lines[0].startswith("# yaml-language-server:"):
        lines[0] = schema_line(new_path, root, body_id)  # the schema of the (new) Körperschaft, from the new folder
    return verified("\n".join(lines), expected, relative)


def _update_references(archive, record, number, old_number, changes: FileChanges) -> list[str]:
    updated = []
    for other in archive.papers:
        if other.body_id != record.body_id or other.key == record.key or old_number not in other.paper.related_papers:
            continue
        paths = [("bezuege", i) for i, n in enumerate(other.paper.related_papers) if n == old_number]
        updated.append(_replace_in(archive.root / other.source, other.source, paths, number, changes))
    for dossier in archive.dossiers.values():
        if dossier.dossier.body != record.body_id:
            continue
        paths = [("verlauf", i, "vorlage") for i, m in enumerate(dossier.dossier.milestones) if m.paper == old_number]
        paths += [("massnahmen", i, "vorlage") for i, m in enumerate(dossier.dossier.measures) if m.paper == old_number]
        if paths:
            updated.append(_replace_in(archive.root / dossier.source, dossier.source, paths, number, changes))
    return updated


def _replace_in(path: Path, relative: str, paths, value: str, changes: FileChanges) -> str:
    text = path.read_text(encoding="utf-8")
    expected = load_yaml(text).data
    for item in paths:
        set_in(expected, item, value)
    changes.set(path, verified(replace_values(text, {item: value for item in paths}), expected, relative))
    return relative


def _add_redirect(root: Path, archive: Archive, old: str, new: str, changes: FileChanges) -> None:
    """Enter old -> new; earlier entries that led to `old` now lead to `new`; none may hide the new page."""
    path = root / "data" / REDIRECTS_FILE
    entries = [
        {"von": r.old, "nach": new if r.new == old else r.new, **({"seit": r.since.isoformat()} if r.since else {})}
        for r in _redirects(path)
        if r.old != new
    ]
    entries = [e for e in entries if e["von"] != old]
    entries.append({"von": old, "nach": new, "seit": dt.date.today().isoformat()})
    header = REDIRECTS_HEADER
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#")) or header
    body = "".join(
        f"  - von: {e['von']}\n    nach: {e['nach']}\n" + (f"    seit: {e['seit']}\n" if "seit" in e else "")
        for e in entries
    )
    changes.set(path, header + "weiterleitungen:\n" + body)


def _redirects(path: Path):
    from buergerinfo.model.redirect import RedirectsFile

    if not path.is_file():
        return []
    return RedirectsFile.model_validate(load_yaml(path.read_text(encoding="utf-8")).data).redirects


def command_rename(args: argparse.Namespace) -> int:

    if not (args.nummer or args.koerperschaft or args.datei):
        print("Fehler: bitte --nummer, --koerperschaft oder --datei angeben – nichts geändert.", file=sys.stderr)
        return 1
    root = project_root(args)
    try:
        plan = plan_rename(root, args.datei_alt, args.nummer, args.koerperschaft, args.datei)
    except ScaffoldError as exc:
        return refused(exc)
    if not apply_checked(plan.changes, root, "Die Umbenennung"):
        return 1
    print(f"Umbenannt: {plan.old_relative} → {plan.new_relative}")
    for relative in plan.updated:
        print(f"  Verweise angepasst in {relative}")
    if plan.old_address != plan.new_address:
        print(f"  Weiterleitung eingetragen (data/{REDIRECTS_FILE}): /{plan.old_address} → /{plan.new_address}")
    print(GIT_NEXT_STEP)
    return 0


def add_rename_command(commands) -> None:
    rename = commands.add_parser(
        "umbenennen",
        help="Vorlage umnummerieren oder einer anderen Körperschaft zuordnen (mit Weiterleitung)",
        description="Gibt einer Vorlage eine neue Nummer (und damit einen neuen Dateinamen und eine neue Adresse) "
        "oder ordnet sie einer anderen Körperschaft zu. Verweise in anderen Vorlagen und Dossiers werden angepasst; "
        f"die alte Adresse leitet weiter (data/{REDIRECTS_FILE}).",
    )
    rename.add_argument("datei_alt", metavar="DATEI", help="die Vorlage, z. B. data/vorlagen/landkreis-wittmund/0042-2019.yml")
    rename.add_argument("--nummer", help="neue Vorlagen-Nr., z. B. 0043/2019")
    rename.add_argument("--koerperschaft", help="Schlüssel der neuen Körperschaft")
    rename.add_argument("--datei", help="neuer Dateiname ohne .yml (Standard: aus der Nummer)")
    rename.set_defaults(handler=command_rename)
