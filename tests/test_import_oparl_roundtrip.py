"""OParl import from Bürgerinfo's own export: the round trip, a second run, an interrupted run.

A synthetic archive (60 Vorlagen, five Körperschaften) is built with real MkDocs, its
SITE_URL pointing at an OParl server on 127.0.0.1; the server serves the OParl files
that build wrote. The import of every Körperschaft into an empty project must give back
the same Vorlagen, Beratungen, results, vote counts, Anlagen and Sitzungen, field by field.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import copy_project, run_build
from oparl_server import Faults, OParlServer, load_site_export

from buergerinfo.checking.archive import load_archive
from buergerinfo.importers import ImportOptions, import_oparl
from buergerinfo.importers.http import ClientSettings
from synthetic import generate
from buergerinfo.views.views import Views, public_view

pytestmark = pytest.mark.slow

COUNT = 60
TODAY = dt.date(2026, 11, 21)
FAST = ClientSettings(rate=0, backoff=0.01, timeout=5)


def data_tree(root: Path) -> dict[str, bytes]:
    """Every file under data/, by path: two imports that should agree must agree on these bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


def import_all(url: str, root: Path, bodies: list[str], **options) -> list:
    options.setdefault("client", FAST)
    return [import_oparl(url, root, body, ImportOptions(**options)) for body in bodies]


def add_result_sources_and_a_second_sitzung(root: Path) -> None:
    """The fields h-results added, which the synthetic archive does not write: the council system's words for a
    result (one of them derived from counts) and a second Sitzung of a Gremium on one day, in another Vorlage."""
    files = sorted((root / "data" / "vorlagen").rglob("*.yml"))
    done: list[str] = []
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        decided = [c for c in data.get("beratungsfolge") or [] if c.get("oeffentlich", True) and c.get("ergebnis")]
        if not decided or data.get("oeffentlich") is False:
            continue
        beratung = decided[0]
        if not done and beratung["ergebnis"] in ("beschlossen", "ungeändert beschlossen"):
            beratung.update({"ergebnis": "beschlossen", "ergebnis_wortlaut": "13 Ja-Stimmen, 2 Nein-Stimmen",
                             "ergebnis_abgeleitet": True, "abstimmung": {"ja": 13, "nein": 2}})
        elif len(done) == 1:
            beratung["ergebnis_wortlaut"] = "Zustimmung mit großer Mehrheit"
        elif len(done) == 2:
            second = {"gremium": beratung["gremium"], "datum": beratung["datum"], "sitzung_am_tag": 2,
                      "top": "Ö 1", "sitzung": "Sondersitzung", "ergebnis": "vertagt", "ergebnis_wortlaut": "vertagt"}
            data["beratungsfolge"].append(second)
            data["beratungsfolge"].sort(key=lambda c: (str(c["datum"]), c.get("sitzung_am_tag", 1)))
        else:
            continue
        done.append(path.name)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if len(done) == 3:
            return
    raise AssertionError(f"the synthetic archive has too few decided Beratungen: {done}")


