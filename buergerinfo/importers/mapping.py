"""OParl objects (already straightened out by `quirks`) -> the project's data, with its German keys.

Pure functions: nothing here fetches or writes. The rules:

* Paper -> a Vorlage file; Consultation with its AgendaItem and Meeting -> one Beratung;
  Meeting -> extra facts of a Sitzung (time, place, name); Organization -> a Gremium;
  File -> an Anlage (title and address, or the downloaded file).
* Consultation.role: mapped through `results.ROLE_TABLE`; missing, but `authoritative: true`
  (OParl: the Beratung that decides) -> Entscheidung; otherwise the role stays unset and is counted.
* AgendaItem.result: through the result table; a wording it does not know leaves the Beratung
  without a result and is listed in the report, never guessed.
* Not public (AgendaItem.public false, a TOP numbered "N …"/"NÖ …", a Meeting without any public
  item): the Beratung keeps only Gremium and date (as `views.public_view` would show it), the
  Sitzung only Gremium and date; no name, role, result, TOP or text of it is written anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from typing import Any

from buergerinfo.model.references import reference_slug
from buergerinfo.importers.quirks import VENDOR
from buergerinfo.importers.report import ImportReport
from buergerinfo.importers.results import ResultTable, match_role

SLUG_LIMIT = 60


def slugify(text: str, limit: int = SLUG_LIMIT) -> str:
    """A file name or key from free text: `Ausschuss für Haushalt` -> `ausschuss-fuer-haushalt`."""
    base = reference_slug(text)  # ä -> ae … and everything else to hyphens
    if not base or len(base) < len(text) // 3:
        base = reference_slug(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())
    if len(base) > limit:
        base = base[:limit].rsplit("-", 1)[0] or base[:limit]
    return base.strip("-")


def unique(candidate: str, taken: set[str]) -> str:
    if candidate not in taken:
        return candidate
    number = 2
    while f"{candidate}-{number}" in taken:
        number += 1
    return f"{candidate}-{number}"


def id_tail(url: str) -> str:
    """The last path segment of an OParl id, as a slug: `…/paper/749` -> `749`."""
    parts = urllib.parse.urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    last = urllib.parse.unquote(segments[-1]).removesuffix(".json") if segments else ""
    tail = slugify(last)
    query = slugify(parts.query) if parts.query else ""
    return "-".join(p for p in (tail, query) if p) or "ohne-id"


def fallback_file_name(paper: dict[str, Any]) -> str:
    """File name of a Vorlage without a number: from its OParl id, which stays the same across runs."""
    tail = id_tail(paper["id"])
    return tail if re.search(r"[a-z]", tail) else f"vorlage-{tail}"


# --- Sitzungen (Meeting) ------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingSummary:
    """What a Beratung and the Sitzungen file need to know about a Meeting."""

    id: str
    organizations: tuple[str, ...]  # OParl Organization ids
    date: dt.date | None
    start: str | None  # HH:MM
    name: str | None
    location: str | None
    public: bool | None  # False: no public item at all; None: no items known
    cancelled: bool
    end: str | None = None  # HH:MM
    note: str | None = None
    # From another Bürgerinfo: its entry in data/sitzungen/ as written; `own_facts` True even if it had none.
    own_facts: bool = False
    facts: dict[str, Any] | None = None


def agenda_item_public(item: dict[str, Any]) -> bool:
    """Whether an AgendaItem may be published. A missing flag counts as public, unless the TOP says "N"/"NÖ"."""
    public = item.get("public")
    if public is not None:
        return public
    number = item.get("number") or ""
    return not re.match(r"^(?:n|nö|nichtöff|nicht öff)\b", number.strip(), re.IGNORECASE)


def location_text(location: dict[str, Any] | None) -> str | None:
    if not location:
        return None
    if location.get("description"):
        text = location["description"]
        room = location.get("room")
        return f"{text}, {room}" if room and room not in text else text
    town = " ".join(p for p in (location.get("postalCode"), location.get("locality")) if p)
    parts = [location.get("room"), location.get("streetAddress"), town or None, location.get("subLocality")]
    return ", ".join(p for p in parts if p) or None


def summarize_meeting(meeting: dict[str, Any], report: ImportReport) -> MeetingSummary:
    extras = meeting[VENDOR]
    start = meeting.get("start") or meeting.get("end")
    date = start.date() if isinstance(start, dt.datetime) else start if isinstance(start, dt.date) else None
    clock = end = None
    if isinstance(meeting.get("start"), dt.datetime) and not extras["ganztaegig"]:
        clock = meeting["start"].strftime("%H:%M")
        if clock == "00:00":
            clock = None  # systems without a time write midnight
            report.note("Sitzungen mit Uhrzeit 00:00 (als unbekannt behandelt)", meeting["id"])
    finish = meeting.get("end")
    if clock and isinstance(finish, dt.datetime) and finish.date() == date and finish.strftime("%H:%M") > clock:
        end = finish.strftime("%H:%M")
    items = meeting.get("agendaItem") or []
    public = any(agenda_item_public(item) for item in items) if items else None
    if extras["oeffentlich"] is not None:
        public = extras["oeffentlich"]
    return MeetingSummary(
        id=meeting["id"],
        organizations=tuple(meeting.get("organization") or ()),
        date=date,
        start=clock,
        name=meeting.get("name"),
        location=location_text(meeting.get("location")),
        public=public,
        cancelled=bool(meeting.get("cancelled")),
        end=end,
        note=extras["hinweis"],
        own_facts=extras["bürgerinfo"],
        facts=extras["sitzungsangaben"],
    )


def meeting_facts(summary: MeetingSummary, organization: str) -> dict[str, Any] | None:
    """One entry of data/sitzungen/<körperschaft>.yml; None if another Bürgerinfo had none for this Sitzung."""
    if summary.public is False:
        return {"gremium": organization, "datum": summary.date, "oeffentlich": False}
    if summary.own_facts:
        if summary.facts is None:
            return None
        entry = {**summary.facts, "gremium": organization, "datum": summary.date}
        return {key: entry.get(key) for key in ("gremium", "datum", *summary.facts) if entry.get(key) is not None}
    entry: dict[str, Any] = {"gremium": organization, "datum": summary.date, "name": summary.name}
    entry["beginn"] = summary.start
    entry["ende"] = summary.end
    entry["ort"] = summary.location
    if summary.public:
        entry["oeffentlich"] = True
    notes = [summary.note, "Die Sitzung wurde abgesagt." if summary.cancelled else None]
    entry["hinweis"] = "\n\n".join(n.strip() for n in notes if n) or None
    return entry


# --- Beratungen (Consultation + AgendaItem) ---------------------------------------------------


@dataclass(frozen=True)
class AgendaFacts:
    """What a Beratung takes from its AgendaItem."""

    meeting: str | None
    number: str | None
    result: str | None
    resolution: str | None
    public: bool
    vote: dict[str, Any] | None = None  # Abstimmung, from Bürgerinfo's own export


def agenda_facts(item: dict[str, Any], meeting_id: str | None = None) -> AgendaFacts:
    """What a Beratung needs of an AgendaItem; of a nicht öffentliche one only that it is not public."""
    public = agenda_item_public(item)
    if not public:
        return AgendaFacts(item.get("meeting") or meeting_id, None, None, None, False)
    return AgendaFacts(
        item.get("meeting") or meeting_id,
        item.get("number"),
        item.get("result"),
        item.get("resolutionText"),
        True,
        item[VENDOR]["abstimmung"],
    )


def consultation_role(consultation: dict[str, Any], report: ImportReport, key: str) -> str | None:
    written = consultation.get("role")
    if written:
        role = match_role(written)
        if role is None:
            report.unmapped_role(written, key)
        return role
    if consultation.get("authoritative") is True:
        report.note("Beratungen ohne Rolle, aber „authoritative“: als Entscheidung übernommen", key)
        return "Entscheidung"
    report.note("Beratungen ohne Rolle auf dem Server (Rolle nicht gesetzt)", key)
    return None


def consultation_entry(
    consultation: dict[str, Any],
    organization: str,
    meeting: MeetingSummary,
    agenda: AgendaFacts | None,
    results: ResultTable,
    report: ImportReport,
    key: str,
) -> dict[str, Any]:
    """One Beratung of the Beratungsfolge; `meeting.date` must be known; `key` names it in the report's counts."""
    extras = consultation[VENDOR]
    public = (agenda.public if agenda else True) and meeting.public is not False
    if extras is not None and extras["oeffentlich"] is False:
        public = False
    entry: dict[str, Any] = {"gremium": organization, "datum": meeting.date}
    if not public:
        report.note("Beratungen in nicht öffentlicher Sitzung (nur Gremium und Datum übernommen)", key)
        entry["oeffentlich"] = False
        return entry
    entry["rolle"] = consultation_role(consultation, report, key)
    entry["top"] = agenda.number if agenda else None
    entry["sitzung"] = extras["sitzung"] if extras is not None else meeting.name
    vote = agenda.vote if agenda else None
    if agenda and agenda.result:
        match = results.match(agenda.result)
        if match is None:
            report.unmapped_result(agenda.result, key)
        elif match.result is not None:
            entry["ergebnis"] = match.result
            if match.unanimous and not vote:
                vote = {"einstimmig": True}
    if entry.get("ergebnis") and vote:
        entry["abstimmung"] = vote
    entry["bemerkung"] = extras["bemerkung"] if extras is not None else agenda.resolution if agenda else None
    return entry


