"""What real OParl servers send, each in a fixture shaped like the real data (issue #19, point 5).

One small SessionNet/SD.NET-like endpoint carries every quirk at once; each test asserts one of
them. Ids carry query strings throughout (`…/papers.asp?id=5`), as SD.NET's do.
"""

from __future__ import annotations

import pytest
from oparl_server import OParlServer

from buergerinfo.importers import ImportOptions, import_oparl
from buergerinfo.importers.http import ClientSettings
from buergerinfo.reading.yamlsource import load_yaml_file

FAST = ClientSettings(rate=0, backoff=0.01, timeout=5)
SCHEMA = "https://schema.oparl.org/1.0/"
BODY = "stadt-quirks"
NBSP = "\u00a0"


def endpoint(server: OParlServer) -> str:
    u = server.url

    def obj(kind, path, **fields):
        return {"id": u(path), "type": SCHEMA + kind, "modified": "2024-03-01T10:00:00+01:00", **fields}

    def stub(path):  # a deleted object as some servers list it: no type, hardly anything else
        return {"id": u(path), "deleted": True}

    rat = obj("Organization", "organizations.asp?id=1", name=f"Rat der{NBSP}Stadt\r\n", shortName="Rat",
              organizationType="Gremium", created="", **{"STERNBERG:gremienart": "Rat", "STERNBERG:x": {"a": 1}})
    bau = obj("Organization", "organizations.asp?id=2", name=f"Ausschuss für\nBauen und{NBSP}{NBSP}Umwelt",
              shortName="N/A", organizationType="Gremium")
    gone = u("organizations.asp?id=404")  # answers 404, yet Consultations point at it
    items = {
        "1": obj("AgendaItem", "agendaitems.asp?id=1", number="Ö 1", order=1, name="-", public=True,
                 result="ungeändert beschlossen", consultation=u("consultations.asp?id=1")),
        "2": obj("AgendaItem", "agendaitems.asp?id=2", number="", order=2, name="-", public=True,
                 result="vertagt", consultation=u("consultations.asp?id=2")),
        "3": obj("AgendaItem", "agendaitems.asp?id=3", number="Ö 4", order=1, name="Haushalt", public=True,
                 result="Kenntnis genommen", consultation=u("consultations.asp?id=2")),
        "4": obj("AgendaItem", "agendaitems.asp?id=4", number="Ö 2", order=1, name="Straße", public=True,
                 result="abgelehnt", consultation=u("consultations.asp?id=4")),
        "5": obj("AgendaItem", "agendaitems.asp?id=5", number="Ö 3", order=3, name="Straße", public=True,
                 result="zur\u200bKenntnis ge\u00adnommen", consultation=u("consultations.asp?id=5")),
    }
    meetings = [
        # Its end is 00:00 of its start day: a system without an end time.
        obj("Meeting", "meetings.asp?id=1", name="1. Sitzung des Rates", start="2024-02-05T18:00:00+01:00",
            end="2024-02-05T00:00:00+01:00", organization=[rat["id"]], agendaItem=[items["1"], items["2"], items["5"]],
            created="", **{"STERNBERG:sitzungsart": "ordentlich"}),
        obj("Meeting", "meetings.asp?id=2", name="", start="2024-02-19T17:00:00+01:00", end="N/A",
            organization=[bau["id"]], agendaItem=[items["3"]]),
        # The organization's address answers 404; the Consultation names it too.
        obj("Meeting", "meetings.asp?id=3", name="Sitzung", start="2024-02-26T17:00:00+01:00",
            organization=[gone], agendaItem=[items["4"]]),
        stub("meetings.asp?id=9"),
    ]
    for meeting in meetings:
        for item in meeting.get("agendaItem", []):
            server.add({**item, "meeting": meeting["id"]})

    def consultation(number, meeting, item, organization, **fields):
        return obj("Consultation", f"consultations.asp?id={number}", meeting=u(f"meetings.asp?id={meeting}"),
                   agendaItem=u(f"agendaitems.asp?id={item}"), organization=[organization], **fields)

    papers = [
        obj("Paper", "papers.asp?id=1", name=f"Neubau der{NBSP}Kita\n„Sonnenschein“ ", reference="",
            date="2024-01-10", paperType="Beschlussvorlage", created="", modified="N/A",
            consultation=[consultation(1, 1, 1, rat["id"], role="Entscheidung")],
            **{"STERNBERG:vorlagenart": "BV", "STERNBERG:beteiligt": ["a", "b"]}),
        # The same Consultation id twice, with two different Sitzungen (SessionNet).
        obj("Paper", "papers.asp?id=2", name="Haushalts\u00adsatzung\u200b2024", reference="2024/002", date="2024-01-11",
            paperType="Beschlussvorlage",
            consultation=[consultation(2, 2, 3, bau["id"], role="Behandlung"),
                          consultation(2, 1, 2, rat["id"], role="unbekannt", authoritative=True)]),
        obj("Paper", "papers.asp?id=3", name="", reference="2024/003", date="2024-01-12", paperType="Mitteilung",
            consultation=[consultation(4, 3, 4, gone, role="federführend"),
                          consultation(5, 1, 5, gone, role="Federführend.")]),
        stub("papers.asp?id=4"),
        {"id": u("papers.asp?id=5"), "deleted": True, "modified": "2024-03-01T10:00:00+01:00"},
    ]
    server.add_list(u("organizations.asp"), [rat, stub("organizations.asp?id=7"), bau])
    server.add_list(u("meetings.asp"), meetings)
    server.add_list(u("papers.asp"), papers)
    body = obj("Body", "bodies.asp?id=1", name=f"Stadt{NBSP}Quirksheim", shortName="", website="",
               organization=u("organizations.asp"), meeting=u("meetings.asp"), paper=u("papers.asp"))
    server.add(body)
    return body["id"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("quirks")
    with OParlServer() as server:
        url = endpoint(server)
        report = import_oparl(url, root, BODY, ImportOptions(client=FAST))
        again = import_oparl(url, root, BODY, ImportOptions(client=FAST, full=True))
    return root, report, again


def vorlage(root, name):
    return load_yaml_file(root / "data/vorlagen" / BODY / name).data


def test_the_import_passes_the_check_and_a_second_run_changes_nothing(imported):
    _, report, again = imported
    assert report.error is None and report.check_passed, report.text()
    assert again.check_passed and not any(o in ("angelegt", "geändert") for (_, o) in again.files), again.text()


def test_deleted_stubs_without_type_in_normal_lists_are_passed_over(imported):
    root, report, _ = imported
    files = sorted(p.name for p in (root / "data/vorlagen" / BODY).glob("*.yml"))
    assert files == ["2024-002.yml", "2024-003.yml", "papers-asp-id-1.yml"], files
    body = load_yaml_file(root / f"data/koerperschaften/{BODY}.yml").data
    assert [g["id"] for g in body["gremien"]] == ["rat", "ausschuss-fuer-bauen-und-umwelt"], body["gremien"]


def test_empty_strings_for_number_name_and_reference(imported):
    root, _, _ = imported
    paper = vorlage(root, "papers-asp-id-1.yml")  # reference "": no number, the file named after the id
    assert "nummer" not in paper
    assert vorlage(root, "2024-003.yml")["betreff"] == "Vorlage 2024/003"  # name ""
    meetings = load_yaml_file(root / f"data/sitzungen/{BODY}.yml").data["sitzungen"]
    unnamed = next(m for m in meetings if m["datum"] == "2024-02-19")
    assert "name" not in unnamed  # Meeting name ""
    body = load_yaml_file(root / f"data/koerperschaften/{BODY}.yml").data
    assert "kurzname" not in body and "website" not in body


def test_names_with_line_breaks_and_non_breaking_spaces(imported):
    root, _, _ = imported
    assert vorlage(root, "papers-asp-id-1.yml")["betreff"] == "Neubau der Kita „Sonnenschein“"
    body = load_yaml_file(root / f"data/koerperschaften/{BODY}.yml").data
    assert body["name"] == "Stadt Quirksheim"
    assert [g["name"] for g in body["gremien"]] == ["Rat der Stadt", "Ausschuss für Bauen und Umwelt"]


def test_a_meeting_whose_end_is_midnight_of_its_start_day_has_no_end(imported):
    root, _, _ = imported
    meetings = load_yaml_file(root / f"data/sitzungen/{BODY}.yml").data["sitzungen"]
    first = next(m for m in meetings if m["datum"] == "2024-02-05")
    assert first["beginn"] == "18:00" and "ende" not in first


def test_the_same_consultation_id_twice_with_two_meetings(imported):
    root, _, _ = imported
    paper = vorlage(root, "2024-002.yml")
    assert [(c["gremium"], c["datum"], c.get("top"), c.get("ergebnis")) for c in paper["beratungsfolge"]] == [
        ("rat", "2024-02-05", None, "vertagt"),
        ("ausschuss-fuer-bauen-und-umwelt", "2024-02-19", "Ö 4", "zur Kenntnis genommen"),
    ]


def test_an_organization_that_answers_404_while_consultations_point_at_it(imported):
    root, report, _ = imported
    paper = vorlage(root, "2024-003.yml")
    # The Meeting's Gremium stands in where the Consultation's is gone; where the Meeting's is gone too, the
    # Beratung cannot be placed and is counted.
    assert [(c["gremium"], c["datum"], c["ergebnis"]) for c in paper["beratungsfolge"]] == [
        ("rat", "2024-02-05", "zur Kenntnis genommen")]
    text = report.text()
    assert "organizations.asp?id=404 (Organization): nicht gefunden (HTTP 404)" in text
    assert "Beratungen ohne erreichbares Gremium (nicht übernommen): 1" in text


def test_n_a_and_empty_created_and_vendor_keys(imported):
    root, report, _ = imported
    paper = vorlage(root, "papers-asp-id-1.yml")
    assert paper["beratungsfolge"][0]["ergebnis"] == "ungeändert beschlossen"
    everything = "".join(p.read_text(encoding="utf-8") for p in (root / "data").rglob("*.yml"))
    assert "STERNBERG" not in everything and "N/A" not in everything and "BV" not in everything


def test_agenda_item_names_that_are_only_a_dash(imported):
    root, _, _ = imported
    everything = "".join(p.read_text(encoding="utf-8") for p in (root / "data").rglob("*.yml"))
    assert ": -\n" not in everything and "'-'" not in everything


def test_roles_real_servers_send(imported):
    """SessionNet's „unbekannt“ says nothing (as if no role were sent; `authoritative` still decides),
    „Behandlung“ is a Beratung; what no rule knows is reported once per wording, spellings grouped."""
    root, report, _ = imported
    paper = vorlage(root, "2024-002.yml")
    assert [c.get("rolle") for c in paper["beratungsfolge"]] == ["Entscheidung", "Beratung"]
    assert "rolle" not in vorlage(root, "2024-003.yml")["beratungsfolge"][0]
    text = report.text()
    assert "Rollen ohne Zuordnung (1; " in text
    assert "„Federführend.“ (1 Beratung)" in text or "„federführend“ (" in text
    assert "unbekannt" not in text.split("Rollen ohne Zuordnung")[1].split("\n\n")[0]
    assert "Beratungen mit einer Rolle wie „unbekannt“ auf dem Server (wie ohne Rolle behandelt): 1" in text


def test_invisible_characters_in_result_wordings_and_names(imported):
    """A soft hyphen or zero-width space (SessionNet pastes them from Word) would make the whole Vorlage
    invalid for the check: the wording and the Betreff are kept without them."""
    root, report, _ = imported
    assert vorlage(root, "2024-002.yml")["betreff"] == "Haushaltssatzung 2024"
    entry = vorlage(root, "2024-003.yml")["beratungsfolge"][0]
    assert (entry["ergebnis"], entry["ergebnis_wortlaut"]) == ("zur Kenntnis genommen", "zur Kenntnis genommen")
    assert not report.skipped
