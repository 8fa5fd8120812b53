"""Persons, Fraktionen and Memberships from an endpoint shaped like real SD.NET and ALLRIS data (issue #20, point 5).

What an editor checks after the import: the Personen file (who, which Fraktion, which Gremium, since when,
in which role), that nothing of the contact data came over, that the Fraktionen are no Gremien, that
`buergerinfo check` passes, that a second run changes nothing, and that their own edits stay.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import copy_project
from oparl_server import OParlServer, council_people

from buergerinfo.checking.archive import load_archive
from buergerinfo.importers import ImportOptions, import_oparl
from buergerinfo.importers.http import ClientSettings
from buergerinfo.importers.people_mapping import group_kind, role_of
from buergerinfo.reading.yamlsource import load_yaml_file

FAST = ClientSettings(rate=0, backoff=0.01, timeout=5)
BODY = "gemeinde-musterhausen"
PEOPLE = f"data/personen/{BODY}.yml"


def tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def endpoint():
    with OParlServer() as server:
        yield server, council_people(server)


@pytest.fixture
def imported(endpoint, tmp_path):
    _, url = endpoint
    root = copy_project(tmp_path / "ziel", with_data=False)
    report = import_oparl(url, root, BODY, ImportOptions(client=FAST))
    assert report.error is None and report.check_passed, report.text()
    return url, root, report


def people(root) -> dict:
    return load_yaml_file(root / PEOPLE).data


def test_people_fraktionen_and_memberships_come_over_as_an_editor_would_write_them(imported):
    _, root, report = imported
    data = people(root)
    assert [t["id"] for t in data["wahlperioden"]] == ["wp-2019", "wp-2024"]
    # SD.NET's Fraktion ("Gremium" + classification) and ALLRIS's ("Fraktion") are Fraktionen, not Gremien.
    assert {g["id"]: g["name"] for g in data["fraktionen"]} == {
        "spd": "SPD-Fraktion im Gemeinderat", "gruene": "Fraktion Bündnis 90/Die Grünen"}
    gremien = load_yaml_file(root / f"data/koerperschaften/{BODY}.yml").data["gremien"]
    assert [g["name"] for g in gremien] == ["Gemeinderat", "Bau- und Umweltausschuss", "Jugendhilfeausschuss"]
    persons = {p["id"]: p for p in data["personen"]}
    assert set(persons) == {"anna-beispiel", "bernd-muster", "clara-neumann"}  # the one without any name is left out
    anna = persons["anna-beispiel"]
    assert (anna["vorname"], anna["familienname"], anna["titel"], anna["anrede"]) == ("Anna", "Beispiel", "Dr.", "Frau")
    assert anna["mitgliedschaften"] == [
        {"fraktion": "spd", "rolle": "stellv. Vorsitz", "beginn": "2019-06-01", "ende": "2024-05-31"},
        {"gremium": "bua", "rolle": "Vorsitz", "beginn": "2019-06-01", "fuer_fraktion": "spd"},
        # Listed only by the council's Organization.membership; ended: a former membership.
        {"gremium": "gr", "beginn": "2019-06-01", "ende": "2024-05-31", "fuer_fraktion": "spd"},
    ]
    # A name with line breaks, padding and "Herr" in front, no name parts (empty strings): `name` alone.
    assert {k: v for k, v in persons["bernd-muster"].items() if k != "mitgliedschaften"} == {
        "id": "bernd-muster", "name": "Bernd Muster", "anrede": "Herr"}
    assert persons["bernd-muster"]["mitgliedschaften"] == [
        {"gremium": "bua", "rolle": "sachkundige/r Bürger/in", "stimmrecht": False, "beginn": "2021-01-15"}]
    # Embedded (ALLRIS) and listed by the council: one membership each, in a fixed order.
    assert persons["clara-neumann"]["mitgliedschaften"] == [
        {"fraktion": "gruene", "rolle": "Vorsitz", "beginn": "2024-06-01"},
        {"gremium": "bua", "beginn": "2024-06-01", "fuer_fraktion": "gruene"},
        {"gremium": "gr", "beginn": "2024-06-01", "fuer_fraktion": "gruene"},
        {"gremium": "jha", "beginn": "2024-09-01"},
    ]
    # The Antrag names its Einreicher by key now: the Vorlage links the person's and the Fraktion's page.
    antrag = load_yaml_file(root / f"data/vorlagen/{BODY}/0001-2024.yml").data
    assert antrag["einreicher"] == [{"person": "anna-beispiel"}, {"fraktion": "spd"}]
    archive = load_archive(root)  # what `buergerinfo check` reads
    checked = subprocess.run([sys.executable, "-m", "buergerinfo", "--root", str(root), "check"],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert [p.id for p in archive.people[BODY].people.persons] == ["anna-beispiel", "bernd-muster", "clara-neumann"]


def test_contact_data_is_never_imported_and_the_report_says_what_was_left_out(imported):
    url, root, report = imported
    text = (root / PEOPLE).read_text(encoding="utf-8")
    for private in ("anna@example.org", "0123 456", "Gartenweg", "bild.jpg", "kontakt", "foto"):
        assert private not in text.split("\nkoerperschaft:", 1)[1]
    said = report.text()
    for label in ("E-Mail-Adressen: 1", "Telefonnummern: 1", "Anschriften: 1", "Fotos: 1"):
        assert f"Nicht übernommen, da keine Einwilligung erfasst ist: {label}" in said
    assert "memberships.asp?id=404 (Membership): nicht gefunden (HTTP 404)" in said
    assert "Wahlperiode ohne Beginn „Altes Archiv“ (nicht übernommen" in said
    assert "Mitgliedschaften als Stellvertreter/in eines Mitglieds" in said
    assert "Mitgliedschaften in Organisationen, die weder Gremium noch Fraktion sind (nicht übernommen): 1" in said
    assert "Vom Server: 3 Personen, 2 Fraktionen, 2 Wahlperioden, 8 Mitgliedschaften (davon 2 beendet)" in said


def test_a_second_run_changes_nothing_and_says_so(imported):
    url, root, _ = imported
    before = tree(root)
    again = import_oparl(url, root, BODY, ImportOptions(client=FAST, full=True))
    assert again.check_passed, again.text()
    assert tree(root) == before
    assert "Nichts geändert: jede Datei ist so, wie der letzte Import sie geschrieben hat." in again.text()


def test_the_editors_switch_and_edits_survive_the_next_import(imported, endpoint):
    url, root, _ = imported
    path = root / PEOPLE
    text = path.read_text(encoding="utf-8")
    # Hide Bernd Muster, correct Clara's name by hand.
    text = text.replace("  - id: bernd-muster\n", "  - id: bernd-muster\n    veroeffentlichen: false\n")
    text = text.replace("familienname: Neumann", "familienname: Neumann-Roth")
    path.write_text(text, encoding="utf-8")
    report = import_oparl(url, root, BODY, ImportOptions(client=FAST, full=True))
    assert report.check_passed, report.text()
    persons = {p["id"]: p for p in people(root)["personen"]}
    assert persons["bernd-muster"]["veroeffentlichen"] is False
    assert persons["bernd-muster"]["mitgliedschaften"]  # the server's part still there
    assert "  - id: bernd-muster\n    veroeffentlichen: false\n" in path.read_text(encoding="utf-8")  # where she put it
    assert persons["clara-neumann"]["familienname"] == "Neumann-Roth"
    assert f"Personen in {PEOPLE}, von Hand geändert – nicht überschrieben" in report.text()
    # And a further run keeps both, byte for byte.
    before = path.read_bytes()
    import_oparl(url, root, BODY, ImportOptions(client=FAST, full=True))
    assert path.read_bytes() == before
    # --ueberschreiben puts the server's name back, and still keeps the switch (it is the editors' field).
    import_oparl(url, root, BODY, ImportOptions(client=FAST, full=True, overwrite=True))
    persons = {p["id"]: p for p in people(root)["personen"]}
    assert persons["clara-neumann"]["familienname"] == "Neumann"
    assert persons["bernd-muster"]["veroeffentlichen"] is False


def test_comments_and_layout_survive_a_run_that_changes_the_file(imported, endpoint):
    server, _ = endpoint
    url, root, _ = imported
    path = root / PEOPLE
    text = path.read_text(encoding="utf-8").replace("  - id: clara-neumann\n",
                                                    "  # Rückt 2024 für die Grünen nach.\n  - id: clara-neumann\n")
    path.write_text(text, encoding="utf-8")
    anna = server.objects[server.path_of(server.url("persons.asp?id=1"))]
    original = dict(anna)
    anna["title"] = ["Prof. Dr."]  # the server changes something
    try:
        report = import_oparl(url, root, BODY, ImportOptions(client=FAST, full=True))
    finally:
        anna.clear()
        anna.update(original)
    assert report.check_passed and report.files[("Personen", "geändert")] == 1, report.text()
    after = path.read_text(encoding="utf-8")
    assert "  # Rückt 2024 für die Grünen nach.\n  - id: clara-neumann\n" in after
    assert after == text.replace("titel: Dr.", "titel: Prof. Dr.")  # that line changed, and nothing else


def test_a_file_typed_by_hand_before_the_import_keeps_its_entries_and_keys(endpoint, tmp_path):
    _, url = endpoint
    root = copy_project(tmp_path / "ziel", with_data=False)
    path = root / PEOPLE
    path.parent.mkdir(parents=True)
    path.write_text(f"koerperschaft: {BODY}\npersonen:\n  - id: a-beispiel\n    vorname: Anna\n"
                    "    familienname: Beispiel\n  - id: ehrenamt\n    name: Erika Ehrenamt\n", encoding="utf-8")
    report = import_oparl(url, root, BODY, ImportOptions(client=FAST))
    assert report.check_passed, report.text()
    persons = {p["id"]: p for p in people(root)["personen"]}
    assert persons["a-beispiel"] == {"id": "a-beispiel", "vorname": "Anna", "familienname": "Beispiel"}  # as typed
    assert "anna-beispiel" not in persons and persons["ehrenamt"] == {"id": "ehrenamt", "name": "Erika Ehrenamt"}
    assert {"bernd-muster", "clara-neumann"} <= set(persons)
    assert f"Personen in {PEOPLE}, von Hand angelegt – nicht überschrieben" in report.text()
    antrag = load_yaml_file(root / f"data/vorlagen/{BODY}/0001-2024.yml").data
    assert antrag["einreicher"][0] == {"person": "a-beispiel"}  # her key, as the editors chose it
    # A hand-written file keeps its comments and its own entries; the import fills in around them.
    fresh = copy_project(tmp_path / "mit-kommentaren", with_data=False)
    (fresh / PEOPLE).parent.mkdir(parents=True)
    (fresh / PEOPLE).write_text(f"# Von Hand gepflegt.\nkoerperschaft: {BODY}\npersonen:\n  # die Vorsitzende\n"
                                "  - id: a-beispiel\n    name: Anna Beispiel\n", encoding="utf-8")
    report = import_oparl(url, fresh, BODY, ImportOptions(client=FAST))
    assert report.check_passed, report.text()
    text = (fresh / PEOPLE).read_text(encoding="utf-8")
    assert text.startswith("# Von Hand gepflegt.\nkoerperschaft: gemeinde-musterhausen\nwahlperioden:\n")
    assert "personen:\n  # die Vorsitzende\n  - id: a-beispiel\n    name: Anna Beispiel\n  - id: bernd-muster\n" in text


def test_keys_do_not_depend_on_the_servers_order(endpoint, tmp_path):
    server, url = endpoint
    first = copy_project(tmp_path / "eins", with_data=False)
    import_oparl(url, first, BODY, ImportOptions(client=FAST))
    lists = {path: list(items) for path, items in server.lists.items()}
    try:
        for path in server.lists:
            server.lists[path] = list(reversed(server.lists[path]))
        anna = server.objects[server.path_of(server.url("persons.asp?id=1"))]
        anna["membership"] = list(reversed(anna["membership"]))
        second = copy_project(tmp_path / "zwei", with_data=False)
        import_oparl(url, second, BODY, ImportOptions(client=FAST))
    finally:
        server.lists.update(lists)
        anna["membership"] = list(reversed(anna["membership"]))
    assert (first / PEOPLE).read_bytes() == (second / PEOPLE).read_bytes()


def test_the_built_site_shows_the_person_and_the_fraktion(imported, tmp_path):
    from conftest import run_build

    _, root, _ = imported
    built = run_build(root, tmp_path / "site")
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-3000:]
    person = (tmp_path / f"site/personen/{BODY}/anna-beispiel/index.html").read_text(encoding="utf-8")
    assert "Anna Beispiel" in person and "SPD" in person and "Bau- und Umweltausschuss" in person
    assert "Radweg am Mühlbach" in person  # the Antrag she submitted
    group = (tmp_path / f"site/fraktionen/{BODY}/gruene/index.html").read_text(encoding="utf-8")
    assert "Clara Neumann" in group


@pytest.mark.parametrize("wording, role", [
    ("Vorsitzende(r)", "Vorsitz"), ("Fraktionsvorsitzender", "Vorsitz"),
    ("1. stellv. Vorsitzende", "stellv. Vorsitz"), ("Stellvertretender Vorsitzender", "stellv. Vorsitz"),
    ("stellv. Fraktionsvorsitzende", "stellv. Vorsitz"), ("2. Stellvertreter des Vorsitzenden", "stellv. Vorsitz"),
    ("Mitglied", "Mitglied"), ("Ratsfrau", "Mitglied"), ("Kreistagsabgeordneter", "Mitglied"), ("", "Mitglied"),
    ("sachkundige(r) Bürger(in)", "sachkundige/r Bürger/in"), ("Sachkundige Bürgerin", "sachkundige/r Bürger/in"),
    ("beratendes Mitglied", "beratend"),
    # No role of the data model: a deputy member is not a member, and what no rule knows is not guessed.
    ("Stellvertreter", None), ("persönliche Stellvertreterin", None), ("Schriftführerin", None),
])
def test_roles_of_real_council_systems(wording, role):
    assert role_of(wording)[0] == role


@pytest.mark.parametrize("organization, kind", [
    ({"organizationType": "Gremium", "classification": "Fraktion", "name": "SPD"}, "Fraktion"),  # SD.NET, ALLRIS 1.0
    ({"organizationType": "Fraktion", "name": "CDU"}, "Fraktion"),
    ({"organizationType": "Sonstiges", "classification": "Gruppe", "name": "Gruppe Nord"}, "Gruppe"),
    ({"organizationType": "Partei", "name": "Heimatpartei"}, "Partei"),
    ({"organizationType": "Gremium", "name": "Fraktion Bündnis 90/Die Grünen"}, "Fraktion"),
    ({"organizationType": "Gremium", "classification": "Ausschuss", "name": "Finanzausschuss"}, None),
    ({"organizationType": "Gremium", "name": "Fraktionsvorsitzendenkonferenz"}, None),
    ({"organizationType": "Verwaltungsbereich", "name": "Fachbereich Bauen"}, None),
])
def test_which_organizations_are_fraktionen(organization, kind):
    assert group_kind(organization) == kind
