"""Fields under the `buergerinfo:` prefix: what Bürgerinfo's own OParl export adds to the standard.

OParl has no field for a Beschlussvorschlag, a vote count or an Anlage without a file;
Bürgerinfo's export (`buergerinfo.exports.oparl`) writes them as `buergerinfo:<key of the data
file>`. Read back here, they make an import from another Bürgerinfo site lossless. Where an
object carries such fields, they are the authority for what they cover (an absent
`buergerinfo:sitzung` on a Consultation that has other `buergerinfo:` fields means: no name).

The values come from a foreign server like everything else: each part is checked against
the data model on its own, and a part that does not fit is left out and counted.

`quirks` calls one `<type>_fields` function per object as it comes in; the result stands in
the clean object under `quirks.VENDOR`, so nothing later reads a `buergerinfo:` field again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from buergerinfo.model.base import SLUG_PATTERN
from buergerinfo.model.paper import FinancialEffects, Person, Signature, StaffingEffects, VoteCount
from buergerinfo.model.meeting import MeetingFacts
from buergerinfo.model.people import GroupVote, PersonalVote
from buergerinfo.importers.values import load_bool, load_markdown, load_text
from buergerinfo.reading.limits import MAX_MEETINGS_PER_DAY, MAX_RESULT_WORDING_CHARS

PREFIX = "buergerinfo:"
PERSONAL_VOTES = set(get_args(PersonalVote))
Notice = Callable[[str], None]


def has_vendor_fields(obj: dict[str, Any]) -> bool:
    return any(isinstance(key, str) and key.startswith(PREFIX) for key in obj)


def field(obj: dict[str, Any], key: str) -> Any:
    return obj.get(PREFIX + key)


def text(obj: dict[str, Any], key: str, notice: Notice) -> str | None:
    return load_text(field(obj, key), notice)


def flag(obj: dict[str, Any], key: str, notice: Notice) -> bool | None:
    return load_bool(field(obj, key), notice)


def slug(obj: dict[str, Any], notice: Notice) -> str | None:
    """`buergerinfo:id`: the key or file name the object had in the exporting archive."""
    value = text(obj, "id", notice)
    return value if value and re.match(SLUG_PATTERN, value) else None


def part(value: Any, model: type[BaseModel], notice: Notice) -> dict[str, Any] | None:
    """A nested part (Abstimmung, Finanzen …) if it fits the data model, in the data file's own keys."""
    if value is None:
        return None
    try:
        checked = model.model_validate(_cleaned(value, notice))
    except (ValidationError, RecursionError):
        notice(f"Erweiterungsfeld passt nicht zum Datenmodell ({model.__name__}, weggelassen)")
        return None
    return checked.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True) or None


def _cleaned(value: Any, notice: Notice) -> Any:
    """Every text inside a nested part cleaned like any other text (control characters, "N/A" …)."""
    if isinstance(value, dict):
        cleaned = {key: _cleaned(item, notice) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item is not None}
    if isinstance(value, list):
        return [_cleaned(item, notice) for item in value]
    if isinstance(value, str):
        return load_markdown(value, notice)
    return value


# --- per OParl type ---------------------------------------------------------------------------


def paper_extras(paper: dict[str, Any], notice: Notice) -> dict[str, Any]:
    """The Vorlage's fields OParl has no place for, in the data file's keys."""
    if not has_vendor_fields(paper):
        return {}
    people = [person for person, _ in originators(paper, notice)]
    return {
        "aktenzeichen": text(paper, "aktenzeichen", notice),
        "einreicher": people,
        "federfuehrend": text(paper, "federfuehrend", notice),
        "bearbeiter": text(paper, "bearbeiter", notice),
        "unterzeichnung": part(field(paper, "unterzeichnung"), Signature, notice),
        "beschlussvorschlag": load_markdown(field(paper, "beschlussvorschlag"), notice),
        "sachverhalt": load_markdown(field(paper, "sachverhalt"), notice),
        "hinweise": load_markdown(field(paper, "hinweise"), notice),
        "finanzen": part(field(paper, "finanzen"), FinancialEffects, notice),
        "personal": part(field(paper, "personal"), StaffingEffects, notice),
    }


