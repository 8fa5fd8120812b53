"""Editor helpers that write data files: a new Vorlage, a result after the Sitzung.

Both refuse to write anything that would not pass `buergerinfo check`, say in
German what is wrong, and never touch a file they do not need to change.

Recording a result edits the Vorlage with ruamel.yaml's round-trip mode, so the
editor's comments, quotes and key order survive. Only the lines of the one
Beratung entry may change: the entry is rendered by ruamel.yaml and spliced
into the original text, so every byte outside it stays as the editor wrote it.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.tokens import CommentToken

from .archive import _Loader
from .errors import date_problem, problems_from_validation_error, unknown
from .fields import allowed_fields
from .model import CONSULTATION_ROLES, SLUG_PATTERN, Consultation, Paper, VoteCount
from .paper_checks import result_problem
from .placement import paper_path, schema_line, year_of
from .references import reference_problem, reference_slug
from .structure import BODIES_DIR, PAPERS_DIR, BodyRecord
from .textedit import write_text_atomically, yaml_scalar  # noqa: F401  (cli imports them from here)
from .yamlsource import YamlSyntaxError, load_yaml, load_yaml_file

# Keys of a Beratung in the order the model lists them; new keys go where this order puts them.
CONSULTATION_KEYS = [info.alias or name for name, info in Consultation.model_fields.items()]


class ScaffoldError(Exception):
    """Something the editor asked for cannot be done; `problems` are German, one per line."""

    def __init__(self, *problems: str) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(problems))


def _option(name: str, message: str) -> str:
    return f"Angabe „{name}“: {message}"


# --- the Körperschaft and its conventions -------------------------------------------------


def load_body(root: Path, body_id: str, option: str = "--koerperschaft") -> BodyRecord:
    """The Körperschaft with its Gremien and vocabulary, or a German error."""
    directory = root / "data" / BODIES_DIR
    known = sorted(p.stem for p in directory.glob("*.yml")) if directory.is_dir() else []
    path = directory / f"{body_id}.yml"
    if not path.is_file():
        raise ScaffoldError(
            _option(option, unknown("unbekannte Körperschaft", body_id, known, listing="bekannt")
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
            _option(option, unknown("unbekanntes Gremium", organization, known,
                                    listing=f"Gremien von {body.body.name}"))
        )


def parse_date(text: str, option: str = "--datum") -> dt.date:
    problem = date_problem(text)
    if problem:
        raise ScaffoldError(_option(option, problem))
    return dt.date.fromisoformat(text)


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
            _option("--beratung", f"„{text}“ nicht verstanden; erwartet gremium:JJJJ-MM-TT oder "
                                  "gremium:JJJJ-MM-TT:Rolle, z. B. kreistag:2019-06-27:Entscheidung")
        )
    organization, date_text = parts[0].strip(), parts[1].strip()
    role = parts[2].strip() if len(parts) == 3 else None
    check_organization(body, organization, "--beratung")
    date = parse_date(date_text, "--beratung")
    if role is not None and role not in CONSULTATION_ROLES:
        raise ScaffoldError(_option("--beratung", unknown("unbekannte Rolle", role, CONSULTATION_ROLES)))
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
        problems.append(_option("--betreff", "darf nicht leer sein"))
    if reference is not None:
        reference = reference.strip()
        problem = reference_problem(body.body, reference)
        if problem:
            problems.append(_option("--nummer", problem))
    if paper_type not in body.vocabulary.paper_types:
        problems.append(
            _option("--art", unknown("unbekannte Vorlagenart", paper_type, body.vocabulary.paper_types,
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
            _option("--datei", f"„{stem}“ ungeeignet: nur Kleinbuchstaben, Ziffern und Bindestriche "
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
                _option("--nummer", f"Vorlagen-Nr. „{reference}“ ist in dieser Körperschaft schon vergeben ({holder})")
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


# --- buergerinfo ergebnis ----------------------------------------------------------------


@dataclass
class ResultUpdate:
    path: Path
    relative: str
    changed: bool
    entry: int  # index in the Beratungsfolge
    original: str
    text: str


def resolve_paper_path(root: Path, given: str) -> Path:
    path = Path(given)
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, root / path]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    raise ScaffoldError(_option("datei", f"„{given}“ nicht gefunden (Vorlagen liegen in data/{PAPERS_DIR}/)"))


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
            _option("datei", f"„{path}“ liegt nicht in data/{PAPERS_DIR}/. `./bi {command}` ändert nur Vorlagen dort; "
                             "nicht öffentliche Vorlagen in ihrem eigenen Ordner bitte von Hand ändern, damit nichts "
                             "davon in data/ (und damit ins öffentliche Repository) gelangt")
        )
    return relative


def plan_result(
    root: Path,
    file: str,
    organization: str,
    date: str,
    result: str,
    yes: int | None = None,
    no: int | None = None,
    abstention: int | None = None,
    unanimous: bool = False,
    agenda_item: str | None = None,
    replace: bool = False,
) -> ResultUpdate:
    """Check everything and compute the new text of the Vorlage; nothing is written here."""
    path = resolve_paper_path(root, file)
    try:
        relative = path.relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = str(path)
    if not relative.startswith(f"data/{PAPERS_DIR}/"):
        raise ScaffoldError(_option("datei", f"{relative} ist keine Vorlage (erwartet eine Datei in data/{PAPERS_DIR}/)"))
    try:
        original_bytes = path.read_bytes()
        original = original_bytes.decode("utf-8")
        document = load_yaml_file(path)
    except (YamlSyntaxError, UnicodeDecodeError) as exc:
        message = exc.message if isinstance(exc, YamlSyntaxError) else "Datei ist nicht in UTF-8 gespeichert"
        raise ScaffoldError(f"{relative}: {message} – bitte zuerst beheben (`./bi check`)") from None
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("koerperschaft"), str):
        raise ScaffoldError(f"{relative}: keine Vorlage mit `koerperschaft` – bitte zuerst `./bi check` ausführen")
    body = load_body(root, data["koerperschaft"], option="koerperschaft in der Datei")

    problems: list[str] = []
    try:
        check_organization(body, organization)
    except ScaffoldError as exc:
        problems.extend(exc.problems)
    day = None
    try:
        day = parse_date(date)
    except ScaffoldError as exc:
        problems.extend(exc.problems)
    if body.vocabulary.result(result) is None:
        problems.append(_option("--ergebnis", result_problem(result, body)))
    vote: dict[str, Any] | None = None
    if unanimous or yes is not None or no is not None or abstention is not None:
        vote = {}
        for key, value, option in (("ja", yes, "--ja"), ("nein", no, "--nein"), ("enthaltung", abstention, "--enthaltung")):
            if value is not None:
                if value < 0:
                    problems.append(_option(option, f"Zahl ab 0 erwartet, gefunden: {value}"))
                vote[key] = value
        if unanimous:
            vote["einstimmig"] = True
        if not problems:
            try:
                VoteCount.model_validate(vote)
            except ValidationError as exc:
                problems.append(_option("--einstimmig", str(exc.errors()[0].get("ctx", {}).get("error", ""))))
    if agenda_item is not None and not agenda_item.strip():
        problems.append(_option("--top", "darf nicht leer sein"))
    if problems:
        raise ScaffoldError(*problems)

    consultations = data.get("beratungsfolge") or []
    matches = [
        index
        for index, entry in enumerate(consultations)
        if isinstance(entry, dict) and entry.get("gremium") == organization and entry.get("datum") == day.isoformat()
    ]
    if len(matches) != 1:
        listed = ", ".join(
            f"{e.get('gremium')} am {e.get('datum')}" for e in consultations if isinstance(e, dict)
        ) or "keine"
        if not matches:
            raise ScaffoldError(
                f"{relative}: keine Beratung von „{organization}“ am {day.isoformat()} in der Beratungsfolge; "
                f"eingetragen sind: {listed}. Fehlt die Beratung, bitte zuerst in der Datei ergänzen."
            )
        raise ScaffoldError(
            f"{relative}: die Beratung von „{organization}“ am {day.isoformat()} steht mehrmals in der Beratungsfolge "
            f"(Einträge {', '.join(str(i + 1) for i in matches)}); bitte zuerst bereinigen."
        )
    index = matches[0]

    changes: dict[str, Any] = {"ergebnis": result}
    if vote is not None:
        changes["abstimmung"] = vote
    if agenda_item is not None:
        changes["top"] = agenda_item.strip()
    entry = consultations[index]
    if all(entry.get(key) == value for key, value in changes.items()):
        return ResultUpdate(path, relative, False, index, original, original)
    recorded = {key: entry[key] for key in ("ergebnis", "abstimmung") if entry.get(key) is not None}
    replaced = {key: value for key, value in recorded.items() if key in changes and changes[key] != value}
    if replaced and not replace:
        shown = "; ".join(f"{key}: {_describe(value)}" for key, value in recorded.items())
        raise ScaffoldError(
            f"{relative}: für {organization} am {day.isoformat()} ist schon ein Ergebnis eingetragen ({shown}). "
            "Nichts geändert. Soll es ersetzt werden, den Befehl mit --ersetzen wiederholen."
        )

    text = _edit_entry(original, document, index, changes, relative)
    expected = copy.deepcopy(data)
    expected["beratungsfolge"][index].update(changes)
    _verify(text, expected, relative, body)
    return ResultUpdate(path, relative, text != original, index, original, text)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key} {'ja' if item is True else item}" for key, item in value.items())
    return f"„{value}“"


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never re-wrap an editor's long line
    return yaml


def _indentation(text: str, document, index: int) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as this file writes the Beratungsfolge, for ruamel.yaml."""
    key_column = document.position_of(("beratungsfolge",))[1]
    line, item_column = document.position_of(("beratungsfolge", index))
    line_text = text.splitlines()[line - 1]
    dash = line_text.rfind("-", 0, item_column - 1)
    offset = max(dash + 1 - key_column, 0) if dash >= 0 else 2
    sequence = max(item_column - key_column, offset + 2)
    mapping = 2
    for path, (child_line, child_column) in document.positions.items():
        if len(path) == 2 and isinstance(path[1], str) and path[1] != "__value__" and isinstance(path[0], str):
            parent_column = document.positions.get((path[0],), (0, 0))[1]
            if child_column > parent_column:
                mapping = child_column - parent_column
                break
    return mapping, sequence, offset


