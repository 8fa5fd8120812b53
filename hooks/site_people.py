"""The pages of Personen and Fraktionen: part of the site's map (site_pages.py calls these).

Addresses stay stable for years: `personen/<körperschaft>/<key>/` and `fraktionen/<körperschaft>/<key>/`,
from the keys editors choose once in data/personen/<körperschaft>.yml. The lists narrow without
JavaScript by link: all Personen → one Körperschaft's → one Fraktion's page. A person with
`veroeffentlichen: false` gets no page (PeopleViews.persons leaves them out).
"""

from __future__ import annotations

from collections.abc import Iterator

from buergerinfo.views.people import PeopleViews


def person_address(body_id: str, key: str) -> str:
    return f"personen/{body_id}/{key}/"


def group_address(body_id: str, key: str) -> str:
    return f"fraktionen/{body_id}/{key}/"


def people_pages(people: PeopleViews, page_spec) -> Iterator:
    """PageSpecs of the Person and Fraktion pages (searchable) and their lists (not searchable)."""
    views = people.views
    for body_id in people.bodies():
        body = views.body(body_id)
        for person in people.persons(body_id):
            group = people.current_group(body_id, person)
            yield page_spec(
                person_address(body_id, person.id)[:-1] + ".md",
                person.display_name,
                "person.html",
                {"body": body, "person": person},
                f"{person.display_name}: Mitgliedschaften, Anträge und Abstimmungen ({body.body.name})",
                search_filters={
                    "Typ": ["Person"],
                    "Körperschaft": [body.body.name],
                    **({"Fraktion": [group.name]} if group else {}),
                },
            )
        for group in people.groups(body_id):
            yield page_spec(
                group_address(body_id, group.id)[:-1] + ".md",
                f"{group.name} – {body.body.name}",
                "fraktion.html",
                {"body": body, "group": group},
                f"{group.classification} {group.name}: Mitglieder, Anträge und Abstimmungen ({body.body.name})",
                search_filters={"Typ": [group.classification], "Körperschaft": [body.body.name]},
            )


def people_list_pages(people: PeopleViews, page_spec) -> Iterator:
    yield page_spec("personen/index.md", "Personen", "personen.html", {"list_body": None},
                    "Mandatsträgerinnen und Mandatsträger, sachkundige Bürgerinnen und Bürger")
    yield page_spec("fraktionen/index.md", "Fraktionen", "fraktionen.html", {"list_body": None},
                    "Fraktionen und Gruppen")
    for body_id in people.bodies():
        body = people.views.body(body_id)
        yield page_spec(f"personen/{body_id}/index.md", f"Personen – {body.body.name}", "personen.html",
                        {"list_body": body}, f"Personen: {body.body.name}")
        yield page_spec(f"fraktionen/{body_id}/index.md", f"Fraktionen – {body.body.name}", "fraktionen.html",
                        {"list_body": body}, f"Fraktionen: {body.body.name}")


def people_texts(context: dict, meta: list[str]) -> tuple[dict[str, list], list]:
    """The search texts of a Person or Fraktion page: its name first, so a name finds the page first."""
    if "person" in context:
        person = context["person"]
        names = [person.given_name, person.family_name, person.title, person.name]
        return {"title": [person.display_name], "meta": [*meta, *names], "body": []}, []
    group = context["group"]
    return {"title": [group.name], "meta": [*meta, group.short_name], "body": [group.description]}, [group.description]
