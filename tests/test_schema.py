"""The JSON Schemas in schemas/ give editors the same rules as `buergerinfo check`.

They are generated from the model (`buergerinfo schema`); this test fails when the
committed files are older than the model, and checks that the schemas and the
validator agree: every shipped data file passes both, typical mistakes fail both.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from buergerinfo.model import CONSULTATION_ROLES, DATE_PATTERN_IN_RANGE
from buergerinfo.schema import SCHEMA_DIR, SCHEMA_FILES, schema_texts
from buergerinfo.vocabulary import DEFAULT_RESULT_KINDS
from buergerinfo.yamlsource import load_yaml_file

REPO = Path(__file__).resolve().parent.parent
BROKEN = REPO / "tests" / "broken"
SETTINGS = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


def schema_for(relative: str) -> str | None:
    """The schema file name VS Code uses for a data file, from .vscode/settings.json."""
    found = [
        Path(schema).name
        for schema, globs in SETTINGS["yaml.schemas"].items()
        if any(fnmatch.fnmatch(relative, pattern) for pattern in ([globs] if isinstance(globs, str) else globs))
    ]
    assert len(found) <= 1, f"{relative} matches several schemas: {found}"
    return found[0] if found else None


def kind_of(schema_name: str) -> str:
    return schema_name.removesuffix(".schema.json")


def validator(schema_name: str) -> Draft202012Validator:
    schema = json.loads((REPO / SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


DATA_FILES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "data").rglob("*.yml"))


def test_committed_schemas_are_up_to_date():
    fresh = schema_texts()
    assert sorted(fresh) == sorted(f"{name}.schema.json" for name in SCHEMA_FILES)
    stale = [
        name
        for name, text in fresh.items()
        if not (REPO / SCHEMA_DIR / name).is_file()
        or (REPO / SCHEMA_DIR / name).read_text(encoding="utf-8") != text
    ]
    assert not stale, (
        f"Die JSON-Schemas {', '.join(stale)} passen nicht mehr zum Datenmodell. "
        "Bitte `buergerinfo schema` ausführen und die Dateien in schemas/ mit einchecken."
    )


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "buergerinfo", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_schema_check_command_notices_an_outdated_file(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / SCHEMA_DIR, tmp_path / SCHEMA_DIR)
    assert _run("--root", str(tmp_path), "schema", "--check").returncode == 0

    stale = tmp_path / SCHEMA_DIR / "vorlage.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace("Betreff der Vorlage", "Betreff"), encoding="utf-8")
    before = stale.stat().st_mtime_ns
    result = _run("--root", str(tmp_path), "schema", "--check")
    assert result.returncode == 1
    assert "schemas/vorlage.schema.json" in result.stderr and "buergerinfo schema" in result.stderr
    assert "Traceback" not in result.stderr
    assert stale.stat().st_mtime_ns == before, "--check must not write"

    written = _run("--root", str(tmp_path), "schema")
    assert written.returncode == 0 and "schemas/vorlage.schema.json" in written.stdout
    assert _run("--root", str(tmp_path), "schema", "--check").returncode == 0
    untouched = {p.name: p.stat().st_mtime_ns for p in (tmp_path / SCHEMA_DIR).iterdir()}
    assert "nichts geändert" in _run("--root", str(tmp_path), "schema").stdout
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / SCHEMA_DIR).iterdir()} == untouched


def test_schemas_offer_the_vocabulary_for_autocompletion():
    paper = json.loads((REPO / SCHEMA_DIR / "vorlage.schema.json").read_text(encoding="utf-8"))
    consultation = paper["$defs"]["Consultation"]["properties"]
    roles = next(branch["enum"] for branch in consultation["rolle"]["anyOf"] if "enum" in branch)
    assert roles == list(CONSULTATION_ROLES)
    assert consultation["ergebnis"]["examples"] == [kind.label for kind in DEFAULT_RESULT_KINDS]
    assert "Beschlussvorlage" in paper["properties"]["art"]["examples"]
    assert paper["title"] == "Vorlage" and paper["additionalProperties"] is False
    assert consultation["datum"]["pattern"] == DATE_PATTERN_IN_RANGE


@pytest.mark.parametrize("relative", DATA_FILES)
def test_data_file_names_its_schema(relative):
    """The first line names the schema (for editors without the workspace settings), matching .vscode/settings.json."""
    schema_name = schema_for(relative)
    assert schema_name, f"{relative}: no schema in .vscode/settings.json"
    first_line = (REPO / relative).read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first_line)
    assert match, f"{relative}: first line should be '# yaml-language-server: $schema=…'"
    target = (REPO / relative).parent / match.group(1)
    assert target.resolve() == (REPO / SCHEMA_DIR / schema_name).resolve()


@pytest.mark.parametrize("relative", DATA_FILES)
def test_shipped_data_passes_schema_and_validator(relative):
    schema_name = schema_for(relative)
    data = load_yaml_file(REPO / relative).data
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator(schema_name).iter_errors(data)]
    assert not errors, f"{relative}:\n" + "\n".join(errors)
    SCHEMA_FILES[kind_of(schema_name)].model_validate(data)


def test_shipped_data_passes_the_check():
    result = _run("--root", str(REPO), "check")
    assert result.returncode == 0, result.stderr


# Mistakes both must catch: files from the broken-file corpus (tests/broken/) whose problem lies in the file itself.
SCHEMA_CASES = [
    "feld-tippfehler-betref",  # typo in a field
    "feld-tippfehler-verschachtelt",
    "feld-unbekannt-ohne-vorschlag",
    "typ-wahrheitswert",  # wrong types
    "typ-liste-erwartet",
    "typ-zahl-erwartet",
    "typ-text-erwartet",
    "typ-zuordnung-erwartet",
    "datum-deutsch-geschrieben",  # 28.11.18
    "datum-ohne-fuehrende-null",
    "datum-unmoeglich",  # 2018-02-30: only the format checker of the schema sees it
    "datum-monat-13",
    "pflichtfeld-fehlt",  # missing required fields
    "pflichtfeld-fehlt-verschachtelt",
    "pflichtfeld-leer",
    "rolle-unbekannt",  # wrong enum value
]


def _case_file(name: str) -> tuple[str, Path]:
    case = yaml.safe_load((BROKEN / "cases.yml").read_text(encoding="utf-8"))[name]
    return case["file"], BROKEN / name / case["file"]


@pytest.mark.parametrize("name", SCHEMA_CASES)
def test_broken_file_fails_schema_and_validator(name):
    relative, path = _case_file(name)
    schema_name = schema_for(relative)
    data = load_yaml_file(path).data
    assert list(validator(schema_name).iter_errors(data)), f"{name}: the JSON Schema accepts {relative}"
    with pytest.raises(ValidationError):
        SCHEMA_FILES[kind_of(schema_name)].model_validate(data)


@pytest.mark.parametrize(
    ("schema_name", "data"),
    [
        # A text of spaces only: the model strips it and finds it empty; the schema's pattern agrees.
        ("themen.schema.json", {"themen": [{"id": "x", "titel": "   "}]}),
        # A date YAML would not read as text: Unix seconds.
        ("sitzungen.schema.json", {"koerperschaft": "x", "sitzungen": [{"gremium": "x", "datum": 1557705600}]}),
        # A colour outside the badge classes.
        ("koerperschaft.schema.json", {"name": "X", "gremien": [{"id": "x", "name": "X"}],
                                       "beschlussarten": [{"bezeichnung": "x", "farbe": "rot", "abschliessend": True}]}),
        # A measure with a state outside the list.
        ("dossier.schema.json", {"titel": "X", "thema": "x", "koerperschaft": "x",
                                 "massnahmen": [{"titel": "X", "stand": "erledigt"}]}),
    ],
)
def test_more_mistakes_fail_both(schema_name, data):
    assert list(validator(schema_name).iter_errors(data))
    with pytest.raises(ValidationError):
        SCHEMA_FILES[kind_of(schema_name)].model_validate(data)
