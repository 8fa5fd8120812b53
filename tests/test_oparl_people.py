"""OParl Person, Organization (Fraktion) and Membership from data/personen/ (buergerinfo/exports/oparl_people.py).

Valid against the OParl 1.1 schemas like every other object (tests/test_oparl.py checks them all);
here: what they say, that `web` is the object's page, and what never goes out – hidden persons,
the consent, contact data of a person who left.
"""

from __future__ import annotations

import json
from pathlib import Path

from opendata import SITE_URL, local_file, oparl_objects, oparl_validators

TYPE = "https://schema.oparl.org/1.1/"
OPARL = "oparl/v1/"


def _object(site_dir: Path, path: str) -> dict:
    return json.loads((site_dir / OPARL / path).read_text(encoding="utf-8"))


def _all(site_dir: Path) -> list[dict]:
    found = []
    for path in (site_dir / "oparl").rglob("*.json"):
        found += list(oparl_objects(json.loads(path.read_text(encoding="utf-8"))))
    return found


def test_a_person_with_memberships_is_valid_and_links_its_page(open_data_site):
    site_dir = open_data_site.site
    person = _object(site_dir, "person/landkreis-boerde/personen/jana-kleinschmidt.json")
    validators = oparl_validators()
    for obj in oparl_objects(person):
        kind = obj["type"].removeprefix(TYPE)
        assert list(validators[kind].iter_errors(obj)) == [], obj["id"]
    assert person["familyName"] == "Kleinschmidt" and person["givenName"] == "Jana"
    assert person["web"] == SITE_URL + "personen/landkreis-boerde/jana-kleinschmidt/"
    assert local_file(site_dir, person["web"]).is_file()
    council = [m for m in person["membership"] if m["organization"].endswith("/kreistag.json")]
    assert {(m["startDate"], m.get("endDate"), m["onBehalfOf"].rsplit("/", 1)[1]) for m in council} == {
        ("2024-07-01", "2025-02-28", "liberale-buerger.json"), ("2025-03-01", None, "uwg.json")}


def test_a_fraktion_is_an_organization_listing_its_memberships(open_data_site):
    site_dir = open_data_site.site
    group = _object(site_dir, "organization/landkreis-boerde/fraktionen/uwg.json")
    assert group["organizationType"] == "Fraktion" and group["classification"] == "Fraktion"
    assert group["web"] == SITE_URL + "fraktionen/landkreis-boerde/uwg/"
    members = {m["id"] for m in _all(site_dir) if m["type"] == TYPE + "Membership"}
    assert group["membership"] and set(group["membership"]) <= members
    council = _object(site_dir, "organization/landkreis-boerde/kreistag.json")
    assert set(council["membership"]) <= members and len(council["membership"]) >= 10


def test_an_antrag_names_its_person_and_fraktion(open_data_site):
    paper = _object(open_data_site.site, "paper/landkreis-boerde/2025-33-0712.json")
    assert SITE_URL + OPARL + "person/landkreis-boerde/personen/bernd-ostermeier.json" in paper["originatorPerson"]
    assert paper["originatorOrganization"] == [
        SITE_URL + OPARL + "organization/landkreis-boerde/fraktionen/soziale-mitte.json",
        SITE_URL + OPARL + "organization/landkreis-boerde/fraktionen/oekologische-liste.json",
    ]


def test_hidden_persons_consent_and_contact_of_those_who_left_never_go_out(open_data_site):
    site_dir = open_data_site.site
    objects = _all(site_dir)
    people = [o for o in objects if o["type"] == TYPE + "Person"]
    assert not any("Sommerfeld" in o.get("name", "") for o in people), "a hidden person is no Person object"
    assert not (site_dir / OPARL / "person/landkreis-boerde/personen/petra-sommerfeld.json").exists()
    text = "".join(p.read_text(encoding="utf-8") for p in (site_dir / "oparl").rglob("*.json"))
    assert "einwilligung" not in text.lower() and "Einwilligungserklärung" not in text
    assert "03904 0000-00" not in text, "Hartmut Riebe left: his telephone number is not published any more"
    marlene = _object(site_dir, "person/landkreis-boerde/personen/marlene-voigtlaender.json")
    assert marlene["email"] == ["m.voigtlaender@heide-und-hof.example"]
