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
        "agendaItem": "url", "consultation": "url", "file": "url", "membership": "url",
        "legislativeTerm": "objs:LegislativeTerm", "legislativeTermList": "url",
    },
    "LegislativeTerm": {"name": "line", "startDate": "date", "endDate": "date"},
    "Organization": {
        "name": "line", "shortName": "line", "organizationType": "line", "classification": "line",
        "startDate": "date", "endDate": "date", "website": "url", "membership": "refs:Membership",
    },
    # Contact data (email, phone, location, image) is not listed: the import never reads it (see `people`).
    "Person": {
        "name": "line", "familyName": "line", "givenName": "line", "formOfAddress": "line", "affix": "text",
        "title": "texts", "membership": "objs:Membership",
    },
    "Membership": {
        "person": "ref:Person", "organization": "ref:Organization", "onBehalfOf": "ref:Organization",
        "role": "line", "votingRight": "bool", "startDate": "date", "endDate": "date",
    },
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


# --- the clean object of each OParl type ---------------------------------------------------------------

# What Bürgerinfo's own export adds to a type (`buergerinfo:` fields), read here once, beside the standard
# fields; types without a reader get none.
VENDOR_READERS: dict[str, Callable[[dict[str, Any], Notice], dict[str, Any]]] = {
    "Body": vendor.body_fields,
    "Organization": vendor.organization_fields,
    "LegislativeTerm": vendor.keyed_fields,
    "Person": vendor.person_fields,
    "Membership": vendor.membership_fields,
    "Meeting": vendor.meeting_fields,
    "AgendaItem": vendor.agenda_item_fields,
    "Paper": vendor.paper_fields,
    "Consultation": vendor.consultation_fields,
    "File": vendor.file_fields,
}
assert set(VENDOR_READERS) <= set(FIELDS)


def normalize(obj: dict[str, Any], kind: str, notice: Notice) -> dict[str, Any]:
    """The clean object of type `kind`; its addresses and embedded objects already resolved by the source."""
    clean = _loaded(obj, kind, notice)
    reader = VENDOR_READERS.get(kind)
    if reader is not None:
        clean[VENDOR] = reader(obj, notice)
    return clean