def originators(paper: dict[str, Any], notice: Notice) -> list[tuple[dict[str, Any], tuple[str, str] | None]]:
    """`einreicher`: each with name and Funktion, and for one the exporting archive named by key, ("person" or
    "fraktion", the OParl address of the Person or Fraktion); the import's own key replaces that address."""
    found = []
    for entry in _entries(field(paper, "einreicher")):
        person = part({k: v for k, v in entry.items() if k in ("name", "funktion")}, Person, notice)
        person_url, group_url = load_text(entry.get("person"), notice), load_text(entry.get("organization"), notice)
        keyed = entry.get("schluessel") is not None
        reference = ("person", person_url) if keyed and person_url else ("fraktion", group_url) if keyed and group_url \
            else None
        if person:
            found.append((person, reference))
    return found


def attachments_without_file(paper: dict[str, Any], notice: Notice) -> list[tuple[int, dict[str, Any]]]:
    """Anlagen the exporting archive knew only by title (and stated size or a note), with their position."""
    entries = field(paper, "anlagenOhneDatei")
    found = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        title = load_text(entry.get("titel"), notice)
        if not title:
            continue
        position = entry.get("position") if isinstance(entry.get("position"), int) else 1000 + index
        found.append((position, {
            "titel": title,
            "groesse_laut_quelle": load_text(entry.get("groesse_laut_quelle"), notice),
            "hinweis": load_text(entry.get("hinweis"), notice),
        }))
    return found


def consultation_fields(consultation: dict[str, Any], notice: Notice) -> dict[str, Any] | None:
    """`oeffentlich`, `sitzung_am_tag`, `sitzung` and `bemerkung` of a Beratung (and where its result came from,
    should an export write that on the Consultation); None if the Consultation has no such fields."""
    if not has_vendor_fields(consultation):
        return None
    return {
        "oeffentlich": flag(consultation, "oeffentlich", notice),
        "sitzung_am_tag": meeting_of_day(consultation, notice),
        "sitzung": text(consultation, "sitzung", notice),
        "bemerkung": text(consultation, "bemerkung", notice),
        **result_source(consultation, notice),
    }


def vote(agenda_item: dict[str, Any], notice: Notice) -> dict[str, Any] | None:
    return part(field(agenda_item, "abstimmung"), VoteCount, notice)


def meeting_of_day(obj: dict[str, Any], notice: Notice) -> int | None:
    """`buergerinfo:sitzung_am_tag`: the second (third …) Sitzung of a Gremium on one day; absent means the first."""
    value = field(obj, "sitzung_am_tag")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_MEETINGS_PER_DAY:
        return value if value > 1 else None
    notice("Erweiterungsfeld passt nicht zum Datenmodell (sitzung_am_tag, weggelassen)")
    return None