def _entry_range(document, lines_count: int, index: int) -> tuple[int, int]:
    """1-based [first, end) lines of Beratung `index`: from its „- “ line up to the next entry or key."""
    first = document.position_of(("beratungsfolge", index))[0]
    following = document.positions.get(("beratungsfolge", index + 1))
    if following:
        return first, following[0]
    own = document.position_of(("beratungsfolge",))[0]
    later = sorted(
        position[0]
        for path, position in document.positions.items()
        if len(path) == 1 and position[0] > own
    )
    return first, (later[0] if later else lines_count + 1)


def _edit_entry(original: str, document, index: int, changes: dict[str, Any], relative: str) -> str:
    yaml = _round_trip()
    mapping, sequence, offset = _indentation(original, document, index)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    try:
        data = yaml.load(original)
    except Exception as exc:  # ruamel.yaml reads YAML 1.2; anything it cannot read is left alone
        raise ScaffoldError(f"{relative}: kann die Datei nicht sicher bearbeiten ({type(exc).__name__}); "
                            "bitte das Ergebnis von Hand eintragen") from None
    entry = data["beratungsfolge"][index]
    for key, value in changes.items():
        if key in entry:
            if key == "abstimmung" and isinstance(entry[key], CommentedMap) and len(entry[key]):
                current = entry[key]
                old_last = list(current)[-1]
                slot = current.ca.items.get(old_last)
                tail = slot[2] if slot and len(slot) > 2 else None
                for old in [k for k in current if k not in value]:
                    del current[old]
                for vote_key, vote_value in value.items():
                    current[vote_key] = vote_value
                new_last = list(current)[-1]
                if tail is not None and new_last != old_last:
                    # Comment lines after the vote stay after it, whichever key now comes last.
                    if old_last in current.ca.items:
                        current.ca.items[old_last][2] = None
                    first, _, rest = tail.value.partition("\n")
                    if rest:
                        current.ca.items.setdefault(new_last, [None, None, None, None])[2] = CommentToken(
                            "\n" + rest, tail.start_mark, None
                        )
            else:
                entry[key] = value
            continue
        new_value = CommentedMap(value) if isinstance(value, dict) else value
        keys = list(entry)
        order = CONSULTATION_KEYS.index(key)
        before = [k for k in keys if k in CONSULTATION_KEYS and CONSULTATION_KEYS.index(k) < order]
        position = keys.index(before[-1]) + 1 if before else 0
        entry.insert(position, key, new_value)
        if position > 0:
            _move_trailing_comment(entry, keys[position - 1], key)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    rendered = buffer.getvalue()

    # Splice: only the entry's lines come from ruamel.yaml; everything else stays byte for byte.
    old_lines = original.splitlines(keepends=True)
    new_lines = rendered.splitlines(keepends=True)
    first, end = _entry_range(document, len(old_lines), index)
    new_document = load_yaml(rendered)
    new_first, new_end = _entry_range(new_document, len(new_lines), index)
    entry_lines = new_lines[new_first - 1 : new_end - 1]
    if end - 1 >= len(old_lines) and entry_lines and not old_lines[-1].endswith("\n"):
        entry_lines[-1] = entry_lines[-1].rstrip("\n")  # the file had no final newline; keep it that way
    return "".join(old_lines[: first - 1] + entry_lines + old_lines[end - 1 :])


