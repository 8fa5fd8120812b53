"""A clean Paper (see `quirks`) and what the run looked up for it -> the Vorlage file's content.

Pure functions: nothing here fetches, writes or reports. `map_paper` takes the Paper and its
`PaperFacts` (the Sitzungen, Tagesordnungspunkte and Gremien of its Consultations, names,
numbers, downloads, all gathered by `paper_facts`) and returns a `MappedPaper`: the data with the
data file's German keys, and the `Notes` the report is to count. The rules:

* Consultation with its AgendaItem and Meeting -> one Beratung; File -> an Anlage (title and
  address, or the downloaded file); `buergerinfo:` fields (read by `quirks`) win where they exist.
* Consultation.role: mapped through `results.ROLE_TABLE`; missing, but `authoritative: true`
  (OParl: the Beratung that decides) -> Entscheidung; otherwise the role stays unset and is counted.
* AgendaItem.result: `result_fields` is the one place a wording becomes `ergebnis` and `abstimmung`
  (the Körperschaft's `ergebnis_zuordnung`, then `result_wording.read_result`); the wording itself is
  kept as `ergebnis_wortlaut`; one it does not know leaves the Beratung without a result and is
  listed, grouped, never guessed.
* Not public (AgendaItem.public false, a TOP numbered "N …"/"NÖ …", a Meeting without any public
  item): the Beratung keeps only Gremium and date (as `views.public_view` would show it); no name,
  role, result, TOP or text of it is written anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from buergerinfo.importers.meeting_mapping import AgendaFacts, MeetingSummary
from buergerinfo.importers.names import file_title
from buergerinfo.importers.notes import Notes
from buergerinfo.importers.quirks import VENDOR
from buergerinfo.importers.result_wording import read_result
from buergerinfo.importers.results import ResultTable, match_role, role_says_nothing
from buergerinfo.importers.values import visible
from buergerinfo.reading.limits import MAX_RESULT_WORDING_CHARS


@dataclass(frozen=True)
class ConsultationFacts:
    """A Consultation with what the run found for it: its Sitzung (with a date), TOP and Gremium key."""

    consultation: dict[str, Any]
    key: str  # names the Beratung in the report's counts: the Consultation's id, else `<Paper id>#<index>`
    meeting: MeetingSummary
    agenda: AgendaFacts | None
    organization: str
    meeting_of_day: int = 1  # the second (third …) Sitzung of the Gremium that day: `sitzung_am_tag`
    people: Mapping[str, str] = field(default_factory=dict)  # OParl id of a Person or Fraktion -> its key



@dataclass
class PaperFacts:
    """What the run knows about a Paper beyond the object itself."""

    reference: str | None  # the Vorlagen-Nr. to write (None if another Vorlage carries it)
    relative: str  # the file, from the project's root
    hints: list[str] = field(default_factory=list)  # for `hinweise`
    consultations: list[ConsultationFacts] = field(default_factory=list)
    # Einreicher ({name}, with `person` or `fraktion` where the Personen file has them); not looked up if the
    # Vorlage names its own
    originators: list[dict[str, Any]] = field(default_factory=list)
    under_direction_of: list[str] = field(default_factory=list)  # names of the Organizations
    related: list[str] = field(default_factory=list)  # numbers of the related Vorlagen
    files: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (index, File), main file first
    # index of a File -> its path in data/anlagen/, or its fields in the Anlagen-Ablage (ablage, dateiname, groesse)
    downloads: dict[int, str | dict[str, Any]] = field(default_factory=dict)
    notes: Notes = field(default_factory=Notes)  # what gathering these facts found to count
    confidential: bool = False  # every Beratung nicht öffentlich (`closed_doors`): the Vorlage is nicht öffentlich
    people: Mapping[str, str] = field(default_factory=dict)  # OParl id of a Person or Fraktion -> its key


@dataclass
class MappedPaper:
    """What `map_paper` gives: the file's content and what the report is to count."""

    data: dict[str, Any]  # the Vorlage, keys in the order of the data model
    paper_type: str  # its Vorlagenart (the Körperschaft file must know it)
    notes: Notes


# --- Ergebnis (AgendaItem.result) -----------------------------------------------------------------