def result_source(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    """`ergebnis_wortlaut` (the words of the system the exporting archive had them from) and `ergebnis_abgeleitet`."""
    wording = text(obj, "ergebnis_wortlaut", notice)
    if wording and len(wording) > MAX_RESULT_WORDING_CHARS:
        notice("Erweiterungsfeld passt nicht zum Datenmodell (ergebnis_wortlaut zu lang, gekürzt)")
        wording = wording[: MAX_RESULT_WORDING_CHARS - 1] + "…"
    return {"ergebnis_wortlaut": wording, "ergebnis_abgeleitet": flag(obj, "ergebnis_abgeleitet", notice)}


def file_fields(file: dict[str, Any], notice: Notice) -> dict[str, Any]:
    position = field(file, "position")
    return {
        "position": position if isinstance(position, int) and not isinstance(position, bool) else None,
        "datei": text(file, "datei", notice),
        "groesse_laut_quelle": text(file, "groesse_laut_quelle", notice),
        "hinweis": text(file, "hinweis", notice),
    }


def meeting_fields(meeting: dict[str, Any], notice: Notice) -> dict[str, Any]:
    """`sitzungsangaben` is the exporting archive's own entry in data/sitzungen/ (None: it had none)."""
    return {
        "bürgerinfo": has_vendor_fields(meeting),
        "oeffentlich": flag(meeting, "oeffentlich", notice),
        "sitzung_am_tag": meeting_of_day(meeting, notice),
        "ganztaegig": flag(meeting, "ganztaegig", notice),
        "hinweis": load_markdown(field(meeting, "hinweis"), notice),
        "sitzungsangaben": part(field(meeting, "sitzungsangaben"), MeetingFacts, notice),
    }


def organization_fields(organization: dict[str, Any], notice: Notice) -> dict[str, Any]:
    return {
        "id": slug(organization, notice),
        "wahlperiode": text(organization, "wahlperiode", notice),
        "beschreibung": load_markdown(field(organization, "beschreibung"), notice),
    }


def body_description(body: dict[str, Any], notice: Notice) -> str | None:
    return load_markdown(field(body, "beschreibung"), notice)


# --- what `quirks` keeps of each object, read once ------------------------------------------------


def paper_fields(paper: dict[str, Any], notice: Notice) -> dict[str, Any]:
    """`felder`: the Vorlage's own fields; `id`: its file name there; `anlagen_ohne_datei`;
    `themen`: it belonged to topic dossiers there (not imported, only counted)."""
    return {
        "felder": paper_extras(paper, notice),
        "id": slug(paper, notice),
        "anlagen_ohne_datei": attachments_without_file(paper, notice),
        "einreicher_verweise": [reference for _, reference in originators(paper, notice)],
        "themen": bool(field(paper, "themen")),
        # Another Bürgerinfo's word on the Vorlage itself: a public one may have only nicht öffentliche Beratungen.
        "oeffentlich": flag(paper, "oeffentlich", notice),
    }


def agenda_item_fields(agenda_item: dict[str, Any], notice: Notice) -> dict[str, Any]:
    return {
        "abstimmung": vote(agenda_item, notice),
        **result_source(agenda_item, notice),
        "abstimmung_fraktionen": group_votes(agenda_item, notice),
        "namentliche_abstimmung": named_votes(agenda_item, notice),
    }


def group_votes(agenda_item: dict[str, Any], notice: Notice) -> list[tuple[str | None, dict[str, Any]]]:
    """`abstimmung_fraktionen`: (the Fraktion's OParl address, the vote in the data file's keys without `fraktion`).

    The address decides which Fraktion of the import it is; the exporting archive's key may not be ours."""
    found = []
    for entry in _entries(field(agenda_item, "abstimmung_fraktionen")):
        counts = {key: entry.get(key) for key in ("votum", "ja", "nein", "enthaltung") if entry.get(key) is not None}
        checked = part({**counts, "fraktion": "x"}, GroupVote, notice)
        if checked is not None:
            checked.pop("fraktion", None)
            found.append((load_text(entry.get("organization"), notice), checked))
    return found


def named_votes(agenda_item: dict[str, Any], notice: Notice) -> list[tuple[str | None, str | None, str]]:
    """`namentliche_abstimmung`: (the Person's OParl address, else the name of a person without page, the vote)."""
    found = []
    for entry in _entries(field(agenda_item, "namentliche_abstimmung")):
        vote = load_text(entry.get("stimme"), notice)
        if vote not in PERSONAL_VOTES:
            notice("Erweiterungsfeld passt nicht zum Datenmodell (namentliche_abstimmung, weggelassen)")
            continue
        found.append((load_text(entry.get("person"), notice), load_text(entry.get("name"), notice), vote))
    return found


def _entries(value: Any) -> list[dict[str, Any]]:
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def keyed_fields(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    """Only the exporting archive's key (`buergerinfo:id`): a Wahlperiode's."""
    return {"id": slug(obj, notice)}


def person_fields(person: dict[str, Any], notice: Notice) -> dict[str, Any]:
    """The key the person had there, and whether the object is only the name of a free-text Einreicher."""
    return {"id": slug(person, notice), "nur_name": flag(person, "nurName", notice) or False}


def membership_fields(membership: dict[str, Any], notice: Notice) -> dict[str, Any]:
    """The Wahlperiode's key and an explicit Stimmrecht, as the exporting archive's data file had them."""
    term = text(membership, "wahlperiode", notice)
    return {
        "wahlperiode": term if term and re.match(SLUG_PATTERN, term) else None,
        "stimmrecht": flag(membership, "stimmrecht", notice),
    }


def body_fields(body: dict[str, Any], notice: Notice) -> dict[str, Any]:
    return {"beschreibung": body_description(body, notice)}
