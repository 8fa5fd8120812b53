"""Two Sitzungen of one Gremium on one day (issue #19, point 7): kept apart with `sitzung_am_tag`.

The real city archive has 18 such days (a regular and a special Sitzung, morning and afternoon);
the import used to merge each pair. Now the first by start time (then by id) keeps number 1 and
no field, so existing addresses stay; the second gets `sitzung_am_tag: 2` on its Beratungen and
its entry in data/sitzungen/, also on a later run that reads only one of them again.
"""

from __future__ import annotations

from oparl_server import OParlServer

from buergerinfo.importers import ImportOptions, import_oparl
from buergerinfo.importers.http import ClientSettings
from buergerinfo.reading.yamlsource import load_yaml_file

FAST = ClientSettings(rate=0, backoff=0.01, timeout=5)
SCHEMA = "https://schema.oparl.org/1.1/"
BODY = "stadt-zweimal"


def endpoint(server: OParlServer) -> str:
    u = server.url

    def obj(kind, path, **fields):
        return {"id": u(path), "type": SCHEMA + kind, "modified": "2024-03-05T10:00:00+01:00", **fields}

    rat = obj("Organization", "org/1", name="Rat der Stadt", shortName="Rat", organizationType="Gremium")

    def item(number, meeting, consultation, result):
        return obj("AgendaItem", f"ai/{number}", number=f"Ö {number}", order=number, public=True, result=result,
                   meeting=u(f"m/{meeting}"), consultation=u(f"c/{consultation}"))

    # The special Sitzung in the afternoon comes first in the list and has the lower id.
    special = obj("Meeting", "m/1", name="Sondersitzung des Rates", start="2024-03-04T17:00:00+01:00",
                  organization=[rat["id"]], agendaItem=[item(1, 1, 2, "vertagt")])
    regular = obj("Meeting", "m/2", name="7. Sitzung des Rates", start="2024-03-04T09:00:00+01:00",
                  end="2024-03-04T12:00:00+01:00", organization=[rat["id"]],
                  agendaItem=[item(2, 2, 1, "ungeändert beschlossen"), item(3, 2, 3, "Kenntnis genommen")])
    for meeting in (special, regular):
        for entry in meeting["agendaItem"]:
            server.add(entry)

    def consultation(number, meeting, agenda):
        return obj("Consultation", f"c/{number}", meeting=u(f"m/{meeting}"), agendaItem=u(f"ai/{agenda}"),
                   organization=[rat["id"]])

    papers = [
        obj("Paper", "p/1", name="Haushalt", reference="2024/1", paperType="Beschlussvorlage",
            consultation=[consultation(1, 2, 2), consultation(2, 1, 1)]),
        obj("Paper", "p/2", name="Bericht", reference="2024/2", paperType="Mitteilung",
            consultation=[consultation(3, 2, 3)]),
    ]
    server.add_list(u("orgs"), [rat])
    server.add_list(u("meetings"), [special, regular])
    server.add_list(u("papers"), papers)
    body = obj("Body", "body/1", name="Stadt Zweimal", organization=u("orgs"), meeting=u("meetings"),
               paper=u("papers"))
    server.add(body)
    return body["id"]


def tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


def test_two_sitzungen_of_one_gremium_on_one_day_stay_apart(tmp_path):
    with OParlServer() as server:
        url = endpoint(server)
        report = import_oparl(url, tmp_path, BODY, ImportOptions(client=FAST))
        assert report.check_passed, report.text()
        first = tree(tmp_path)
        paper = load_yaml_file(tmp_path / f"data/vorlagen/{BODY}/2024-1.yml").data
        assert [(c["datum"], c.get("sitzung_am_tag"), c["top"], c["ergebnis"]) for c in paper["beratungsfolge"]] == [
            ("2024-03-04", None, "Ö 2", "ungeändert beschlossen"), ("2024-03-04", 2, "Ö 1", "vertagt")]
        meetings = load_yaml_file(tmp_path / f"data/sitzungen/{BODY}.yml").data["sitzungen"]
        assert [(m["name"], m.get("sitzung_am_tag"), m["beginn"]) for m in meetings] == [
            ("7. Sitzung des Rates", None, "09:00"), ("Sondersitzung des Rates", 2, "17:00")]
        assert "Zweite Sitzungen eines Gremiums am selben Tag (mit sitzung_am_tag übernommen): 1" in report.text()

        # A full second run, and a later run that reads only the changed special Sitzung: the same numbers.
        again = import_oparl(url, tmp_path, BODY, ImportOptions(client=FAST, full=True))
        assert again.check_passed and tree(tmp_path) == first, again.text()
        changed = server.objects["/m/1"]
        changed["modified"] = "2030-01-01T10:00:00+01:00"
        changed["name"] = "Sondersitzung des Rates (verlegt)"
        later = import_oparl(url, tmp_path, BODY, ImportOptions(client=FAST))
        assert later.check_passed and later.since, later.text()
    meetings = load_yaml_file(tmp_path / f"data/sitzungen/{BODY}.yml").data["sitzungen"]
    assert [(m["name"], m.get("sitzung_am_tag")) for m in meetings] == [
        ("7. Sitzung des Rates", None), ("Sondersitzung des Rates (verlegt)", 2)]