# --- Anlagen (File) -------------------------------------------------------------------------------


def file_title(file: dict[str, Any]) -> str:
    return file.get("name") or file.get("fileName") or "Anlage"


def stated_size(size: int | None) -> str | None:
    """The size the server states, written as the site writes sizes."""
    if size is None:
        return None
    if size < 1024:
        return f"{size} Byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def attachment_entry(file: dict[str, Any], local_path: str | None) -> dict[str, Any] | None:
    """An Anlage: the downloaded file, else the address on the old server; None if it has neither."""
    extras = file[VENDOR]
    entry: dict[str, Any] = {"titel": file_title(file)}
    if local_path:
        entry["datei"] = local_path
    else:
        url = file.get("accessUrl") or file.get("downloadUrl")
        if not url:
            return None
        entry["url"] = url
        entry["groesse_laut_quelle"] = extras["groesse_laut_quelle"] or stated_size(file.get("size"))
    entry["hinweis"] = extras["hinweis"]
    return entry


def attachment_file_name(file: dict[str, Any]) -> str:
    """A safe file name for a downloaded Anlage, keeping its extension."""
    name = file.get("fileName") or ""
    if not name:
        url = file.get("downloadUrl") or file.get("accessUrl") or ""
        name = urllib.parse.unquote(urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1])
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())[:8]
    base = slugify(stem or file_title(file), 80) or "anlage"
    return f"{base}.{suffix}" if suffix else base


