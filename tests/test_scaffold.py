"""`buergerinfo neu` and `buergerinfo ergebnis`, run as an editor would.

A new Vorlage passes the check at once; recording a result changes only the
lines of the one Beratung entry and keeps the editor's comments and key order;
a wrong Gremium, date or result is refused in German without touching the file.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from buergerinfo.reading.yamlsource import load_yaml_file

REPO = Path(__file__).resolve().parent.parent
WITTMUND_0042 = "data/vorlagen/landkreis-wittmund/0042-2019.yml"
WITTMUND_0121 = "data/vorlagen/landkreis-wittmund/0121-2018.yml"

# Comments an editor wrote by hand: inline, between entries, after the entry, before the next field.
HAND_WRITTEN = [
    ("    rolle: Entscheidung\n", "    rolle: Entscheidung  # laut Einladung zur Sitzung\n    # Ergebnis steht noch aus\n"),
    ("  - gremium: kreisausschuss\n", "  # Sitzung verschoben? Niederschrift abwarten\n  - gremium: kreisausschuss\n"),
    ("sachverhalt: |\n", "# Sachverhalt wie in der Vorlage gedruckt\nsachverhalt: |\n"),
]


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "buergerinfo", "--root", str(root), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=root,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture
def repository(tmp_path) -> Path:
    root = tmp_path / "repository"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


@pytest.fixture
def commented(repository) -> Path:
    """The sample Vorlage 0042/2019 with hand-written comments."""
    path = repository / WITTMUND_0042
    text = path.read_text(encoding="utf-8")
    for old, new in HAND_WRITTEN:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def assert_clean_output(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr


# --- buergerinfo neu ---------------------------------------------------------------------


def test_new_paper_passes_the_check(repository):
    result = run(
        repository,
        "neu",
        "--koerperschaft", "landkreis-wittmund",
        "--nummer", "0043/2019",
        "--betreff", "Fortschreibung des Integrationskonzepts: Sachstandsbericht",
        "--datum", "2019-09-02",
        "--beratung", "sozialausschuss:2019-09-16:Vorberatung", "kreistag:2019-10-10:Entscheidung",
    )
    assert_clean_output(result)
    assert result.returncode == 0, result.stderr
    created = repository / "data/vorlagen/landkreis-wittmund/0043-2019.yml"
    assert "Neue Vorlage angelegt: data/vorlagen/landkreis-wittmund/0043-2019.yml" in result.stdout
    assert "Als Nächstes" in result.stdout and "./bi ergebnis" in result.stdout

    text = created.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../schemas/vorlage.landkreis-wittmund.schema.json"
    for organization in ("kreistag", "kreisausschuss", "sozialausschuss"):
        assert f"#   {organization}" in text, "the Gremien are listed so the editor sees valid keys"
    data = load_yaml_file(created).data
    assert data["nummer"] == "0043/2019"
    assert data["betreff"] == "Fortschreibung des Integrationskonzepts: Sachstandsbericht"
    assert [(c["gremium"], c["datum"], c["rolle"]) for c in data["beratungsfolge"]] == [
        ("sozialausschuss", "2019-09-16", "Vorberatung"),
        ("kreistag", "2019-10-10", "Entscheidung"),
    ]

    check = run(repository, "check")
    assert check.returncode == 0, check.stderr
    assert "7 Vorlagen" in check.stdout  # the six of the sample data and the new one

    schema = json.loads((repository / "schemas/vorlage.landkreis-wittmund.schema.json").read_text(encoding="utf-8"))
    assert not list(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(data))


def test_new_paper_without_beratung_and_number_passes_the_check(repository):
    result = run(
        repository,
        "neu", "--koerperschaft", "landkreis-friesland", "--art", "Mitteilungsvorlage",
        "--betreff", "Bericht über die Sprachkurse 2019", "--datei", "bericht-sprachkurse-2019",
    )
    assert result.returncode == 0, result.stderr
    assert (repository / "data/vorlagen/landkreis-friesland/bericht-sprachkurse-2019.yml").is_file()
    assert run(repository, "check").returncode == 0


def test_new_paper_never_overwrites(repository):
    existing = repository / WITTMUND_0042
    before = snapshot(existing)
    result = run(repository, "neu", "--koerperschaft", "landkreis-wittmund", "--nummer", "0042/2019", "--betreff", "X")
    assert_clean_output(result)
    assert result.returncode == 1
    assert "gibt es schon" in result.stderr and "nichts geändert" in result.stderr
    assert snapshot(existing) == before


@pytest.mark.parametrize(
    ("arguments", "phrase"),
    [
        (["--nummer", "43/2019"], "passt nicht zum Nummernformat von Landkreis Wittmund"),
        (["--nummer", "0121/2018", "--datei", "andere-datei"], "schon vergeben (data/vorlagen/landkreis-wittmund/0121-2018.yml)"),
        (["--nummer", "0043/2019", "--beratung", "sozialauschuss:2019-09-16"], "meinten Sie „sozialausschuss“?"),
        (["--nummer", "0043/2019", "--beratung", "kreistag:10.10.2019:Entscheidung"], "Datum im Format JJJJ-MM-TT"),
        (["--nummer", "0043/2019", "--beratung", "kreistag:2019-10-10:Beschluss"], "unbekannte Rolle „Beschluss“"),
        (["--nummer", "0043/2019", "--art", "Beschlußvorlage"], "meinten Sie „Beschlussvorlage“?"),
        (["--nummer", "0043/2019", "--datum", "2019-02-30"], "der Februar 2019 hat nur 28 Tage"),
    ],
)
def test_new_paper_refuses_what_the_check_would_refuse(repository, arguments, phrase):
    result = run(repository, "neu", "--koerperschaft", "landkreis-wittmund", "--betreff", "X", *arguments)
    assert_clean_output(result)
    assert result.returncode == 1
    assert phrase in result.stderr
    assert "Es wurde nichts geschrieben." in result.stderr
    assert not (repository / "data/vorlagen/landkreis-wittmund/0043-2019.yml").exists()
    assert not (repository / "data/vorlagen/landkreis-wittmund/andere-datei.yml").exists()


def test_new_paper_for_unknown_koerperschaft(repository):
    result = run(repository, "neu", "--koerperschaft", "landkreis-witmund", "--nummer", "0043/2019", "--betreff", "X")
    assert result.returncode == 1
    assert "unbekannte Körperschaft „landkreis-witmund“ – meinten Sie „landkreis-wittmund“?" in result.stderr
    assert not (repository / "data/vorlagen/landkreis-witmund").exists()


# --- buergerinfo ergebnis ----------------------------------------------------------------


def entry_lines(path: Path, index: int) -> range:
    """0-based line numbers of Beratung `index`, from its „- “ line to the line before the next entry or field."""
    document = load_yaml_file(path)
    first = document.position_of(("beratungsfolge", index))[0]
    following = document.positions.get(("beratungsfolge", index + 1))
    if following:
        end = following[0]
    else:
        own = document.position_of(("beratungsfolge",))[0]
        end = min(p[0] for k, p in document.positions.items() if len(k) == 1 and p[0] > own)
    return range(first - 1, end - 1)


def changed_lines(before: str, after: str) -> tuple[list[int], list[int]]:
    """0-based line numbers that differ: (in before, in after)."""
    old, new = [], []
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            old.extend(range(a1, a2))
            new.extend(range(b1, b2))
    return old, new


def key_order(data, path=()) -> list[tuple]:
    """Every mapping's keys in file order, as (path, key) pairs."""
    pairs = []
    if isinstance(data, dict):
        for key, value in data.items():
            pairs.append((path, key))
            pairs.extend(key_order(value, path + (key,)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            pairs.extend(key_order(value, path + (index,)))
    return pairs


def test_result_changes_only_the_entry_and_keeps_comments_and_order(repository, commented):
    before_text = commented.read_text(encoding="utf-8")
    before_entry = entry_lines(commented, 2)
    before_order = key_order(load_yaml_file(commented).data)

    result = run(
        repository,
        "ergebnis", WITTMUND_0042,
        "--gremium", "kreistag", "--datum", "2019-06-27", "--ergebnis", "ungeändert beschlossen",
        "--ja", "38", "--nein", "2", "--enthaltung", "1", "--top", "Ö 6.1",
    )
    assert_clean_output(result)
    assert result.returncode == 0, result.stderr
    assert "Eingetragen: data/vorlagen/landkreis-wittmund/0042-2019.yml, beratungsfolge[3]" in result.stdout

    after_text = commented.read_text(encoding="utf-8")
    removed, added = changed_lines(before_text, after_text)
    assert removed == [], "no line the editor wrote is changed or removed"
    after_entry = entry_lines(commented, 2)
    assert added and all(line in after_entry for line in added), (added, after_entry)
    # Every line outside the entry is byte for byte what it was.
    old_lines, new_lines = before_text.splitlines(True), after_text.splitlines(True)
    assert old_lines[: before_entry.start] == new_lines[: after_entry.start]
    assert old_lines[before_entry.stop :] == new_lines[after_entry.stop :]
    for _, comment in HAND_WRITTEN:
        for line in comment.splitlines(True):
            assert line in new_lines

    data = load_yaml_file(commented).data
    kreistag = data["beratungsfolge"][2]
    assert kreistag["ergebnis"] == "ungeändert beschlossen"
    assert kreistag["abstimmung"] == {"ja": 38, "nein": 2, "enthaltung": 1}
    assert kreistag["top"] == "Ö 6.1"
    # Key order: the old keys in the old order; the new ones only inserted.
    after_order = key_order(data)
    assert [pair for pair in after_order if pair in before_order] == before_order
    assert list(kreistag) == ["gremium", "datum", "rolle", "top", "ergebnis", "abstimmung"]
    assert run(repository, "check").returncode == 0


def test_changing_a_result_touches_only_its_lines(repository, commented):
    first = run(repository, "ergebnis", WITTMUND_0042, "--gremium", "kreistag", "--datum", "2019-06-27",
                "--ergebnis", "vertagt", "--ja", "20", "--nein", "19")
    assert first.returncode == 0, first.stderr
    before_text = commented.read_text(encoding="utf-8")
    entry_before = entry_lines(commented, 2)
    second = run(repository, "ergebnis", WITTMUND_0042, "--gremium", "kreistag", "--datum", "2019-06-27",
                 "--ergebnis", "geändert beschlossen", "--einstimmig", "--ersetzen")
    assert second.returncode == 0, second.stderr
    after_text = commented.read_text(encoding="utf-8")
    removed, added = changed_lines(before_text, after_text)
    entry_after = entry_lines(commented, 2)
    assert removed and all(line in entry_before for line in removed)
    assert all(line in entry_after for line in added)
    assert "    # Ergebnis steht noch aus\n" in after_text.splitlines(True)[entry_after.start : entry_after.stop]
    assert load_yaml_file(commented).data["beratungsfolge"][2]["abstimmung"] == {"einstimmig": True}


def test_result_in_an_entry_with_a_folded_note_keeps_the_note(repository):
    path = repository / WITTMUND_0121
    before_text = path.read_text(encoding="utf-8")
    result = run(repository, "ergebnis", WITTMUND_0121, "--gremium", "kreisausschuss", "--datum", "2018-11-29",
                 "--ergebnis", "zur Kenntnis genommen")
    assert result.returncode == 0, result.stderr
    after_text = path.read_text(encoding="utf-8")
    removed, added = changed_lines(before_text, after_text)
    assert removed == [] and len(added) == 1
    assert after_text.splitlines()[added[0]] == "    ergebnis: zur Kenntnis genommen"
    assert added[0] in entry_lines(path, 1)


def test_recording_the_same_result_again_does_not_rewrite(repository, commented):
    arguments = ["ergebnis", WITTMUND_0042, "--gremium", "kreistag", "--datum", "2019-06-27",
                 "--ergebnis", "abgelehnt", "--top", "Ö 6.1"]
    assert run(repository, *arguments).returncode == 0
    before = snapshot(commented)
    again = run(repository, *arguments)
    assert again.returncode == 0
    assert "Datei unverändert" in again.stdout
    assert snapshot(commented) == before


@pytest.mark.parametrize(
    ("arguments", "phrases"),
    [
        (["--gremium", "kreistg", "--datum", "2019-06-27", "--ergebnis", "ungeändert beschlossen"],
         ["unbekanntes Gremium „kreistg“ – meinten Sie „kreistag“?"]),
        (["--gremium", "kreistag", "--datum", "27.06.2019", "--ergebnis", "ungeändert beschlossen"],
         ["Datum im Format JJJJ-MM-TT erwartet", "gemeint ist wohl 2019-06-27"]),
        (["--gremium", "kreistag", "--datum", "2019-06-28", "--ergebnis", "ungeändert beschlossen"],
         ["keine Beratung von „kreistag“ am 2019-06-28", "kreistag am 2019-06-27"]),
        (["--gremium", "kreistag", "--datum", "2019-06-27", "--ergebnis", "angenommen"],
         ["unbekanntes Ergebnis „angenommen“", "erlaubt: ungeändert beschlossen, geändert beschlossen"]),
        (["--gremium", "kreistag", "--datum", "2019-06-27", "--ergebnis", "ungeändert beschloßen"],
         ["meinten Sie „ungeändert beschlossen“?", "erweiterbar mit `beschlussarten`"]),
        (["--gremium", "kreistag", "--datum", "2019-06-27", "--ergebnis", "beschlossen", "--nein", "3", "--einstimmig"],
         ["einstimmig, aber mit Nein-Stimmen"]),
        (["--gremium", "kreistag", "--datum", "2019-06-27", "--ergebnis", "beschlossen", "--ja", "viele"],
         ["ganze Zahl erwartet, gefunden: „viele“"]),
    ],
)
def test_wrong_input_is_refused_and_the_file_untouched(repository, commented, arguments, phrases):
    before = snapshot(commented)
    result = run(repository, "ergebnis", WITTMUND_0042, *arguments)
    assert_clean_output(result)
    assert result.returncode != 0
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr
    assert snapshot(commented) == before
    assert not [p for p in commented.parent.iterdir() if p.name.startswith(".")], "no temporary file left behind"
