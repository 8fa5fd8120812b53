"""OParl objects (already straightened out by `quirks`) -> the project's data, with its German keys.

Pure functions: nothing here fetches or writes. The rules:

* Paper -> a Vorlage file; Consultation with its AgendaItem and Meeting -> one Beratung;
  File -> an Anlage (title and address, or the downloaded file). Meetings and AgendaItems are
  summed up by `meeting_mapping`; names and keys come from `names`.
* Consultation.role: mapped through `results.ROLE_TABLE`; missing, but `authoritative: true`
  (OParl: the Beratung that decides) -> Entscheidung; otherwise the role stays unset and is counted.
* AgendaItem.result: through the result table; a wording it does not know leaves the Beratung
  without a result and is listed in the report, never guessed.
* Not public (AgendaItem.public false, a TOP numbered "N …"/"NÖ …", a Meeting without any public
  item): the Beratung keeps only Gremium and date (as `views.public_view` would show it), the
  Sitzung only Gremium and date; no name, role, result, TOP or text of it is written anywhere.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from buergerinfo.importers.meeting_mapping import AgendaFacts, MeetingSummary
from buergerinfo.importers.names import slugify
from buergerinfo.importers.quirks import VENDOR
from buergerinfo.importers.report import ImportReport
from buergerinfo.importers.results import ResultTable, match_role


# --- Beratungen (Consultation + AgendaItem + Meeting) -------------------------------------------


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