# --- Vorlage (Paper) -----------------------------------------------------------------------------


def paper_data(
    paper: dict[str, Any],
    body_id: str,
    *,
    reference: str | None,
    paper_type: str,
    originators: list[str],
    under_direction_of: list[str],
    consultations: list[dict[str, Any]],
    attachments: list[dict[str, Any]],
    related: list[str],
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The Vorlage with its keys in the order of the data model (as `buergerinfo neu` writes them)."""
    extra = extra or {}
    data: dict[str, Any] = {
        "nummer": reference,
        "betreff": paper.get("name") or (f"Vorlage {reference}" if reference else "Vorlage ohne Betreff"),
        "art": paper_type,
        "koerperschaft": body_id,
        "datum": paper.get("date"),
        "oeffentlich": True,
        "aktenzeichen": extra.get("aktenzeichen"),
        "einreicher": extra.get("einreicher") or [{"name": name} for name in originators],
        "federfuehrend": extra.get("federfuehrend") or (", ".join(under_direction_of) or None),
        "bearbeiter": extra.get("bearbeiter"),
        "unterzeichnung": extra.get("unterzeichnung"),
        "beratungsfolge": sorted(consultations, key=lambda c: c["datum"]),
        "beschlussvorschlag": extra.get("beschlussvorschlag"),
        "sachverhalt": extra.get("sachverhalt"),
        "hinweise": extra.get("hinweise"),
        "finanzen": extra.get("finanzen"),
        "personal": extra.get("personal"),
        "anlagen": attachments,
        "bezuege": related,
    }
    return data
