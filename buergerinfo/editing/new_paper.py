"""`buergerinfo neu`: a new Vorlage file from the Körperschaft's conventions.

The file is composed as text (with the schema line and the fields an editor fills in next),
validated like any data file, and written only if the whole archive still passes the check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from buergerinfo.checking.fields import allowed_fields
from buergerinfo.checking.messages import problems_from_validation_error, unknown
from buergerinfo.editing.common import (
    ScaffoldError,
    check_after_writing,
    check_organization,
    load_body,
    option_message,
    parse_date,
    project_root,
    refused,
)
from buergerinfo.editing.textedit import yaml_scalar
from buergerinfo.model.base import CONSULTATION_ROLES, SLUG_PATTERN
from buergerinfo.model.paper import Paper
from buergerinfo.model.placement import paper_path, schema_line, year_of
from buergerinfo.model.references import reference_problem, reference_slug
from buergerinfo.model.structure import PAPERS_DIR, BodyRecord
from buergerinfo.reading.yamldocument import YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml


# --- buergerinfo neu ------------------------------------------------------------------------


@dataclass
class PlannedConsultation:
    organization: str
    date: dt.date
    role: str | None = None


def parse_consultation(text: str, body: BodyRecord) -> PlannedConsultation:
    """`gremium:JJJJ-MM-TT[:Rolle]` -> a planned Beratung, checked against the Körperschaft."""
    parts = text.split(":")
    if len(parts) not in (2, 3) or not all(parts):
        raise ScaffoldError(
            option_message("--beratung", f"„{text}“ nicht verstanden; erwartet gremium:JJJJ-MM-TT oder "
                                  "gremium:JJJJ-MM-TT:Rolle, z. B. kreistag:2019-06-27:Entscheidung")
        )
    organization, date_text = parts[0].strip(), parts[1].strip()
    role = parts[2].strip() if len(parts) == 3 else None
    check_organization(body, organization, "--beratung")
    date = parse_date(date_text, "--beratung")
    if role is not None and role not in CONSULTATION_ROLES:
        raise ScaffoldError(option_message("--beratung", unknown("unbekannte Rolle", role, CONSULTATION_ROLES)))
    return PlannedConsultation(organization, date, role)


@dataclass
class NewPaper:
    path: Path
    relative: str
    text: str
    body: BodyRecord
    next_steps: list[str] = field(default_factory=list)


def plan_new_paper(
    root: Path,
    body_id: str,
    subject: str,
    reference: str | None = None,
    paper_type: str = "Beschlussvorlage",
    date: str | None = None,
    consultations: list[str] | tuple[str, ...] = (),
    file_name: str | None = None,
) -> NewPaper:
    """Check everything and compose the new file; nothing is written here."""
    body = load_body(root, body_id)
    problems: list[str] = []

    def collect(step):
        try:
            return step()
        except ScaffoldError as exc:
            problems.extend(exc.problems)
            return None

    if not subject.strip():
        problems.append(option_message("--betreff", "darf nicht leer sein"))
    if reference is not None:
        reference = reference.strip()
        problem = reference_problem(body.body, reference)
        if problem:
            problems.append(option_message("--nummer", problem))
    if paper_type not in body.vocabulary.paper_types:
        problems.append(
            option_message("--art", unknown("unbekannte Vorlagenart", paper_type, body.vocabulary.paper_types,
                                     note=f"erweiterbar mit `vorlagenarten` in {body.source}"))
        )
    paper_date = collect(lambda: parse_date(date)) if date else None
    planned = [c for c in (collect(lambda t=t: parse_consultation(t, body)) for t in consultations) if c]

    stem = file_name if file_name else (reference_slug(reference) if reference else None)
    if stem is None:
        problems.append(
            "Ohne --nummer bitte mit --datei einen Dateinamen angeben (Kleinbuchstaben, Ziffern, Bindestriche), "
            "z. B. --datei vorstellung-integrationskonzept-2019"
        )
    elif stem.endswith((".yml", ".yaml")):
        stem = stem.rsplit(".", 1)[0]
    if stem is not None and not re.match(SLUG_PATTERN, stem):
        problems.append(
            option_message("--datei", f"„{stem}“ ungeeignet: nur Kleinbuchstaben, Ziffern und Bindestriche "
                               "(der Name wird Teil der Adresse der Seite)")
        )
    if problems:
        raise ScaffoldError(*problems)

    dates = [paper_date] if paper_date else [c.date for c in planned]
    path = paper_path(root, body, stem, year_of(min(dates) if dates else None, reference))
    relative = path.relative_to(root).as_posix()
    if path.exists():
        raise ScaffoldError(
            f"{relative} gibt es schon – nichts geändert. Ein Ergebnis trägt `./bi ergebnis {relative} …` ein."
        )
    if reference is not None:
        holder = find_reference(root, body_id, reference)
        if holder:
            raise ScaffoldError(
                option_message("--nummer", f"Vorlagen-Nr. „{reference}“ ist in dieser Körperschaft schon vergeben ({holder})")
            )

    existing = _same_name_elsewhere(root, body_id, stem)
    if existing:
        raise ScaffoldError(f"{existing} gibt es schon (in einem anderen Ordner derselben Körperschaft) – nichts geändert.")
    text = _compose(body, body_id, subject.strip(), reference, paper_type, paper_date, planned, schema_line(path, root, body_id))
    _validate_composed(text, relative, body)
    steps = [
        f"Datei öffnen: {relative}",
        "Beschlussvorschlag und Sachverhalt eintragen (Felder `beschlussvorschlag` und `sachverhalt`, Markdown).",
    ]
    organizations = ", ".join(o.id for o in body.body.organizations)
    if planned:
        steps.append(f"Beratungsfolge prüfen und ergänzen; Gremien von {body.body.name}: {organizations}.")
    else:
        steps.append(f"Beratungsfolge eintragen; Gremien von {body.body.name}: {organizations}.")
    example = planned[-1] if planned else None
    steps.append(
        "Nach der Sitzung das Ergebnis eintragen, z. B.: ./bi ergebnis "
        f"{relative} --gremium {example.organization if example else 'GREMIUM'} "
        f"--datum {example.date.isoformat() if example else 'JJJJ-MM-TT'} --ergebnis \"ungeändert beschlossen\""
    )
    steps.append("Prüfen: ./bi check (in der Vorschau von `make serve` sofort zu sehen)")
    return NewPaper(path, relative, text, body, steps)


def _same_name_elsewhere(root: Path, body_id: str, stem: str) -> str | None:
    """A file of the same name in the Körperschaft's folder or one of its year folders."""
    folder = root / "data" / PAPERS_DIR / body_id
    for candidate in [folder / f"{stem}.yml", *folder.glob(f"*/{stem}.yml")]:
        if candidate.is_file():
            return candidate.relative_to(root).as_posix()
    return None