@dataclass(frozen=True)
class ResultFields:
    ergebnis: str | None
    abstimmung: dict[str, Any] | None
    wortlaut: str | None = None  # the source's own words, kept whatever they map to
    abgeleitet: bool = False  # the result comes from counts or a bare "einstimmig"/"mehrheitlich" alone
    bemerkung: str | None = None  # German, e.g. which Gremium a "verwiesen" names
    rule: str | None = None  # which rule decided (report: `result_report.RULE_LABELS`, else why unmapped)
    unmapped: bool = False  # the wording is known nowhere: listed in the report, never guessed


def result_fields(wording: str | None, vote: dict[str, Any] | None, results: ResultTable) -> ResultFields:
    """The one place a result wording (AgendaItem.result) becomes `ergebnis` and `abstimmung`.

    In this order: the Körperschaft's own `ergebnis_zuordnung` (the wording itself, else its group
    key: an editor's word wins), a word of its vocabulary as it stands, then `read_result`, which
    reads free text (counts, "einstimmig", verbs) without guessing. The source's words always go into
    `ergebnis_wortlaut`. A wording that says nothing ("ohne", "entfällt") writes no result on purpose
    and is not listed as unmapped. `vote` is the Abstimmung Bürgerinfo's own export gave: it wins over
    what the wording says. An Abstimmung is written only with an Ergebnis.
    """
    if not wording:
        return ResultFields(None, None)
    words = visible(wording) or None  # the check refuses invisible characters; the reader ignores them anyway
    if words and len(words) > MAX_RESULT_WORDING_CHARS:
        words = words[: MAX_RESULT_WORDING_CHARS - 1] + "…"
    own = results.own(wording)
    if own is not None:
        rule = "zuordnung_leer" if own.result is None else "zuordnung_gruppe" if own.by_group else "zuordnung"
        return ResultFields(own.result, (vote or None) if own.result else None, words, rule=rule)
    word = results.word(wording)
    if word is not None:
        return ResultFields(word, vote or None, words, rule="beschlussart")
    reading = read_result(wording, results.gremien, results.result_words)
    if reading.no_result:
        return ResultFields(None, None, words, rule=reading.rule)
    if reading.result_word is None:
        match = results.match(wording)  # the table of common wordings, for what the reader leaves open
        if match is None or match.result is None:
            return ResultFields(None, None, words, rule=reading.rule, unmapped=match is None)
        return ResultFields(match.result, vote or ({"einstimmig": True} if match.unanimous else None), words,
                            rule="tabelle")
    counted = reading.votes.as_abstimmung() if reading.votes else None
    note = None
    if reading.referred_to:
        names = results.gremien.get(reading.referred_to) or reading.referred_to
        note = f"Verwiesen an: {names if isinstance(names, str) else names[0]}"
    return ResultFields(reading.result_word, vote or counted or None, words, reading.derived, note, reading.rule)


# --- Beratungen (Consultation + AgendaItem + Meeting) -------------------------------------------


def consultation_role(consultation: dict[str, Any], key: str, notes: Notes) -> str | None:
    written = consultation.get("role")
    if written and role_says_nothing(written):
        notes.note("Beratungen mit einer Rolle wie „unbekannt“ auf dem Server (wie ohne Rolle behandelt)", key)
        written = None
    if written:
        role = match_role(written)
        if role is None:
            notes.unmapped_role(written, key)
        return role
    if consultation.get("authoritative") is True:
        notes.note("Beratungen ohne Rolle, aber „authoritative“: als Entscheidung übernommen", key)
        return "Entscheidung"
    notes.note("Beratungen ohne Rolle auf dem Server (Rolle nicht gesetzt)", key)
    return None


def consultation_public(facts: ConsultationFacts) -> bool:
    """Whether a Beratung may be published: its AgendaItem and Meeting are public, and another Bürgerinfo said so."""
    extras = facts.consultation[VENDOR]
    public = (facts.agenda.public if facts.agenda else True) and facts.meeting.public is not False
    return public and not (extras is not None and extras["oeffentlich"] is False)


def closed_doors(consultations: list[ConsultationFacts]) -> bool:
    """A Paper discussed only behind closed doors: it has Beratungen, and not one of them is public.

    Such a Vorlage is nicht öffentlich itself: its Betreff and text were never shown in public either.
    """
    return bool(consultations) and not any(consultation_public(c) for c in consultations)