def _move_trailing_comment(entry: CommentedMap, previous: str, new: str) -> None:
    """Comment lines after `previous` stay after the inserted key; an inline comment stays on its line."""
    slot = entry.ca.items.get(previous)
    if not slot or len(slot) < 3 or slot[2] is None:
        return
    token = slot[2]
    first, _, rest = token.value.partition("\n")
    if first.strip():
        token.value = first + "\n"
    else:
        slot[2] = None
    if not rest:
        return
    # The comment goes after the last line the new key writes: for a mapping, after its last key.
    owner, key = entry, new
    while isinstance(owner[key], CommentedMap) and len(owner[key]):
        owner = owner[key]
        key = list(owner)[-1]
    owner.ca.items.setdefault(key, [None, None, None, None])[2] = CommentToken("\n" + rest, token.start_mark, None)


def _verify(text: str, expected: dict, relative: str, body: BodyRecord) -> None:
    """The new text must read back as exactly the old data plus the change, and pass the model."""
    try:
        document = load_yaml(text)
    except YamlSyntaxError as exc:
        raise ScaffoldError(f"{relative}: interne Prüfung fehlgeschlagen ({exc.message}); nichts geändert") from None
    if document.data != expected or document.issues:
        raise ScaffoldError(
            f"{relative}: die Änderung ließe sich nicht sauber schreiben; nichts geändert. "
            "Bitte das Ergebnis von Hand eintragen."
        )
    try:
        Paper.model_validate(document.data)
    except ValidationError as exc:
        problems = problems_from_validation_error(
            exc, relative, document.position_of, lambda loc: allowed_fields(Paper, loc), document.written
        )
        raise ScaffoldError(
            f"{relative} hat Fehler, die vor dem Eintragen behoben werden müssen; nichts geändert:",
            *(str(p) for p in problems),
        ) from None