PEOPLE_BODY = "landkreis-hohenmoor"
# A fictional Kreistag for the round trip of data/personen/: every field the file has, in the forms the export
# writes differently (Gruppe and Partei, an explicit Stimmrecht, `name` beside the name parts, a Wahlperiode named by
# a membership). What never goes out is here too: a hidden person and contact data with consent.
PEOPLE = {
    "koerperschaft": PEOPLE_BODY,
    "wahlperioden": [
        {"id": "wp-2021", "name": "6. Wahlperiode", "beginn": "2021-11-01", "ende": "2026-10-31"},
        {"id": "wp-2026", "name": "7. Wahlperiode", "beginn": "2026-11-01"},
    ],
    "fraktionen": [
        {"id": "moorliste", "name": "Fraktion Moorliste", "kurzname": "Moorliste", "beginn": "2021-11-01",
         "website": "https://moorliste.example/", "beschreibung": "Die **Moorliste** im Kreistag."},
        {"id": "gruppe-nord", "name": "Gruppe Nord", "art": "Gruppe", "ende": "2024-12-31"},
        {"id": "heimatpartei", "name": "Heimatpartei Hohenmoor", "art": "Partei"},
    ],
    "personen": [
        {"id": "ida-torfmann", "anrede": "Frau", "titel": "Dr.", "vorname": "Ida", "familienname": "Torfmann",
         "kontakt": {"email": "ida@moorliste.example", "einwilligung": {"datum": "2021-11-05"}},
         "mitgliedschaften": [
             {"fraktion": "moorliste", "rolle": "Vorsitz", "beginn": "2021-11-01"},
             {"gremium": "kreistag", "fuer_fraktion": "moorliste", "beginn": "2021-11-01", "ende": "2026-10-31",
              "wahlperiode": "wp-2021"},
             {"gremium": "bauausschuss", "rolle": "stellv. Vorsitz", "stimmrecht": True, "fuer_fraktion": "moorliste",
              "beginn": "2021-11-01"},
         ]},
        {"id": "otto-heide", "name": "Otto von der Heide", "vorname": "Otto", "familienname": "Heide",
         "mitgliedschaften": [
             {"fraktion": "gruppe-nord", "beginn": "2021-11-01", "ende": "2024-12-31"},
             {"fraktion": "heimatpartei"},
             {"gremium": "jugendhilfeausschuss", "rolle": "beratend", "stimmrecht": True, "beginn": "2022-01-01"},
         ]},
        {"id": "ruth-sand", "name": "Ruth Sand",
         "mitgliedschaften": [{"gremium": "umweltausschuss", "rolle": "sachkundige/r Bürger/in", "stimmrecht": False,
                               "beginn": "2021-11-01"}]},
        {"id": "verborgen", "vorname": "Vera", "familienname": "Borgen", "veroeffentlichen": False,
         "mitgliedschaften": [{"fraktion": "moorliste", "beginn": "2021-11-01"}]},
    ],
}