def consultation_entry(facts: ConsultationFacts, results: ResultTable, notes: Notes, paper: str = "") -> dict[str, Any]:
    """One Beratung of the Beratungsfolge (`facts.meeting.date` is known); what to count goes into `notes`.

    `paper` names the Vorlage in the report's examples of unmapped wordings."""
    consultation, meeting, agenda, key = facts.consultation, facts.meeting, facts.agenda, facts.key
    extras = consultation[VENDOR]
    public = consultation_public(facts)
    entry: dict[str, Any] = {"gremium": facts.organization, "datum": meeting.date}
    entry["sitzung_am_tag"] = facts.meeting_of_day if facts.meeting_of_day > 1 else None
    if not public:
        notes.note("Beratungen in nicht öffentlicher Sitzung (nur Gremium und Datum übernommen)", key)
        entry["oeffentlich"] = False
        return entry
    entry["rolle"] = consultation_role(consultation, key, notes)
    entry["top"] = agenda.number if agenda else None
    entry["sitzung"] = extras["sitzung"] if extras is not None else meeting.name
    result = result_fields(agenda.result if agenda else None, agenda.vote if agenda else None, results)
    if result.unmapped:
        notes.unmapped_result(agenda.result, key, paper)
    elif result.rule:
        notes.result_rule(result.rule, agenda.result, key, result.abgeleitet)
    wording, derived = result.wortlaut, result.abgeleitet
    if extras is not None:
        # Bürgerinfo's own export: `result` is the exporting site's word; the words of the system it came
        # from, and whether it was derived, travel beside it and are the authority (absent: none, not derived).
        own = (agenda.wording, agenda.derived) if agenda else (None, None)
        wording = own[0] or extras["ergebnis_wortlaut"]
        derived = bool(own[1] or extras["ergebnis_abgeleitet"])
        if wording is None and result.rule not in ("beschlussart", "zuordnung", "zuordnung_gruppe"):
            wording = result.wortlaut  # its word is not ours: keep it, as for any other source
    entry["ergebnis"] = result.ergebnis
    entry["ergebnis_wortlaut"] = wording
    entry["ergebnis_abgeleitet"] = True if derived and result.ergebnis else None
    entry["abstimmung"] = result.abstimmung
    own = extras["bemerkung"] if extras is not None else agenda.resolution if agenda else None
    entry["bemerkung"] = "\n\n".join(part for part in (own, result.bemerkung) if part) or None
    if agenda is not None:
        entry["abstimmung_fraktionen"], entry["namentliche_abstimmung"] = votes_by_key(agenda, facts.people, notes, key)
    return entry


def keyed_originators(entries: list[dict[str, Any]], references: list, people: Mapping[str, str], notes: Notes,
                      paper_id: str) -> list[dict[str, Any]]:
    """Einreicher another Bürgerinfo named by key, named by the key of this import's Personen file (else by name)."""
    result = []
    for entry, reference in zip(entries, references):
        if reference is not None and reference[1] in people:
            entry = {**entry, reference[0]: people[reference[1]]}
        elif reference is not None:
            notes.note("Einreicher, deren Person oder Fraktion nicht übernommen ist (nur mit Namen)", paper_id)
        result.append(entry)
    return result


def votes_by_key(agenda: AgendaFacts, people: Mapping[str, str], notes: Notes, key: str) -> tuple[list, list]:
    """Votes per Fraktion and by name (from Bürgerinfo's own export) with the keys of this import's Personen file.

    A vote whose Fraktion or Person the import does not have (a hidden person: the export gives only the name)
    is left out and counted: the check would refuse a key the Personen file does not know."""
    groups, named = [], []
    for url, vote in agenda.group_votes:
        if url in people:
            groups.append({"fraktion": people[url], **vote})
        else:
            notes.note("Abstimmungen je Fraktion, deren Fraktion nicht übernommen ist (weggelassen)", f"{key} {url}")
    for url, name, vote in agenda.named_votes:
        if url in people:
            named.append({"person": people[url], "stimme": vote})
        else:
            notes.note("Namentliche Stimmen von Personen ohne Eintrag (weggelassen)", f"{key} {url or name}")
    return groups, named


# --- Anlagen (File) -------------------------------------------------------------------------------


