"""Person, Organization (Fraktion), Membership and LegislativeTerm (clean, see `quirks`) -> data/personen/ entries.

Pure functions: nothing here fetches, writes or reports; what the report is to count comes back
as `Notes`. The rules:

* A Fraktion is an Organization of organizationType "Fraktion" or "Partei", or one whose
  `classification` says Fraktion, Gruppe or Partei (SD.NET and ALLRIS send Fraktionen as
  organizationType "Gremium" with classification "Fraktion"), or, with neither, whose name has the
  word "Fraktion". It goes to `fraktionen:`, never into the Gremien of the Körperschaft.
* Roles (`role_of`): the council systems' wordings are folded onto the data model's five roles;
  a deputy *member* ("stellvertretendes Mitglied", "Vertreterin") is no role of the model, and a
  wording no rule knows is never guessed: such a Mitgliedschaft is not written, and listed.
* Names: given and family name where the server has them, else `name` alone (one line, a leading
  "Herr"/"Frau" taken as the Anrede). Contact data, photos and CVs are never read (`DROPPED`): the
  server records no consent to publish them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from buergerinfo.importers.names import slugify
from buergerinfo.importers.notes import Notes
from buergerinfo.importers.quirks import VENDOR

# Fields of an OParl Person that are personal data beyond the mandate; German label for the report.
DROPPED = {
    "email": "E-Mail-Adressen",
    "phone": "Telefonnummern",
    "location": "Anschriften",
    "locationObject": "Anschriften",
    "image": "Fotos",
    "life": "Lebensläufe",
}
GROUP_KINDS = {"fraktion": "Fraktion", "fraktionen": "Fraktion", "gruppe": "Gruppe", "gruppen": "Gruppe",
               "partei": "Partei", "parteien": "Partei"}
ADDRESS = ("Frau", "Herr")


# --- Fraktionen -------------------------------------------------------------------------------------


def group_kind(organization: dict[str, Any]) -> str | None:
    """"Fraktion", "Gruppe" or "Partei" if the Organization is one, else None (a Gremium or anything else)."""
    kind = (organization.get("organizationType") or "").casefold()
    classification = (organization.get("classification") or "").casefold()
    if classification in GROUP_KINDS:
        return GROUP_KINDS[classification]
    if kind in ("fraktion", "partei"):
        return GROUP_KINDS[kind]
    if kind in ("", "gremium") and not classification:
        if re.search(r"\bfraktion\b", organization.get("name") or "", re.IGNORECASE):
            return "Fraktion"
    return None


def group_entry(organization: dict[str, Any], key: str, kind: str) -> dict[str, Any]:
    """A Fraktion of `fraktionen:`, keys in the order of the data model."""
    name = organization.get("name") or organization.get("shortName") or key
    short = organization.get("shortName")
    return {
        "id": key,
        "name": name,
        "kurzname": short if short and short != name else None,
        "art": kind if kind != "Fraktion" else None,
        "beginn": organization.get("startDate"),
        "ende": organization.get("endDate"),
        "website": organization.get("website"),
        "beschreibung": organization[VENDOR]["beschreibung"],
    }


def group_key_wanted(organization: dict[str, Any]) -> str:
    return (organization[VENDOR]["id"] or slugify(organization.get("shortName") or organization.get("name") or "")
            or "fraktion")


# --- Wahlperioden -----------------------------------------------------------------------------------


def term_key_wanted(term: dict[str, Any]) -> str:
    """The exporting Bürgerinfo's key, else `wp-<year it began>` (as the sample data names them)."""
    return term[VENDOR]["id"] or f"wp-{term['startDate'].year}"


def term_entry(term: dict[str, Any], key: str) -> dict[str, Any]:
    start = term["startDate"]
    return {"id": key, "name": term.get("name") or f"Wahlperiode ab {start:%d.%m.%Y}", "beginn": start,
            "ende": term.get("endDate")}


# --- Rollen ------------------------------------------------------------------------------------------