def add_people_and_votes(root: Path) -> None:
    """The Kreistag above, and one decided public Beratung with its votes per Fraktion and by name, in a Vorlage
    that two Einreicher submitted by key (a person and a Fraktion)."""
    (root / "data/personen").mkdir(parents=True, exist_ok=True)
    (root / f"data/personen/{PEOPLE_BODY}.yml").write_text(
        yaml.safe_dump(PEOPLE, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for path in sorted((root / "data/vorlagen" / PEOPLE_BODY).rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        decided = [c for c in data.get("beratungsfolge") or [] if c.get("oeffentlich", True) and c.get("ergebnis")]
        if not decided or data.get("oeffentlich") is False:
            continue
        decided[0]["abstimmung_fraktionen"] = [{"fraktion": "moorliste", "votum": "ja"},
                                               {"fraktion": "gruppe-nord", "ja": 2, "nein": 1}]
        decided[0]["namentliche_abstimmung"] = [{"person": "ida-torfmann", "stimme": "ja"},
                                                {"person": "otto-heide", "stimme": "enthaltung"}]
        data["einreicher"] = [{"person": "ida-torfmann", "funktion": "Fraktionsvorsitzende"}, {"fraktion": "moorliste"}]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return
    raise AssertionError("the synthetic archive has no decided public Beratung in " + PEOPLE_BODY)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """The synthetic archive's own OParl export, served from 127.0.0.1 like a council system's endpoint."""
    source = copy_project(tmp_path_factory.mktemp("quelle"), with_data=False)
    generate(source, COUNT, seed=3, today=TODAY)
    add_result_sources_and_a_second_sitzung(source)
    add_people_and_votes(source)
    # A static export ignores modified_since, as Bürgerinfo's does; small pages make the walk page.
    with OParlServer(page_size=7, honours_modified_since=False) as server:
        built = run_build(source, source / "site", extra_env={"SITE_URL": server.base})
        assert built.returncode == 0, built.stderr[-3000:]
        url = load_site_export(server, source / "site")
        bodies = sorted(p.stem for p in (source / "data" / "koerperschaften").glob("*.yml"))
        yield server, url, source, bodies


@pytest.fixture(scope="module")
def imported(endpoint, tmp_path_factory):
    server, url, _, bodies = endpoint
    target = copy_project(tmp_path_factory.mktemp("ziel"), with_data=False)
    reports = import_all(url, target, bodies)
    return target, reports


# --- the round trip ---------------------------------------------------------------------------


def test_every_import_passes_the_check(imported):
    _, reports = imported
    for report in reports:
        assert report.error is None, report.text()
        assert report.check_passed, report.text()
        assert "Prüfung (buergerinfo check): bestanden" in report.text()


def _paper_fields(archive):
    return {record.key: record.paper.model_dump(by_alias=True, exclude={"schema_ref", "topics"}) for record in archive.papers}


def test_round_trip_gives_back_the_vorlagen_field_by_field(endpoint, imported):
    _, _, source, _ = endpoint
    target, reports = imported
    expected = _paper_fields(public_view(load_archive(source)))
    got = _paper_fields(load_archive(target))
    assert set(got) == set(expected)
    # The one Beschlussart of its own (Talbrück's "zurückgestellt") is not in the export's vocabulary:
    # the import leaves that Beratung without a result and lists the word instead of guessing.
    unmapped = {word for report in reports for word in report.unmapped_results}
    assert unmapped <= {"zurückgestellt"}
    differing = []
    for key, paper in expected.items():
        for name, value in paper.items():
            if got[key][name] != value:
                differing.append((key, name))
    own_word = {
        (record.key, "beratungsfolge")
        for record in load_archive(source).papers
        if any(c.result == "zurückgestellt" and c.public for c in record.paper.consultations)
    }
    assert set(differing) == own_word, differing[:5]
    # What the round trip carries besides the plain OParl fields, seen in the files themselves.
    fields = {name for paper in got.values() for name, value in paper.items() if value}
    assert {"beschlussvorschlag", "sachverhalt", "finanzen", "unterzeichnung", "anlagen", "bezuege"} <= fields
    votes = [c["abstimmung"] for p in got.values() for c in p["beratungsfolge"] if c.get("abstimmung")]
    assert any(v.get("ja") is not None for v in votes) and any(v.get("einstimmig") for v in votes)
    beratungen = [c for p in got.values() for c in p["beratungsfolge"]]
    assert {"ergebnis_wortlaut", "ergebnis_abgeleitet", "sitzung_am_tag"} <= {k for c in beratungen for k, v in c.items() if v}


def test_an_own_beschlussart_comes_back_once_the_koerperschaft_knows_it(endpoint, imported, tmp_path):
    """The workflow the report asks for: add the word to the Körperschaft file, run the import again."""
    _, url, source, bodies = endpoint
    target = copy_project(tmp_path / "ziel", with_data=False)
    import_all(url, target, bodies)
    source_body = yaml.safe_load((source / "data/koerperschaften/landkreis-talbrueck.yml").read_text(encoding="utf-8"))
    body_file = target / "data/koerperschaften/landkreis-talbrueck.yml"
    text = body_file.read_text(encoding="utf-8")
    kinds = yaml.safe_dump({"beschlussarten": source_body["beschlussarten"]}, allow_unicode=True, sort_keys=False)
    body_file.write_text(text + "# von Hand ergänzt:\n" + kinds, encoding="utf-8")
    before = data_tree(target)
    report = import_oparl(url, target, "landkreis-talbrueck", ImportOptions(client=FAST))
    assert report.check_passed and not report.unmapped_results, report.text()
    after = data_tree(target)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed and all(path.startswith("data/vorlagen/landkreis-talbrueck/") for path in changed), changed
    assert body_file.read_text(encoding="utf-8").endswith(kinds), "the editor's addition must stay as written"
    expected = _paper_fields(public_view(load_archive(source)))
    got = _paper_fields(load_archive(target))
    assert got == expected


def test_round_trip_gives_back_koerperschaften_and_gremien(endpoint, imported):
    _, _, source, _ = endpoint
    target, _ = imported
    source_archive, target_archive = load_archive(source), load_archive(target)
    assert set(target_archive.bodies) == set(source_archive.bodies)
    for body_id, record in source_archive.bodies.items():
        body, got = record.body, target_archive.bodies[body_id].body
        assert (got.name, got.short_name, got.classification, got.website, got.description) == (
            body.name, body.short_name, body.classification, body.website, body.description)
        assert [o.model_dump() for o in got.organizations] == [o.model_dump() for o in body.organizations]
        assert set(got.extra_paper_types) <= set(body.extra_paper_types)
        assert got.reference_pattern is None  # the old system's numbers are not held to a pattern


def test_round_trip_gives_back_the_sitzungen(endpoint, imported):
    _, _, source, _ = endpoint
    target, _ = imported

    def meetings(root):
        views = Views(public_view(load_archive(root)), TODAY)
        return {
            key: (m.name if m.public is not False else None, m.public,
                  m.facts.start if m.facts else None, m.facts.location if m.facts else None)
            for key, m in views.meetings.items()
        }

    expected, got = meetings(source), meetings(target)
    assert got == expected
    assert any(start for _, _, start, _ in got.values()) and any(place for *_, place in got.values())

    def facts(root):  # the entries of data/sitzungen/ themselves, of the public Sitzungen
        archive = public_view(load_archive(root))
        return {key: f.model_dump() for key, f in archive.meeting_facts.items() if f.public is not False}

    assert facts(target) == facts(source) and facts(source)


def test_round_trip_gives_back_people_fraktionen_and_memberships(endpoint, imported):
    """Everything of data/personen/ that is published comes back field by field. Not published, so not back: the
    hidden person and the contact data (the consent is never exported; the import never reads contact data)."""
    _, _, source, _ = endpoint
    target, reports = imported

    def people(root):
        record = public_view(load_archive(root)).people[PEOPLE_BODY].people
        persons = [p.model_dump(by_alias=True, exclude={"contact"}) for p in record.persons if p.publish]
        for person in persons:  # the import writes them in an order of its own (Fraktionen first, by date)
            person["mitgliedschaften"].sort(key=lambda m: json.dumps(m, sort_keys=True, default=str))
        return ([t.model_dump(by_alias=True) for t in record.legislative_terms],
                [g.model_dump(by_alias=True) for g in record.groups], persons)

    expected, got = people(source), people(target)
    assert got[0] == expected[0]
    assert got[1] == expected[1]
    assert {p["id"]: p for p in got[2]} == {p["id"]: p for p in expected[2]}
    assert all(p["veroeffentlichen"] for p in got[2]) and "verborgen" not in {p["id"] for p in got[2]}
    text = (target / f"data/personen/{PEOPLE_BODY}.yml").read_text(encoding="utf-8")
    assert "ida@moorliste.example" not in text
    report = next(r for r in reports if r.body_id == PEOPLE_BODY).text()
    assert "Nicht übernommen, da keine Einwilligung erfasst ist: E-Mail-Adressen: 1" in report
    # The Vorlage with votes per Fraktion and by name, and Einreicher by key (compared field by field above).
    voted = [p for p in _paper_fields(load_archive(target)).values()
             if any(c["abstimmung_fraktionen"] for c in p["beratungsfolge"])]
    assert len(voted) == 1 and voted[0]["einreicher"][0]["person"] == "ida-torfmann"
    beratung = next(c for c in voted[0]["beratungsfolge"] if c["abstimmung_fraktionen"])
    assert [v["fraktion"] for v in beratung["abstimmung_fraktionen"]] == ["moorliste", "gruppe-nord"]
    assert [(v["person"], v["stimme"]) for v in beratung["namentliche_abstimmung"]] == [
        ("ida-torfmann", "ja"), ("otto-heide", "enthaltung")]
    # The free-text Einreicher of the other Vorlagen are no Personen of the file.
    assert "Personen, die die Quelle nur als Namen von Einreichern führt (nicht übernommen)" in report


def test_imported_project_builds(imported, tmp_path):
    target, _ = imported
    result = run_build(target, tmp_path / "site")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    page = (tmp_path / "site/vorlagen/landkreis-hohenmoor").glob("*/index.html")
    assert any("Beratungsfolge" in p.read_text(encoding="utf-8") for p in page)


# --- a second run, hand edits, deletions ---------------------------------------------------------


def test_second_run_changes_nothing(endpoint, tmp_path):
    _, url, _, bodies = endpoint
    target = copy_project(tmp_path / "ziel", with_data=False)
    import_all(url, target, bodies)
    before = data_tree(target)
    reports = import_all(url, target, bodies)
    assert data_tree(target) == before
    for report in reports:
        assert report.since, "a second run asks only for changes since the last one"
        counts = report.files
        assert not any(counts[(kind, outcome)] for kind, outcome in counts if outcome != "unverändert"), report.text()
        assert "beachtet „modified_since“ nicht" in report.text()  # the static export sends everything again


def test_hand_edit_is_kept_and_named(endpoint, tmp_path):
    _, url, _, bodies = endpoint
    target = copy_project(tmp_path / "ziel", with_data=False)
    import_oparl(url, target, "landkreis-hohenmoor", ImportOptions(client=FAST))
    edited = sorted((target / "data/vorlagen/landkreis-hohenmoor").glob("*.yml"))[0]
    relative = edited.relative_to(target).as_posix()
    text = edited.read_text(encoding="utf-8").replace("betreff: ", "betreff: Korrigiert: ", 1)
    edited.write_text(text, encoding="utf-8")
    report = import_oparl(url, target, "landkreis-hohenmoor", ImportOptions(client=FAST, full=True))
    assert edited.read_text(encoding="utf-8") == text
    assert (relative, "von Hand geändert seit dem letzten Import – nicht überschrieben "
                      "(mit --ueberschreiben ersetzen)") in report.skipped
    assert relative in report.text()
    report = import_oparl(url, target, "landkreis-hohenmoor", ImportOptions(client=FAST, full=True, overwrite=True))
    assert "Korrigiert: " not in edited.read_text(encoding="utf-8")
    assert report.files[("Vorlage", "geändert")] == 1


def test_deleted_on_the_server_is_reported_and_removed_only_when_asked(endpoint, tmp_path):
    server, url, _, _ = endpoint
    target = copy_project(tmp_path / "ziel", with_data=False)
    import_oparl(url, target, "stadt-erlenbuettel", ImportOptions(client=FAST))
    papers_list = server.path_of(url.replace("system.json", "body/stadt-erlenbuettel/papers.json"))
    path = server.lists[papers_list][0]
    original = server.objects[path]
    file_name = original["buergerinfo:id"] + ".yml"
    server.objects[path] = {"id": original["id"], "type": original["type"], "deleted": True,
                            "modified": "2026-11-25T10:00:00+01:00"}
    try:
        report = import_oparl(url, target, "stadt-erlenbuettel", ImportOptions(client=FAST))
        paper_file = target / "data/vorlagen/stadt-erlenbuettel" / file_name
        assert paper_file.exists()
        assert any(file_name in line and "behalten" in line for line in report.deleted), report.text()
        report = import_oparl(url, target, "stadt-erlenbuettel", ImportOptions(client=FAST, remove_deleted=True))
        assert not paper_file.exists()
        assert any(file_name in line and "entfernt" in line for line in report.deleted), report.text()
        assert report.check_passed, report.text()
    finally:
        server.objects[path] = original


# --- killed midway ---------------------------------------------------------------------------------


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killed_import_continues_and_ends_with_the_same_files(stop, endpoint, imported, tmp_path):
    server, url, _, _ = endpoint
    uninterrupted, _ = imported
    target = copy_project(tmp_path / "ziel", with_data=False)
    body = "landkreis-hohenmoor"
    server.paper_list = server.path_of(url.replace("system.json", f"body/{body}/papers.json"))
    command = [sys.executable, "-m", "buergerinfo", "--root", str(target), "import-oparl", url,
               "--koerperschaft", body, "--rate", "0"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    server.faults.hang_on_page = 2
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        assert server.hanging.wait(60), "the import never reached the second page of Vorlagen"
        written = list((target / "data/vorlagen" / body).glob("*.yml"))
        assert written, "the first page should be written before the kill"
        process.send_signal(stop)
        stdout, _ = process.communicate(timeout=30)
    finally:
        server.faults.hang_on_page = None
        server.hanging.clear()
    assert (target / ".import" / f"{body}.journal").exists()
    if stop == signal.SIGTERM:  # stopped politely: it says so, and how to go on
        assert process.returncode == 130
        assert "setzt den Import an dieser Stelle fort" in stdout.decode()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Fortsetzung des abgebrochenen Imports" in result.stdout
    assert not (target / ".import" / f"{body}.journal").exists()
    expected = {p: b for p, b in data_tree(uninterrupted).items() if f"/{body}" in p}
    assert data_tree(target) == expected


# --- the same endpoint with the faults of deployed servers ------------------------------------------

# Each fault on its own, and what the report must then say it absorbed.
FAULTS = {
    "next-zurueck-zum-anfang": (Faults(next_loop=True), "Liste mit Schleife: ein „next“-Verweis"),
    "seite-wiederholt": (Faults(repeat_page=True), "Liste mit Schleife: eine Seite wiederholte"),
    "fehler-500": (Faults(errors_500=2), "Anfrage wiederholt nach: HTTP 500"),
    # The client waits 1 s (below); the first answer for each page of one Körperschaft's Vorlagen takes 2.5 s.
    "zeitueberschreitung": (Faults(timeouts=1, delay=2.5, only="stadt-erlenbuettel/papers.json"),
                            "Anfrage wiederholt nach: keine Antwort innerhalb von 1 s"),
    "steuerzeichen": (Faults(control_chars=True), "JSON mit unmaskierten Steuerzeichen"),
    "einzelobjekt-statt-liste": (Faults(single_objects=True), "Einzelner Wert, wo eine Liste erwartet wird"),
    "platzhalter-n-a": (Faults(missing_markers=True), "Platzhalter wie „N/A“"),
    "eingebettet-statt-adresse": (Faults(objects_for_urls=True), "Eingebettetes Objekt, wo eine Adresse erwartet wird"),
    "adresse-statt-eingebettet": (Faults(urls_for_objects=True), "Adresse, wo ein eingebettetes Objekt erwartet wird"),
    # Objects fetched on their own (here the Consultations a list gives as URLs) carry a "localhost" id.
    "id-weicht-ab": (Faults(id_mismatch=True, urls_for_objects=True), "„id“ weicht von der Abrufadresse ab"),
}


@pytest.fixture
def faulty(endpoint):
    server = endpoint[0]
    yield server
    server.inject(Faults())
    server.honours_modified_since = False


@pytest.mark.parametrize("case", FAULTS, ids=list(FAULTS))
def test_fault_is_absorbed_and_gives_the_same_files(case, faulty, endpoint, imported, tmp_path):
    _, url, _, bodies = endpoint
    clean, _ = imported
    faults, label = FAULTS[case]
    faulty.inject(faults)
    target = copy_project(tmp_path / "ziel", with_data=False)
    client = ClientSettings(rate=0, backoff=0.01, timeout=1)
    reports = import_all(url, target, bodies, client=client)
    for report in reports:
        assert report.error is None and report.check_passed, report.text()
    assert any(label in quirk for report in reports for quirk in report.quirks), [r.quirks for r in reports]
    assert any(label in report.text() for report in reports)
    assert data_tree(target) == data_tree(clean)
    faulty.inject(faults)  # the same behaviour again: a second run changes nothing
    for report in import_all(url, target, bodies, client=client):
        assert report.error is None and report.check_passed, report.text()
    assert data_tree(target) == data_tree(clean)


def test_404_for_an_empty_filtered_list_is_an_empty_list(faulty, endpoint, tmp_path):
    _, url, _, bodies = endpoint
    target = copy_project(tmp_path / "ziel", with_data=False)
    import_all(url, target, bodies[:1])
    before = data_tree(target)
    faulty.honours_modified_since = True
    faulty.inject(Faults(filtered_404=True))
    report = import_oparl(url, target, bodies[0], ImportOptions(client=FAST, since=dt.date(2099, 1, 1)))
    assert report.error is None and report.check_passed, report.text()
    assert "HTTP 404 statt einer leeren Liste" in report.text()
    assert any("modified_since=2099-01-01" in path for path in faulty.log)
    assert data_tree(target) == before


def test_server_that_keeps_failing_stops_with_a_german_message_and_resumes_later(faulty, endpoint, tmp_path):
    _, url, _, _ = endpoint
    target = copy_project(tmp_path / "ziel", with_data=False)
    faulty.inject(Faults(errors_500=10**6, only="papers.json"))
    report = import_oparl(url, target, "landkreis-hohenmoor", ImportOptions(client=ClientSettings(
        rate=0, backoff=0.01, timeout=5, attempts=3)))
    assert report.error and "nach 3 Versuchen aufgegeben – HTTP 500" in report.error
    assert "papers.json" in report.error
    assert "setzt den Import an dieser Stelle fort" in report.text()
    assert "Traceback" not in report.text()
    faulty.inject(Faults())
    report = import_oparl(url, target, "landkreis-hohenmoor", ImportOptions(client=FAST))
    assert report.error is None and report.check_passed, report.text()
    assert report.resumed_from