def stated_size(size: int | None) -> str | None:
    """The size the server states, written as the site writes sizes."""
    if size is None:
        return None
    if size < 1024:
        return f"{size} Byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def attachment_entry(file: dict[str, Any], local_path: str | dict[str, Any] | None) -> dict[str, Any] | None:
    """An Anlage: the downloaded file, else the address on the old server; None if it has neither."""
    extras = file[VENDOR]
    entry: dict[str, Any] = {"titel": file_title(file)}
    if isinstance(local_path, dict):
        entry.update(local_path)  # in the Anlagen-Ablage
    elif local_path:
        entry["datei"] = local_path
    else:
        url = file.get("accessUrl") or file.get("downloadUrl")
        if not url:
            return None
        entry["url"] = url
        entry["groesse_laut_quelle"] = extras["groesse_laut_quelle"] or stated_size(file.get("size"))
    entry["hinweis"] = extras["hinweis"]
    return entry


def attachments(paper: dict[str, Any], facts: PaperFacts, notes: Notes) -> list[dict[str, Any]]:
    """Main file first, then the others, in the order the exporting Bürgerinfo had them (with those without file)."""
    placed: list[tuple[int, int, dict[str, Any]]] = []
    for index, file in facts.files:
        entry = attachment_entry(file, facts.downloads.get(index))
        if entry is None:
            notes.note("Anlagen ohne Adresse (weggelassen)", f"{facts.relative} {file.get('id')}")
            continue
        position = file[VENDOR]["position"]
        placed.append((position if position is not None else index, index, entry))
    count = 1 + len(paper["auxiliaryFile"])
    for position, entry in paper[VENDOR]["anlagen_ohne_datei"]:
        placed.append((position, count + position, entry))
    return [entry for _, _, entry in sorted(placed, key=lambda item: item[:2])]


# --- Vorlage (Paper) -----------------------------------------------------------------------------


def map_paper(paper: dict[str, Any], facts: PaperFacts, body_id: str, results: ResultTable) -> MappedPaper:
    """The Vorlage for a clean Paper, with what the report is to count about it."""
    notes = Notes().extend(facts.notes)
    paper_id = paper["id"]
    if not paper.get("name"):
        notes.note("Vorlagen ohne Betreff auf dem Server (als „Vorlage <Nummer>“ eingetragen)", paper_id)
    paper_type = paper.get("paperType")
    if not paper_type:
        paper_type = "Vorlage"
        notes.note("Vorlagen ohne Art auf dem Server (als „Vorlage“ übernommen)", paper_id)
    label = facts.reference or facts.relative.rsplit("/", 1)[-1]
    consultations = [consultation_entry(c, results, notes, label) for c in facts.consultations]
    extra = dict(paper[VENDOR]["felder"])  # a copy: the clean Paper stays as it came in
    extra["einreicher"] = keyed_originators(extra.get("einreicher") or [], paper[VENDOR]["einreicher_verweise"],
                                            facts.people, notes, paper_id)
    if facts.hints:
        extra["hinweise"] = "\n\n".join(part.strip() for part in (extra.get("hinweise"), *facts.hints) if part)
    if paper[VENDOR]["themen"]:
        notes.note("Vorlagen mit Themen-Dossiers der Quelle (Dossiers werden nicht übernommen)", paper_id)
    data = paper_data(
        paper,
        body_id,
        reference=facts.reference,
        paper_type=paper_type,
        originators=facts.originators,
        under_direction_of=facts.under_direction_of,
        consultations=consultations,
        attachments=attachments(paper, facts, notes),
        related=facts.related,
        extra=extra,
    )
    if facts.confidential:
        data["oeffentlich"] = False  # and it goes to the confidential tree, or nowhere (`papers.PaperWriter`)
    return MappedPaper(data, paper_type, notes)


def paper_data(
    paper: dict[str, Any],
    body_id: str,
    *,
    reference: str | None,
    paper_type: str,
    originators: list[dict[str, Any]],
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
        "einreicher": extra.get("einreicher") or originators,
        "federfuehrend": extra.get("federfuehrend") or (", ".join(under_direction_of) or None),
        "bearbeiter": extra.get("bearbeiter"),
        "unterzeichnung": extra.get("unterzeichnung"),
        "beratungsfolge": sorted(consultations, key=lambda c: (c["datum"], c.get("sitzung_am_tag") or 1)),
        "beschlussvorschlag": extra.get("beschlussvorschlag"),
        "sachverhalt": extra.get("sachverhalt"),
        "hinweise": extra.get("hinweise"),
        "finanzen": extra.get("finanzen"),
        "personal": extra.get("personal"),
        "anlagen": attachments,
        "bezuege": related,
    }
    return data