_DEPUTY_CHAIR = re.compile(r"\b(?:stellv|stv|vize)\w*\.?\s*(?:\w+\s+)?\w*vorsitz|\bvorsitz\w*\s+stellv")
_DEPUTY_MEMBER = re.compile(r"\b(?:stellv|stv)\w*\.?(?:\s+mitglied)?$|\bvertreter(?:in)?$|\bersatzmitglied|"
                            r"\bstellvertretendes\s+mitglied|\bpers(?:ö|oe)nliche\w*\s+(?:stellvertret|vertret)")
_CHAIR = re.compile(r"vorsitz")
_ADVISORY = re.compile(r"beratend|\bberater(?:in)?\b")
_CITIZEN = re.compile(r"sachkundig\w*\s+(?:b(?:ü|ue)rger|einwohner)|sachkundige")
_MEMBER = re.compile(
    r"^(?:ordentliches\s+)?mitglied$|ratsmitglied|ratsherr|ratsfrau|stadtr(?:a|ä)t|stadtverordnet|"
    r"gemeindevertret|gemeinder(?:a|ä)t|kreistagsabgeordnet|kreistagsmitglied|kreisrat|kreisr(?:ä)tin|"
    r"^abgeordnete[r]?$|bezirksverordnet|ortschaftsr|ortsrat|ortsr(?:ä)tin|fraktionsmitglied|^mitglied\b"
)


def fold_role(wording: str) -> str:
    """'1. stellv. Vorsitzende(r)' -> 'stellv. vorsitzende': case, numbering, gender endings folded."""
    text = wording.casefold()
    text = re.sub(r"\((?:r|in|e)\)|/(?:-?r|-?in|-?e)\b|\*in\b|:in\b", "", text)
    text = re.sub(r"^\s*\d+\.\s*", "", text)
    return " ".join(text.split())


def role_of(wording: str | None) -> tuple[str | None, str | None]:
    """(role of the data model, None) or (None, why not): `Mitglied` for no wording at all."""
    if not wording:
        return "Mitglied", None
    text = fold_role(wording)
    if _CITIZEN.search(text):
        return "sachkundige/r Bürger/in", None
    if _DEPUTY_CHAIR.search(text):
        return "stellv. Vorsitz", None
    if _DEPUTY_MEMBER.search(text):
        return None, "stellvertretendes Mitglied"
    if _CHAIR.search(text):
        return "Vorsitz", None
    if _ADVISORY.search(text):
        return "beratend", None
    if _MEMBER.search(text):
        return "Mitglied", None
    return None, "unbekannt"


# --- Personen ----------------------------------------------------------------------------------------


def person_key_wanted(person: dict[str, Any]) -> str:
    own = person[VENDOR]["id"]
    if own:
        return own
    parts = [p for p in (person.get("givenName"), person.get("familyName")) if p]
    return slugify(" ".join(parts) if person.get("familyName") else _without_address(person.get("name") or "")[1]) \
        or "person"


def _without_address(name: str) -> tuple[str | None, str]:
    """('Frau', 'Anna Beispiel') for 'Frau Anna Beispiel'."""
    for word in ADDRESS:
        if name.startswith(word + " ") and len(name) > len(word) + 1:
            return word, name[len(word) + 1:].strip()
    return None, name


def person_entry(person: dict[str, Any], key: str, notes: Notes) -> dict[str, Any] | None:
    """A Person of `personen:` without its Mitgliedschaften; None if the server gives no name at all."""
    person_id = person["id"]
    for field_name, label in DROPPED.items():
        if person.get(field_name):
            notes.note(f"Nicht übernommen, da keine Einwilligung erfasst ist: {label}", person_id)
    family, given, name = person.get("familyName"), person.get("givenName"), person.get("name")
    address = person.get("formOfAddress")
    titles = " ".join(person.get("title") or []) or None
    if family:
        composed = " ".join(p for p in (titles, given, family) if p)
        # Another Bürgerinfo shows `name` instead of the parts where it had both: keep it then.
        own_name = name if person[VENDOR]["id"] and name and name != composed else None
        return {"id": key, "name": own_name, "vorname": given, "familienname": family,
                "anrede": address or _without_address(name or "")[0], "titel": titles}
    if not name:
        notes.note("Personen ohne Namen (übergangen)", person_id)
        return None
    said, plain = _without_address(name)
    if not person[VENDOR]["id"]:
        notes.note("Personen nur mit „name“, ohne Vor- und Familienname (als `name` übernommen)", person_id)
    return {"id": key, "name": plain, "anrede": address or said, "titel": titles}


