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

from buergerinfo.model.base import CONSULTATION_ROLES, DATE_PATTERN_IN_RANGE
from buergerinfo.model.schema import SCHEMA_DIR, SCHEMA_FILES
from buergerinfo.checking.schema_files import schema_texts
from buergerinfo.model.vocabulary import DEFAULT_RESULT_KINDS
from buergerinfo.reading.yamlsource import load_yaml_file

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
    fresh = schema_texts(REPO)
    bodies = sorted(p.stem for p in (REPO / "data" / "koerperschaften").glob("*.yml"))
    assert sorted(fresh) == sorted(
        [f"{name}.schema.json" for name in SCHEMA_FILES] + [f"vorlage.{body}.schema.json" for body in bodies]
    )
    assert sorted(p.name for p in (REPO / SCHEMA_DIR).iterdir()) == sorted(fresh), "no schema of a removed Körperschaft"
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
    assert "schemas/vorlage.schema.json" in result.stderr and "./bi schema" in result.stderr
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


def named_schema(path: Path) -> str:
    """The schema file a data file names in its first line."""
    match = MODELINE.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path}: first line should be '# yaml-language-server: $schema=…'"
    target = (path.parent / match.group(1)).resolve()
    if path.is_relative_to(REPO / "data"):
        assert target.parent == (REPO / SCHEMA_DIR).resolve(), target
    return target.name


@pytest.mark.parametrize("relative", DATA_FILES)
def test_data_file_names_its_schema(relative):
    """The first line names the schema; a Vorlage names its Körperschaft's, the rest as in .vscode/settings.json."""
    schema_name = schema_for(relative)
    assert schema_name, f"{relative}: no schema in .vscode/settings.json"
    named = named_schema(REPO / relative)
    if relative.startswith("data/vorlagen/"):
        body = load_yaml_file(REPO / relative).data["koerperschaft"]
        assert named == f"vorlage.{body}.schema.json"
    else:
        assert named == schema_name


@pytest.mark.parametrize("relative", DATA_FILES)
def test_shipped_data_passes_schema_and_validator(relative):
    schema_name = named_schema(REPO / relative)
    data = load_yaml_file(REPO / relative).data
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator(schema_name).iter_errors(data)]
    assert not errors, f"{relative}:\n" + "\n".join(errors)
    SCHEMA_FILES[kind_of(schema_name).split(".")[0]].model_validate(data)


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
    data = load_yaml_file(path).data
    for schema_name in {schema_for(relative), named_schema(path)}:
        assert list(validator(schema_name).iter_errors(data)), f"{name}: {schema_name} accepts {relative}"
    with pytest.raises(ValidationError):
        SCHEMA_FILES[kind_of(schema_for(relative))].model_validate(data)


# Mistakes only the Körperschaft's own schema can see while typing (the model alone accepts them; the check does not).
BODY_SCHEMA_CASES = {
    "gremium-unbekannt": "beratungsfolge/0/gremium",
    "ergebnis-unbekannt": "beratungsfolge/1/ergebnis",
    "ergebnis-tippfehler": "beratungsfolge/1/ergebnis",
    "vorlagenart-unbekannt": "art",
    "nummer-falsches-format": "nummer",
}


@pytest.mark.parametrize("name", sorted(BODY_SCHEMA_CASES))
def test_koerperschaft_schema_flags_what_only_the_check_knew(name):
    relative, path = _case_file(name)
    data = load_yaml_file(path).data
    assert not list(validator(schema_for(relative)).iter_errors(data)), "the generic schema cannot know this"
    errors = list(validator(named_schema(path)).iter_errors(data))
    assert errors, f"{name}: {named_schema(path)} accepts {relative}"
    where = ["/".join(map(str, error.absolute_path)) for error in errors]
    assert any(w.startswith(BODY_SCHEMA_CASES[name]) for w in where), where


def test_koerperschaft_schema_offers_gremien_results_and_example():
    schema = json.loads((REPO / SCHEMA_DIR / "vorlage.landkreis-wittmund.schema.json").read_text(encoding="utf-8"))
    consultation = schema["$defs"]["Consultation"]["properties"]
    assert consultation["gremium"]["enum"] == ["kreistag", "kreisausschuss", "sozialausschuss"]
    assert consultation["gremium"]["enumDescriptions"][2] == "Sozialausschuss"
    results = next(branch for branch in consultation["ergebnis"]["anyOf"] if "enum" in branch)
    assert results["enum"] == [kind.label for kind in DEFAULT_RESULT_KINDS]
    number = next(branch for branch in schema["properties"]["nummer"]["anyOf"] if "pattern" in branch)
    assert "„0042/2019“" in number["patternErrorMessage"] and "\\d" not in number["patternErrorMessage"]
    assert schema["properties"]["koerperschaft"]["const"] == "landkreis-wittmund"
    assert consultation["datum"]["errorMessage"].startswith("Datum im Format JJJJ-MM-TT")


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
