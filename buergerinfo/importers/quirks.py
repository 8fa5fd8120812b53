"""The quirks of deployed OParl servers, straightened out once, right where an object comes in.

`source.ObjectSource` hands every object it fetches or finds embedded to `normalize(obj, kind)`
(after it has put embedded objects and addresses where the specification has them); from here
on, the object is one the mapping can trust:

* every field the import reads has the kind `FIELDS` gives it: text without "N/A", blanks,
  control characters or HTML entities (None if missing), dates, booleans and numbers as such;
* every list field is a list (empty if missing), every reference an address;
* the fields Bürgerinfo's own export adds (`buergerinfo:…`, see `vendor`) are read and checked
  against the data model once, and stand under the key `buergerinfo` (`VENDOR`).

Each quirk is counted through `notice` under a German label for the report. Fields not
listed in `FIELDS` pass through untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from buergerinfo.importers import vendor
# load_text stays importable from here: the tests of the loaders use it under this name.
from buergerinfo.importers.values import SCALAR_LOADERS, Notice, load_text  # noqa: F401

# The key of a clean object under which its `buergerinfo:` fields stand, already read by `vendor`.
VENDOR = "buergerinfo"

_COMMON = {"id": "url", "type": "text", "created": "datetime", "modified": "datetime", "deleted": "bool"}

FIELDS: dict[str, dict[str, str]] = {
    "System": {"body": "url", "name": "line", "oparlVersion": "text", "vendor": "text", "product": "text"},
    "Body": {
        "name": "line", "shortName": "line", "website": "url", "classification": "text",
        "organization": "url", "person": "url", "meeting": "url", "paper": "url",
        "agendaItem": "url", "consultation": "url", "file": "url",
    },
    "Organization": {
        "name": "line", "shortName": "line", "organizationType": "text", "classification": "text",
        "startDate": "date", "endDate": "date",
    },
    "Person": {"name": "line", "familyName": "line", "givenName": "line", "affix": "text", "title": "texts"},
    "Meeting": {
        "name": "line", "start": "datetime", "end": "datetime", "cancelled": "bool",
        "organization": "refs:Organization", "location": "obj:Location", "agendaItem": "objs:AgendaItem",
    },
    "AgendaItem": {
        "number": "line", "order": "int", "name": "line", "public": "bool", "result": "text",
        "resolutionText": "text", "meeting": "ref:Meeting", "consultation": "ref:Consultation", "start": "datetime",
    },
    "Location": {
        "description": "text", "streetAddress": "text", "room": "text", "postalCode": "text",
        "locality": "text", "subLocality": "text",
    },
    "Paper": {
        "name": "line", "reference": "line", "date": "date", "paperType": "line",
        "relatedPaper": "refs:Paper", "superordinatedPaper": "refs:Paper", "subordinatedPaper": "refs:Paper",
        "originatorPerson": "refs:Person", "originatorOrganization": "refs:Organization",
        "underDirectionOf": "refs:Organization", "mainFile": "obj:File", "auxiliaryFile": "objs:File",
        "consultation": "objs:Consultation",
    },
    "Consultation": {
        "paper": "ref:Paper", "agendaItem": "ref:AgendaItem", "meeting": "ref:Meeting",
        "organization": "refs:Organization", "authoritative": "bool", "role": "text",
    },
    "File": {
        "name": "line", "fileName": "line", "mimeType": "text", "date": "date", "size": "int",
        "sha1Checksum": "text", "sha512Checksum": "text", "accessUrl": "url", "downloadUrl": "url",
    },
}

# Field kinds that `source.ObjectSource` resolves (addresses and embedded objects, fetched if need be).
STRUCTURAL = ("ref", "refs", "obj", "objs")


def type_name(value: Any) -> str | None:
    """`https://schema.oparl.org/1.1/Paper` (or 1.0, or plain `Paper`) -> `Paper`."""
    if not isinstance(value, str):
        return None
    name = value.rstrip("/").rsplit("/", 1)[-1]
    return name if name in FIELDS else None




def spec_of(kind: str, key: str) -> str | None:
    """What field `key` of an object of type `kind` should be (`text`, `refs:Paper` …); None: not read."""
    return FIELDS[kind].get(key) or _COMMON.get(key)


def _loaded(obj: dict[str, Any], kind: str, notice: Notice) -> dict[str, Any]:
    """Every scalar field loaded as its kind; every list field a list, also where the server left it out."""
    result: dict[str, Any] = {}
    for key, value in obj.items():
        spec = spec_of(kind, key)
        loader = SCALAR_LOADERS.get(spec) if spec else None
        result[key] = loader(value, notice) if loader else value
    for key, spec in FIELDS[kind].items():
        if spec.startswith(("refs:", "objs:")) or spec == "texts":
            result.setdefault(key, [])
    return result


# --- one normalizer per OParl type -------------------------------------------------------------------


def normalize_system(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    return _loaded(obj, "System", notice)


def normalize_body(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    body = _loaded(obj, "Body", notice)
    body[VENDOR] = vendor.body_fields(obj, notice)
    return body


def normalize_organization(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    organization = _loaded(obj, "Organization", notice)
    organization[VENDOR] = vendor.organization_fields(obj, notice)
    return organization


def normalize_person(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    return _loaded(obj, "Person", notice)


def normalize_meeting(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    meeting = _loaded(obj, "Meeting", notice)
    meeting[VENDOR] = vendor.meeting_fields(obj, notice)
    return meeting


def normalize_agenda_item(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    item = _loaded(obj, "AgendaItem", notice)
    item[VENDOR] = vendor.agenda_item_fields(obj, notice)
    return item


def normalize_location(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    return _loaded(obj, "Location", notice)


def normalize_paper(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    paper = _loaded(obj, "Paper", notice)
    paper[VENDOR] = vendor.paper_fields(obj, notice)
    return paper


def normalize_consultation(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    consultation = _loaded(obj, "Consultation", notice)
    consultation[VENDOR] = vendor.consultation_fields(obj, notice)
    return consultation


def normalize_file(obj: dict[str, Any], notice: Notice) -> dict[str, Any]:
    file = _loaded(obj, "File", notice)
    file[VENDOR] = vendor.file_fields(obj, notice)
    return file


NORMALIZERS: dict[str, Callable[[dict[str, Any], Notice], dict[str, Any]]] = {
    "System": normalize_system,
    "Body": normalize_body,
    "Organization": normalize_organization,
    "Person": normalize_person,
    "Meeting": normalize_meeting,
    "AgendaItem": normalize_agenda_item,
    "Location": normalize_location,
    "Paper": normalize_paper,
    "Consultation": normalize_consultation,
    "File": normalize_file,
}
assert set(NORMALIZERS) == set(FIELDS)


def normalize(obj: dict[str, Any], kind: str, notice: Notice) -> dict[str, Any]:
    """The clean object of type `kind`; its addresses and embedded objects already resolved by the source."""
    return NORMALIZERS[kind](obj, notice)