def person_names(entry: dict[str, Any]) -> list[str | None]:
    """The ways an editor may have typed the person's name: to recognise an entry written by hand."""
    parts = [entry.get("vorname"), entry.get("familienname")]
    return [entry.get("name"), " ".join(p for p in parts if p) or None,
            " ".join(p for p in (entry.get("titel"), *parts) if p) or None]


# --- Mitgliedschaften ------------------------------------------------------------------------------------


@dataclass
class Targets:
    """What a Membership's Organization and onBehalfOf may point at, by OParl id."""

    groups: dict[str, str] = field(default_factory=dict)  # Fraktion -> key
    gremien: dict[str, str] = field(default_factory=dict)  # Gremium -> key
    terms: set[str] = field(default_factory=set)  # keys of the Wahlperioden written


def membership_entry(membership: dict[str, Any], targets: Targets, notes: Notes) -> dict[str, Any] | None:
    """A Mitgliedschaft, or None (counted in `notes`) if it has no Fraktion or Gremium of the import or no role."""
    membership_id = membership["id"]
    organization = membership.get("organization")
    group, gremium = targets.groups.get(organization), targets.gremien.get(organization)
    if group is None and gremium is None:
        notes.note("Mitgliedschaften in Organisationen, die weder Gremium noch Fraktion sind (nicht übernommen)",
                   membership_id)
        return None
    role, why = role_of(membership.get("role"))
    if role is None:
        if why == "stellvertretendes Mitglied":
            notes.note("Mitgliedschaften als Stellvertreter/in eines Mitglieds (keine Rolle des Datenmodells; "
                       "nicht übernommen)", membership_id)
        else:
            notes.note(f"Mitgliedschaften mit unbekannter Rolle „{membership['role']}“ (nicht übernommen; "
                       "von Hand eintragen)", membership_id)
        return None
    on_behalf = membership.get("onBehalfOf")
    for_group = targets.groups.get(on_behalf) if on_behalf and gremium else None
    if on_behalf and gremium and for_group is None:
        notes.note("„onBehalfOf“ ohne übernommene Fraktion (weggelassen)", membership_id)
    extras = membership[VENDOR]
    voting = extras["stimmrecht"]
    said = membership.get("votingRight")
    if voting is None and said is not None and said != (role != "beratend"):
        voting = said  # only where it differs from what the role implies
    term = extras["wahlperiode"] if extras["wahlperiode"] in targets.terms else None
    start, end = membership.get("startDate"), membership.get("endDate")
    if start and end and end < start:
        notes.note("Mitgliedschaften, die enden, bevor sie beginnen (Ende weggelassen)", membership_id)
        end = None
    return {
        "gremium": gremium,
        "fraktion": group if gremium is None else None,
        "rolle": role if role != "Mitglied" else None,
        "stimmrecht": voting,
        "beginn": start,
        "ende": end,
        "fuer_fraktion": for_group,
        "wahlperiode": term,
    }


def membership_order(entry: dict[str, Any]) -> tuple:
    """Fraktionen first, then Gremien, each by beginning: the order of the file, whatever the server's."""
    start = entry.get("beginn")
    return (entry.get("fraktion") is None, start.isoformat() if start else "", entry.get("fraktion") or "",
            entry.get("gremium") or "", str(entry.get("ende") or "9999"), entry.get("rolle") or "",
            entry.get("fuer_fraktion") or "", str(entry.get("stimmrecht")), entry.get("wahlperiode") or "")