def _compose(body: BodyRecord, body_id: str, subject: str, reference: str | None, paper_type: str,
             date: dt.date | None, planned: list[PlannedConsultation], first_line: str) -> str:
    organizations = body.body.organizations
    width = max(len(o.id) for o in organizations)
    lines = [
        first_line,
        "# Angelegt mit `./bi neu`. Jedes Feld erklärt die Seite „Für die Redaktion“ der Website",
        "# (in der Vorschau: make serve, dann http://127.0.0.1:8000/redaktion/).",
        "#",
        f"# Gremien von {body.body.name} (Schlüssel für `gremium` in der Beratungsfolge):",
        *(f"#   {o.id.ljust(width)}  {o.name}" for o in organizations),
        f"# Rollen: {', '.join(CONSULTATION_ROLES)}",
        f"# Ergebnisse: {', '.join(body.vocabulary.result_kinds)}",
        "#   (nach der Sitzung eintragen mit `./bi ergebnis`)",
    ]
    if reference is not None:
        lines.append(f"nummer: {yaml_scalar(reference)}")
    lines += [
        f"betreff: {yaml_scalar(subject)}",
        f"art: {yaml_scalar(paper_type)}",
        f"koerperschaft: {body_id}",
    ]
    if date is not None:
        lines.append(f"datum: {date.isoformat()}")
    lines.append("oeffentlich: true")
    if planned:
        lines.append("beratungsfolge:")
        for consultation in planned:
            lines.append(f"  - gremium: {consultation.organization}")
            lines.append(f"    datum: {consultation.date.isoformat()}")
            if consultation.role:
                lines.append(f"    rolle: {consultation.role}")
    else:
        lines += [
            "# Je Sitzung ein Eintrag, in zeitlicher Reihenfolge:",
            "#   - gremium: kreistag",
            "#     datum: JJJJ-MM-TT",
            "#     rolle: Entscheidung",
            "beratungsfolge: []",
        ]
    lines += [
        "# Texte in Markdown; mehrzeilig mit „|“ und eingerückten Zeilen darunter:",
        "#   sachverhalt: |",
        "#     Erster Absatz …",
        "beschlussvorschlag:",
        "sachverhalt:",
    ]
    return "\n".join(lines) + "\n"


def _validate_composed(text: str, relative: str, body: BodyRecord) -> None:
    """The composed file must pass the model; a failure here is a bug, reported in German all the same."""
    document = load_yaml(text)
    try:
        Paper.model_validate(document.data)
    except ValidationError as exc:
        problems = problems_from_validation_error(
            exc, relative, document.position_of, lambda loc: allowed_fields(Paper, loc), document.written
        )
        raise ScaffoldError(*(str(p) for p in problems)) from None


def find_reference(root: Path, body_id: str, reference: str) -> str | None:
    """The file of the Vorlage with this number in this Körperschaft, if there is one.

    A quick text search first (an archive may hold 100,000 files); only files that
    mention the number are read as YAML.
    """
    pattern = re.compile(r"^nummer:[ \t]*['\"]?" + re.escape(reference) + r"['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)
    papers = root / "data" / PAPERS_DIR
    for path in sorted(papers.rglob("*.y*ml")) if papers.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not pattern.search(text):
            continue
        try:
            data = load_yaml(text).data
        except YamlSyntaxError:
            continue
        if isinstance(data, dict) and str(data.get("nummer")) == reference and data.get("koerperschaft") == body_id:
            return path.relative_to(root).as_posix()
    return None


def write_new_paper(plan: NewPaper) -> None:
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    # "x": never overwrite, even if the file appeared since the plan was made.
    with open(plan.path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(plan.text)



def command_new(args: argparse.Namespace) -> int:

    root = project_root(args)
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
        return refused(exc)
    except FileExistsError:
        print("Fehler: die Datei gibt es schon – nichts geändert.", file=sys.stderr)
        return 1
    problems = check_after_writing(root, plan.relative)
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


