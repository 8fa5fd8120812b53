"""The data model: one class per concept, named after OParl 1.1.

These classes are the single source of truth for the data files. Editors write
the German keys (the field aliases); code uses the OParl names. The same
classes validate the YAML and generate the JSON Schemas that give editors
autocompletion, so the two can never drift apart.

Nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

# A slug names a file or an entry in URLs that must stay stable for years.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Markdown = Annotated[str, Field(description="Text in Markdown; HTML wird nicht übernommen.")]

ISO_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# A time of day, 00:00 to 23:59.
CLOCK_PATTERN = r"^(?:[01]\d|2[0-3]):[0-5]\d$"


def _iso_date_text(value: object) -> object:
    # Pydantic alone would also take `1557705600` (seconds since 1970) or `2019-05-13T10:00`;
    # the data files and their JSON Schema know one way to write a day.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.match(ISO_DATE_PATTERN, value):
        return value
    raise PydanticCustomError("date_format", "Datum im Format JJJJ-MM-TT erwartet")


# A day, written JJJJ-MM-TT.
Date = Annotated[dt.date, BeforeValidator(_iso_date_text)]

CONSULTATION_ROLES = (
    "Vorberatung",
    "Entscheidung",
    "Kenntnisnahme",
    "Anhörung",
    "Beratung",
)
ConsultationRole = Literal["Vorberatung", "Entscheidung", "Kenntnisnahme", "Anhörung", "Beratung"]

# The colour classes a badge may use; the words always travel with the colour.
BadgeColour = Literal["erfolg", "hinweis", "warnung", "negativ", "neutral"]

# Families of Beschlussarten: lists and search filters group the words of one family
# ("ungeändert beschlossen" and "geändert beschlossen" are both "beschlossen").
RESULT_FAMILIES: tuple[str, ...] = (
    "beschlossen", "abgelehnt", "zur Kenntnis genommen", "vertagt", "verwiesen", "zurückgezogen"
)
ResultFamily = Literal["beschlossen", "abgelehnt", "zur Kenntnis genommen", "vertagt", "verwiesen", "zurückgezogen"]


class DataModel(BaseModel):
    # Unknown keys are errors: a typo such as `betref` must not silently drop a field.
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=False)


# --- vocabulary -------------------------------------------------------------------


class ResultKind(DataModel):
    """A Beschlussart: one word of the result vocabulary (OParl AgendaItem.result)."""

    label: NonEmptyText = Field(alias="bezeichnung", description="Wortlaut, wie er in `ergebnis` steht.")
    colour: BadgeColour = Field(alias="farbe", description="Farbklasse des Badges.")
    final: bool = Field(
        alias="abschliessend",
        description="true, wenn die Vorlage mit diesem Ergebnis erledigt ist (z. B. beschlossen); "
        "false, wenn sie weiter beraten wird (z. B. vertagt).",
    )
    description: str | None = Field(None, alias="erlaeuterung")
    family: ResultFamily | None = Field(
        None,
        alias="familie",
        description="Zu welcher Familie die Beschlussart in Listen und Suchfiltern zählt, z. B. `beschlossen` für "
        "„mehrheitlich beschlossen“. Ohne Angabe zählt ein Wort, das auf „beschlossen“ endet, als `beschlossen`; "
        "jedes andere steht für sich.",
    )


# --- Körperschaft (OParl Body) and Gremium (OParl Organization) ---------------------


class Organization(DataModel):
    """A Gremium of a Körperschaft (OParl Organization, organizationType "Gremium")."""

    id: Slug = Field(description="Kurzer Schlüssel, z. B. `kreisausschuss`; steht in der Adresse der Seite.")
    name: NonEmptyText
    short_name: str | None = Field(None, alias="kurzname")
    classification: str | None = Field(None, alias="art", description="z. B. Kreistag, Ausschuss, Beirat")
    legislative_term: str | None = Field(None, alias="wahlperiode", description="z. B. `6. Wahlperiode`")
    description: Markdown | None = Field(None, alias="beschreibung")


class Body(DataModel):
    """A Körperschaft (OParl Body) with its Gremien and its local conventions."""

    schema_ref: str | None = Field(None, alias="$schema")
    name: NonEmptyText
    short_name: str | None = Field(None, alias="kurzname")
    classification: str | None = Field(None, alias="art", description="z. B. Landkreis, Stadt, Gemeinde")
    description: Markdown | None = Field(None, alias="beschreibung")
    website: str | None = Field(None, pattern=r"^https?://", description="Adresse der eigenen Website")
    reference_pattern: str | None = Field(
        None,
        alias="nummernformat",
        description="Regulärer Ausdruck für Vorlagen-Nummern, z. B. `^\\d{4}/\\d{4}$`.",
    )
    reference_example: str | None = Field(None, alias="nummernbeispiel")
    organizations: list[Organization] = Field(alias="gremien", min_length=1)
    extra_result_kinds: list[ResultKind] = Field(
        default_factory=list,
        alias="beschlussarten",
        description="Ergänzt das Vokabular der Ergebnisse um Beschlussarten dieser Körperschaft.",
    )
    extra_paper_types: list[NonEmptyText] = Field(
        default_factory=list, alias="vorlagenarten", description="Ergänzt die Vorlagenarten."
    )
    result_mapping: dict[NonEmptyText, NonEmptyText | None] = Field(
        default_factory=dict,
        alias="ergebnis_zuordnung",
        description="Für den OParl-Import: Wortlaut eines Ergebnisses im alten Ratsinformationssystem → "
        "Beschlussart aus dem Vokabular, z. B. `Zustimmung: ungeändert beschlossen`; leer lassen, "
        "wenn der Wortlaut bewusst kein Ergebnis ergibt.",
    )

    @field_validator("reference_pattern")
    @classmethod
    def _pattern_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                where = f" an Stelle {exc.pos + 1}" if exc.pos is not None else ""
                raise ValueError(f"kein gültiger regulärer Ausdruck (Fehler{where}), z. B. `^\\d{{4}}/\\d{{4}}$`") from None
        return value

    @field_validator("organizations")
    @classmethod
    def _unique_organization_ids(cls, value: list[Organization]) -> list[Organization]:
        seen: set[str] = set()
        for organization in value:
            if organization.id in seen:
                raise ValueError(f"Gremium-Schlüssel „{organization.id}“ kommt doppelt vor")
            seen.add(organization.id)
        return value


# --- Vorlage (OParl Paper) ----------------------------------------------------------


class VoteCount(DataModel):
    """Abstimmungsergebnis. Not in OParl; exported under a vendor prefix."""

    yes: int | None = Field(None, alias="ja", ge=0)
    no: int | None = Field(None, alias="nein", ge=0)
    abstention: int | None = Field(None, alias="enthaltung", ge=0)
    unanimous: bool = Field(False, alias="einstimmig")

    @model_validator(mode="after")
    def _something_given(self) -> VoteCount:
        if not self.unanimous and self.yes is None and self.no is None and self.abstention is None:
            raise ValueError("Abstimmung ohne Angaben: ja/nein/enthaltung oder einstimmig: true angeben")
        if self.unanimous and self.no:
            raise ValueError("einstimmig, aber mit Nein-Stimmen")
        return self


class Consultation(DataModel):
    """One entry of the Beratungsfolge (OParl Consultation plus its AgendaItem)."""

    organization: Slug = Field(alias="gremium", description="Schlüssel des Gremiums der Körperschaft")
    date: Date = Field(alias="datum", description="Sitzungstag, JJJJ-MM-TT")
    role: ConsultationRole | None = Field(None, alias="rolle")
    public: bool = Field(True, alias="oeffentlich")
    agenda_item: str | None = Field(None, alias="top", description="Tagesordnungspunkt, z. B. `Ö 6.1`")
    meeting_name: str | None = Field(
        None, alias="sitzung", description="z. B. `43. ordentliche Sitzung des Kreisausschusses`"
    )
    result: str | None = Field(None, alias="ergebnis", description="Beschlussart aus dem Vokabular")
    vote: VoteCount | None = Field(None, alias="abstimmung")
    note: str | None = Field(None, alias="bemerkung")


class Person(DataModel):
    name: NonEmptyText
    role: str | None = Field(None, alias="funktion")


class Signature(DataModel):
    """The signature line, e.g. 'Wittmund, den 26.04.2019 — gez. Hinrichs, Uwe'."""

    place: str | None = Field(None, alias="ort")
    date: Date | None = Field(None, alias="datum")
    name: NonEmptyText
    mark: str | None = Field(None, alias="vermerk", description="z. B. `gez.`")


class FinancialEffects(DataModel):
    """Finanzielle Auswirkungen. Amounts stay text: papers write 'keine' or 'Personalkosten + 10.000 €'."""

    has_effects: bool | None = Field(None, alias="auswirkungen", description="true = ja, false = nein")
    total_cost: str | None = Field(None, alias="gesamtkosten")
    yearly_cost: str | None = Field(None, alias="jaehrliche_folgekosten")
    own_share: str | None = Field(None, alias="eigenanteil")
    income: str | None = Field(None, alias="einnahmen", description="objektbezogene Einnahmen")
    budget_account: str | None = Field(None, alias="haushaltskonto", description="Produkt- oder Sachkonto")
    explanation: Markdown | None = Field(None, alias="erlaeuterung")


class StaffingEffects(DataModel):
    has_effects: bool | None = Field(None, alias="auswirkungen")
    explanation: Markdown | None = Field(None, alias="erlaeuterung")


class AuxiliaryFile(DataModel):
    """An Anlage (OParl File). Either a local file, a URL, or neither: then it is shown as missing."""

    name: NonEmptyText = Field(alias="titel")
    path: str | None = Field(
        None, alias="datei", description="Pfad zur Datei, relativ zum Ordner `data/anlagen/`"
    )
    url: str | None = Field(None, pattern=r"^https?://")
    stated_size: str | None = Field(
        None, alias="groesse_laut_quelle", description="Größenangabe der Quelle, wenn die Datei fehlt"
    )
    note: str | None = Field(None, alias="hinweis")

    @model_validator(mode="after")
    def _one_location(self) -> AuxiliaryFile:
        if self.path and self.url:
            raise ValueError("entweder `datei` oder `url` angeben, nicht beides")
        return self


class Paper(DataModel):
    """A Vorlage (OParl Paper)."""

    schema_ref: str | None = Field(None, alias="$schema")
    reference: str | None = Field(
        None, alias="nummer", description="Vorlagen-Nr., z. B. `2018/33/0590`; leer lassen, wenn keine gedruckt ist"
    )
    name: NonEmptyText = Field(alias="betreff")
    paper_type: NonEmptyText = Field(alias="art", description="z. B. Beschlussvorlage")
    body: Slug = Field(alias="koerperschaft", description="Schlüssel der Körperschaft")
    date: Date | None = Field(None, alias="datum")
    public: bool = Field(True, alias="oeffentlich")
    file_number: str | None = Field(None, alias="aktenzeichen")
    originators: list[Person] = Field(default_factory=list, alias="einreicher")
    under_direction_of: str | None = Field(None, alias="federfuehrend")
    clerk: str | None = Field(None, alias="bearbeiter", description="Bearbeiter/in")
    signature: Signature | None = Field(None, alias="unterzeichnung")
    consultations: list[Consultation] = Field(default_factory=list, alias="beratungsfolge")
    resolution_proposal: Markdown | None = Field(None, alias="beschlussvorschlag")
    reasoning: Markdown | None = Field(None, alias="sachverhalt", description="Sachverhalt / Begründung")
    remarks: Markdown | None = Field(None, alias="hinweise")
    financial_effects: FinancialEffects | None = Field(None, alias="finanzen")
    staffing_effects: StaffingEffects | None = Field(None, alias="personal")
    auxiliary_files: list[AuxiliaryFile] = Field(default_factory=list, alias="anlagen")
    related_papers: list[NonEmptyText] = Field(
        default_factory=list, alias="bezuege", description="Vorlagen-Nummern derselben Körperschaft"
    )
    topics: list[Slug] = Field(default_factory=list, alias="themen", description="Schlüssel von Dossiers")


# --- Sitzung (OParl Meeting): extra facts; the meetings themselves come from the Beratungsfolgen ---


class MeetingFacts(DataModel):
    organization: Slug = Field(alias="gremium")
    date: Date = Field(alias="datum")
    name: str | None = None
    start: str | None = Field(
        None, alias="beginn", pattern=CLOCK_PATTERN, description="Uhrzeit des Beginns, z. B. 15:00"
    )
    end: str | None = Field(
        None,
        alias="ende",
        pattern=CLOCK_PATTERN,
        description="Uhrzeit des Endes, z. B. 18:30; nur zusammen mit `beginn` und nach ihm",
    )
    location: str | None = Field(None, alias="ort")
    public: bool | None = Field(
        None, alias="oeffentlich", description="leer lassen, wenn nicht bekannt; false = nicht öffentlich"
    )
    note: Markdown | None = Field(None, alias="hinweis")

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: str | None, info: ValidationInfo) -> str | None:
        # `beginn` is declared before `ende`, so it is checked and known here; the message points at `ende`.
        if value is not None and "start" in info.data:
            start = info.data["start"]
            if start is None:
                raise ValueError("`ende` ohne `beginn`: bitte auch die Uhrzeit des Beginns angeben, z. B. 15:00")
            if value <= start:
                raise ValueError(f"das Ende ({value}) muss nach dem Beginn ({start}) liegen")
        return value


class MeetingFactsFile(DataModel):
    schema_ref: str | None = Field(None, alias="$schema")
    body: Slug = Field(alias="koerperschaft")
    meetings: list[MeetingFacts] = Field(alias="sitzungen")


# --- Dossier (a topic; no OParl type) ------------------------------------------------

DossierPhase = Literal["Auftrag", "Beteiligung", "Entwurf", "Beschluss", "Umsetzung", "Überprüfung"]
DOSSIER_PHASES: tuple[str, ...] = ("Auftrag", "Beteiligung", "Entwurf", "Beschluss", "Umsetzung", "Überprüfung")

MeasureState = Literal[
    "vorgeschlagen", "angeregt", "Fortführung empfohlen", "beschlossen", "in Umsetzung", "umgesetzt"
]


class Milestone(DataModel):
    """One step of the story of a topic, in date order."""

    date: Date | None = Field(None, alias="datum")
    period: str | None = Field(None, alias="zeitraum", description="wenn kein Tag bekannt ist, z. B. `2018`")
    phase: DossierPhase
    title: NonEmptyText = Field(alias="titel")
    text: Markdown | None = None
    organization: Slug | None = Field(None, alias="gremium")
    paper: str | None = Field(None, alias="vorlage", description="Vorlagen-Nr.")


class FieldOfAction(DataModel):
    name: NonEmptyText
    description: Markdown | None = Field(None, alias="beschreibung")


class Measure(DataModel):
    title: NonEmptyText = Field(alias="titel")
    description: Markdown | None = Field(None, alias="beschreibung")
    field_of_action: str | None = Field(None, alias="handlungsfeld")
    owner: str | None = Field(None, alias="verantwortlich")
    budget: str | None = None
    state: MeasureState = Field(alias="stand")
    paper: str | None = Field(None, alias="vorlage", description="Vorlagen-Nr., die die Maßnahme trägt")


class KeyFigure(DataModel):
    label: NonEmptyText = Field(alias="bezeichnung")
    value: NonEmptyText = Field(alias="wert")


class ParticipantGroup(DataModel):
    name: NonEmptyText = Field(alias="gruppe")
    members: list[NonEmptyText] = Field(alias="mitglieder")


class DossierDocument(DataModel):
    name: NonEmptyText = Field(alias="titel")
    description: Markdown | None = Field(None, alias="beschreibung")
    path: str | None = Field(None, alias="datei")
    url: str | None = Field(None, pattern=r"^https?://")
    organization: Slug | None = Field(None, alias="gremium", description="Gremium, in dem es vorgestellt wurde")
    date: Date | None = Field(None, alias="datum")


class Dossier(DataModel):
    schema_ref: str | None = Field(None, alias="$schema")
    title: NonEmptyText = Field(alias="titel")
    topic: Slug = Field(alias="thema", description="gemeinsamer Schlüssel zum Vergleich, z. B. `integrationskonzept`")
    body: Slug = Field(alias="koerperschaft")
    summary: Markdown | None = Field(None, alias="zusammenfassung")
    occasion: Markdown | None = Field(None, alias="anlass")
    goals: list[NonEmptyText] = Field(default_factory=list, alias="ziele")
    participants: list[ParticipantGroup] = Field(default_factory=list, alias="beteiligte")
    process_steps: list[NonEmptyText] = Field(default_factory=list, alias="prozessschritte")
    key_figures: list[KeyFigure] = Field(default_factory=list, alias="kennzahlen")
    milestones: list[Milestone] = Field(default_factory=list, alias="verlauf")
    fields_of_action: list[FieldOfAction] = Field(default_factory=list, alias="handlungsfelder")
    fields_of_action_note: str | None = Field(
        None, alias="handlungsfelder_hinweis", description="wenn die Handlungsfelder (noch) nicht bekannt sind"
    )
    measures: list[Measure] = Field(default_factory=list, alias="massnahmen")
    documents: list[DossierDocument] = Field(default_factory=list, alias="dokumente")


class Topic(DataModel):
    """A topic that dossiers of several Körperschaften share, shown side by side."""

    id: Slug
    title: NonEmptyText = Field(alias="titel")
    description: Markdown | None = Field(None, alias="beschreibung")


class TopicsFile(DataModel):
    schema_ref: str | None = Field(None, alias="$schema")
    topics: list[Topic] = Field(alias="themen")
