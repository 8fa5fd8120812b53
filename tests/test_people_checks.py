"""The check of data/personen/ and of the Vorlagen that name Personen and Fraktionen (buergerinfo/checking/people.py).

Privacy is checked first: contact data or a photo without a recorded consent is refused with a
German message naming the field, so it cannot be published by mistake.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_project

from buergerinfo.checking.archive import load_archive
from buergerinfo.reading.problems import DataInvalid

PEOPLE = "data/personen/landkreis-boerde.yml"
ANTRAG = "data/vorlagen/landkreis-boerde/2025-33-0712.yml"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "projekt")


def _edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(project: Path) -> list[str]:
    with pytest.raises(DataInvalid) as caught:
        load_archive(project)
    return [str(p) for p in caught.value.problems if p.severity == "Fehler"]


def test_the_sample_council_loads_with_its_people():
    from conftest import REPO

    archive = load_archive(REPO)
    people = archive.people["landkreis-boerde"].people
    assert len([g for g in people.groups if g.classification == "Fraktion"]) == 5
    assert {t.name for t in people.legislative_terms} == {"7. Wahlperiode", "8. Wahlperiode"}


def test_contact_data_without_consent_is_refused_naming_the_field(project):
    _edit(project, PEOPLE, "      telefon: 03904 0000-00\n      einwilligung:\n        datum: 2024-08-01\n",
          "      telefon: 03904 0000-00\n")
    problems = _problems(project)
    assert len(problems) == 1
    assert problems[0].startswith(f"{PEOPLE}:")
    assert "personen[4].kontakt.telefon" in problems[0]
    assert "ohne Einwilligung" in problems[0] and "einwilligung" in problems[0]


def test_a_photo_needs_consent_and_a_licence(project):
    (project / "data/anlagen/landkreis-boerde").mkdir(parents=True, exist_ok=True)
    (project / "data/anlagen/landkreis-boerde/bernd.jpg").write_bytes(b"\xff\xd8\xff\xe0 kein echtes Bild")
    _edit(project, PEOPLE, "    familienname: Ostermeier\n",
          "    familienname: Ostermeier\n    foto:\n      datei: landkreis-boerde/bernd.jpg\n")
    problems = _problems(project)
    assert any("Foto ohne Einwilligung" in p and "foto.datei" in p for p in problems), problems
    assert any("Foto ohne Lizenz" in p for p in problems), problems


def test_an_unknown_key_in_a_vorlage_is_an_error_with_a_suggestion(project):
    _edit(project, ANTRAG, "  - person: bernd-ostermeier\n", "  - person: bernd-ostermeyer\n")
    _edit(project, ANTRAG, "      - fraktion: uwg\n", "      - fraktion: uvg\n")
    problems = _problems(project)
    assert any("einreicher[3].person" in p and "meinten Sie „bernd-ostermeier“" in p for p in problems), problems
    assert any("abstimmung_fraktionen[5].fraktion" in p and "meinten Sie „uwg“" in p for p in problems), problems


def test_a_membership_names_a_known_gremium_and_fraktion(project):
    _edit(project, PEOPLE, "      - gremium: kreisausschuss\n        rolle: Vorsitz\n",
          "      - gremium: kreisauschuss\n        rolle: Vorsitz\n")
    _edit(project, PEOPLE, "        fuer_fraktion: soziale-mitte\n", "        fuer_fraktion: soziale-mite\n")
    problems = _problems(project)
    assert any("gremium" in p and "kreisauschuss" in p for p in problems), problems
    assert any("fuer_fraktion" in p and "meinten Sie „soziale-mitte“" in p for p in problems), problems


def test_a_membership_that_ends_before_it_begins_is_refused(project):
    _edit(project, PEOPLE, "        beginn: 2024-07-01\n        ende: 2025-02-28\n",
          "        beginn: 2024-07-01\n        ende: 2023-02-28\n")
    problems = _problems(project)
    assert any("vor dem Beginn" in p for p in problems), problems


def test_free_text_einreicher_stay_valid_and_a_key_needs_no_name():
    from buergerinfo.model.paper import Person

    assert Person.model_validate({"name": "Der Landrat"}).name == "Der Landrat"
    assert Person.model_validate({"person": "anna"}).person == "anna"
    with pytest.raises(ValueError):
        Person.model_validate({"funktion": "Landrat"})
    with pytest.raises(ValueError):
        Person.model_validate({"person": "anna", "fraktion": "gruene"})


def test_one_file_per_koerperschaft(project):
    (project / PEOPLE).rename(project / "data/personen/landkreis-wittmund.yml")
    problems = _problems(project)
    assert any("je Körperschaft eine Datei" in p for p in problems), problems
