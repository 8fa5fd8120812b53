"""What of data/personen/ may reach the site: called by `views.public_view`, nothing else.

- A person with `veroeffentlichen: false` keeps only the name, so a Vorlage they submitted or a
  namentliche Abstimmung they took part in stays readable; they get no page, no link, no listing,
  no search entry and no OParl object (`PeopleViews` and the exports ask `publish`).
- Contact data and photos without a recorded consent never pass, even if a check were skipped.
- A Vorlage's Einreicher named by key get their name filled in, so every reader of `name`
  (lists, feeds, tables, the search) shows it, as plain text.

Separate from `buergerinfo.views.people` (which builds on `Views`), so that `views.views` can
import it without an import circle.
"""

from __future__ import annotations

from buergerinfo.model.paper import Paper, Person
from buergerinfo.model.people import PeopleFile, PersonEntry
from buergerinfo.model.structure import PeopleRecord


def _public_person(person: PersonEntry) -> PersonEntry:
    if not person.publish:
        # The name only: no memberships (no listing in a Gremium or Fraktion), no contact, no photo.
        return person.model_copy(update={"memberships": [], "contact": None, "photo": None})
    update = {}
    if person.contact is not None and person.contact.consent is None:
        update["contact"] = None
    if person.photo is not None and (person.photo.consent is None or not person.photo.licence):
        update["photo"] = None
    return person.model_copy(update=update) if update else person


def public_people(people: dict[str, PeopleRecord]) -> dict[str, PeopleRecord]:
    result = {}
    for key, record in people.items():
        data: PeopleFile = record.people
        persons = [_public_person(p) for p in data.persons]
        result[key] = PeopleRecord(record.id, record.source, data.model_copy(update={"persons": persons}))
    return result


def named_originators(paper: Paper, people: dict[str, PeopleRecord]) -> list[Person]:
    """The Einreicher with a name each (a hidden person's too: as plain text, never linked)."""
    record = people.get(paper.body)
    persons = {p.id: p for p in record.people.persons} if record else {}
    groups = {g.id: g for g in record.people.groups} if record else {}
    result = []
    for originator in paper.originators:
        update: dict[str, object] = {}
        person = persons.get(originator.person) if originator.person else None
        group = groups.get(originator.group) if originator.group else None
        if person is not None:
            # A hidden person's key stays: every link and listing asks PeopleViews, which knows no page for it,
            # and the OParl export must not make a free-text Person of the name.
            update["name"] = originator.name or person.display_name
        elif group is not None:
            update["name"] = originator.name or group.name
        result.append(originator.model_copy(update=update) if update else originator)
    return result
