"""`buergerinfo ergebnis`: record a result in the matching Beratung after the Sitzung.

Recording a result edits the Vorlage with ruamel.yaml's round-trip mode, so the editor's
comments, quotes and key order survive. Only the lines of the one Beratung entry may change:
the entry is rendered by ruamel.yaml and spliced into the original text, so every byte outside
it stays as the editor wrote it.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import difflib
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.tokens import CommentToken

from buergerinfo.checking.fields import allowed_fields
from buergerinfo.checking.messages import problems_from_validation_error
from buergerinfo.checking.paper_checks import result_problem
from buergerinfo.editing.common import (
    ScaffoldError,
    check_after_writing,
    check_organization,
    load_body,
    option_message,
    parse_date,
    project_root,
    refused,
    resolve_paper_path,
    today,
)
from buergerinfo.editing.textedit import write_text_atomically
from buergerinfo.model.paper import Consultation, Paper, VoteCount
from buergerinfo.model.structure import PAPERS_DIR, BodyRecord
from buergerinfo.reading.limits import MAX_MEETINGS_PER_DAY
from buergerinfo.reading.yamldocument import YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml, load_yaml_file

CONSULTATION_KEYS = [info.alias or name for name, info in Consultation.model_fields.items()]

# --- buergerinfo ergebnis ----------------------------------------------------------------


@dataclass
class ResultUpdate:
    path: Path
    relative: str
    changed: bool
    entry: int  # index in the Beratungsfolge
    original: str
    text: str


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
    meeting_of_day: int | None = None,
) -> ResultUpdate:
    """Check everything and compute the new text of the Vorlage; nothing is written here."""
    path = resolve_paper_path(root, file)
    try:
        relative = path.relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = str(path)
    if not relative.startswith(f"data/{PAPERS_DIR}/"):
        raise ScaffoldError(option_message("datei", f"{relative} ist keine Vorlage (erwartet eine Datei in data/{PAPERS_DIR}/)"))
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
        problems.append(option_message("--ergebnis", result_problem(result, body)))
    vote: dict[str, Any] | None = None
    if unanimous or yes is not None or no is not None or abstention is not None:
        vote = {}
        for key, value, option in (("ja", yes, "--ja"), ("nein", no, "--nein"), ("enthaltung", abstention, "--enthaltung")):
            if value is not None:
                if value < 0:
                    problems.append(option_message(option, f"Zahl ab 0 erwartet, gefunden: {value}"))
                vote[key] = value
        if unanimous:
            vote["einstimmig"] = True
        if not problems:
            try:
                VoteCount.model_validate(vote)
            except ValidationError as exc:
                problems.append(option_message("--einstimmig", str(exc.errors()[0].get("ctx", {}).get("error", ""))))
    if agenda_item is not None and not agenda_item.strip():
        problems.append(option_message("--top", "darf nicht leer sein"))
    if meeting_of_day is not None and not 1 <= meeting_of_day <= MAX_MEETINGS_PER_DAY:
        problems.append(option_message("--sitzung-am-tag", f"Zahl von 1 bis {MAX_MEETINGS_PER_DAY} erwartet, "
                                                           f"gefunden: {meeting_of_day}"))
    if problems:
        raise ScaffoldError(*problems)

    consultations = data.get("beratungsfolge") or []
    index = _matching_entry(relative, consultations, organization, day, meeting_of_day)

    changes: dict[str, Any] = {"ergebnis": result}
    if vote is not None:
        changes["abstimmung"] = vote
    if agenda_item is not None:
        changes["top"] = agenda_item.strip()
    entry = consultations[index]
    # An editor who records the result has checked it: it is no longer one derived from the counts alone.
    derived = "ergebnis_abgeleitet" in entry
    if all(entry.get(key) == value for key, value in changes.items()) and not derived:
        return ResultUpdate(path, relative, False, index, original, original)
    recorded = {key: entry[key] for key in ("ergebnis", "abstimmung") if entry.get(key) is not None}
    replaced = {key: value for key, value in recorded.items() if key in changes and changes[key] != value}
    if replaced and not replace:
        shown = "; ".join(f"{key}: {_describe(value)}" for key, value in recorded.items())
        raise ScaffoldError(
            f"{relative}: für {organization} am {day.isoformat()} ist schon ein Ergebnis eingetragen ({shown}). "
            "Nichts geändert. Soll es ersetzt werden, den Befehl mit --ersetzen wiederholen."
        )

    removed = ("ergebnis_abgeleitet",) if derived else ()
    text = _edit_entry(original, document, index, changes, relative, removed)
    expected = copy.deepcopy(data)
    expected["beratungsfolge"][index].update(changes)
    expected["beratungsfolge"][index].pop("ergebnis_abgeleitet", None)
    _verify(text, expected, relative, body)
    return ResultUpdate(path, relative, text != original, index, original, text)


def _meeting_number(entry: dict) -> Any:
    return entry.get("sitzung_am_tag") or 1


def _matching_entry(relative: str, consultations: list, organization: str, day: dt.date, number: int | None) -> int:
    """The one Beratung of the Gremium on the day (and, if given, in that Sitzung of the day), or a German refusal."""
    on_day = [
        index
        for index, entry in enumerate(consultations)
        if isinstance(entry, dict) and entry.get("gremium") == organization and entry.get("datum") == day.isoformat()
    ]
    matches = [i for i in on_day if number is None or _meeting_number(consultations[i]) == number]
    if len(matches) == 1:
        return matches[0]
    where = f"„{organization}“ am {day.isoformat()}" + (f" in der {number}. Sitzung des Tages" if number else "")
    if not matches:
        listed = ", ".join(
            f"{e.get('gremium')} am {e.get('datum')}" + (f" (sitzung_am_tag: {e['sitzung_am_tag']})"
                                                         if e.get("sitzung_am_tag") else "")
            for e in consultations if isinstance(e, dict)
        ) or "keine"
        raise ScaffoldError(
            f"{relative}: keine Beratung von {where} in der Beratungsfolge; "
            f"eingetragen sind: {listed}. Fehlt die Beratung, bitte zuerst in der Datei ergänzen."
        )
    entries = ", ".join(str(i + 1) for i in matches)
    numbers = sorted({_meeting_number(consultations[i]) for i in matches}, key=str)
    if number is None and len(numbers) == len(matches):
        # Two Sitzungen of the Gremium that day, one Beratung in each: the editor says which one.
        raise ScaffoldError(
            f"{relative}: zu {where} passen {len(matches)} Beratungen in verschiedenen Sitzungen des Tages "
            f"(Einträge {entries}: sitzung_am_tag {' und '.join(map(str, numbers))}); bitte mit --sitzung-am-tag "
            f"{' oder '.join(map(str, numbers))} angeben, welche gemeint ist. Nichts geändert."
        )
    raise ScaffoldError(
        f"{relative}: die Beratung von {where} steht mehrmals in der Beratungsfolge "
        f"(Einträge {entries}); bitte zuerst bereinigen."
    )


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


def _edit_entry(
    original: str, document, index: int, changes: dict[str, Any], relative: str, removed: tuple[str, ...] = ()
) -> str:
    yaml = _round_trip()
    mapping, sequence, offset = _indentation(original, document, index)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    try:
        data = yaml.load(original)
    except Exception as exc:  # ruamel.yaml reads YAML 1.2; anything it cannot read is left alone
        raise ScaffoldError(f"{relative}: kann die Datei nicht sicher bearbeiten ({type(exc).__name__}); "
                            "bitte das Ergebnis von Hand eintragen") from None
    entry = data["beratungsfolge"][index]
    for key in removed:
        if key in entry:
            del entry[key]
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

def command_result(args: argparse.Namespace) -> int:

    root = project_root(args)
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
            meeting_of_day=args.sitzung_am_tag,
        )
    except ScaffoldError as exc:
        return refused(exc)
    meeting_day = dt.date.fromisoformat(args.datum)
    if meeting_day > today():
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
    problems = check_after_writing(root, update.relative)
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


