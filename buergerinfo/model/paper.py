"""Vorlage (OParl Paper) with its Beratungsfolge (Consultation), Anlagen (File) and effects."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from buergerinfo.model.base import (
    SCHEMA_LINE,
    AttachmentPath,
    ConsultationRole,
    Count,
    DataModel,
    Date,
    MEETING_OF_DAY_TEXT,
    Markdown,
    MeetingOfDay,
    NonEmptyText,
    NonEmptyVisibleText,
    Slug,
    Url,
    VisibleText,
)
from buergerinfo.model.stored_files import (
    SCHEMA_EXTRA,
    StoreDigest,
    StoredLocation,
    StoreFileName,
    digest_field,
    file_name_field,
    location_problem,
    size_field,
)
from buergerinfo.reading.limits import MAX_RESULT_WORDING_CHARS

# The result as the council system wrote it: shown as the source's words, so no invisible or bidi
# characters that would make it read otherwise than it is stored.
ResultWording = Annotated[NonEmptyVisibleText, StringConstraints(max_length=MAX_RESULT_WORDING_CHARS)]
from buergerinfo.model.people import GroupVote, NamedVote

# --- Vorlage (OParl Paper) ----------------------------------------------------------


class VoteCount(DataModel):
    """Abstimmungsergebnis. Not in OParl; exported under a vendor prefix."""

    yes: Count | None = Field(None, alias="ja", description="Ja-Stimmen")
    no: Count | None = Field(None, alias="nein", description="Nein-Stimmen")
    abstention: Count | None = Field(None, alias="enthaltung", description="Enthaltungen")
    unanimous: StrictBool = Field(
        False,
        alias="einstimmig",
        description="true, wenn einstimmig beschlossen; false oder weglassen, wenn die Stimmen gezählt sind",
    )

    @model_validator(mode="after")
    def _something_given(self) -> VoteCount:
        if not self.unanimous and self.yes is None and self.no is None and self.abstention is None:
            raise ValueError("Abstimmung ohne Angaben: ja/nein/enthaltung oder einstimmig: true angeben")
        if self.unanimous and self.no:
            raise ValueError("einstimmig, aber mit Nein-Stimmen")
        return self


class Consultation(DataModel):
    """One entry of the Beratungsfolge (OParl Consultation plus its AgendaItem)."""

    # The schema says what _derived_needs_result says, so an editor sees it while typing.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"ergebnis_abgeleitet": {"const": True}}, "required": ["ergebnis_abgeleitet"]},
            "then": {"required": ["ergebnis"], "properties": {"ergebnis": {"type": "string"}}},
        }
    )

    organization: Slug = Field(alias="gremium", description="Schlüssel des Gremiums der Körperschaft")
    date: Date = Field(alias="datum", description="Sitzungstag, JJJJ-MM-TT")
    meeting_of_day: MeetingOfDay | None = Field(None, alias="sitzung_am_tag", description=MEETING_OF_DAY_TEXT)
    role: ConsultationRole | None = Field(None, alias="rolle", description="Rolle des Gremiums in der Beratungsfolge")
    public: StrictBool = Field(
        True,
        alias="oeffentlich",
        description="true: öffentliche Sitzung; false: nicht öffentliche Sitzung, die Website zeigt dann nur "
        "Gremium und Datum",
    )
    agenda_item: VisibleText | None = Field(None, alias="top", description="Tagesordnungspunkt, z. B. `Ö 6.1`")
    meeting_name: str | None = Field(
        None, alias="sitzung", description="z. B. `43. ordentliche Sitzung des Kreisausschusses`"
    )
    result: str | None = Field(
        None,
        alias="ergebnis",
        description="Ergebnis der Beratung, z. B. „ungeändert beschlossen“; leer lassen, solange es nicht bekannt "
        "ist. Weitere Wörter nennt die Körperschaft unter `beschlussarten`",
    )
    result_wording: ResultWording | None = Field(
        None,
        alias="ergebnis_wortlaut",
        description="Das Ergebnis im Wortlaut des Ratsinformationssystems, aus dem die Beratung übernommen ist, "
        "z. B. „mehrheitlich zugestimmt“; bleibt stehen, auch wenn `ergebnis` eingetragen ist. Die Website zeigt "
        "ihn als Text der Quelle",
    )
    result_derived: StrictBool = Field(
        False,
        alias="ergebnis_abgeleitet",
        description="true: `ergebnis` ist nur aus der Stimmenzahl abgeleitet (mehr Ja- als Nein-Stimmen); der "
        "Wortlaut der Quelle nennt es nicht. Nach Prüfung die Zeile löschen oder `ergebnis` berichtigen",
    )
    vote: VoteCount | None = Field(
        None, alias="abstimmung", description="Stimmen, wenn bekannt: ja/nein/enthaltung oder einstimmig: true"
    )
    note: str | None = Field(None, alias="bemerkung", description="Anmerkung zur Beratung, z. B. woher das Ergebnis stammt")
    # Who voted how: per Fraktion, and by name where the Sitzung voted namentlich (data/personen/ has the keys).
    group_votes: list[GroupVote] = Field(
        default_factory=list, alias="abstimmung_fraktionen", description="Wie die Fraktionen abgestimmt haben"
    )
    named_votes: list[NamedVote] = Field(
        default_factory=list, alias="namentliche_abstimmung", description="Namentliche Abstimmung: Stimme je Person"
    )

    @property
    def meeting_number(self) -> int:
        """Which Sitzung of its Gremium on its day this Beratung belongs to (1 unless `sitzung_am_tag` says)."""
        return self.meeting_of_day or 1

    @field_validator("result_derived")
    @classmethod
    def _derived_needs_result(cls, value: bool, info: ValidationInfo) -> bool:
        # `ergebnis` is declared before, so it is known here when it is valid; the message points at this field.
        if value and "result" in info.data and info.data["result"] is None:
            raise ValueError(
                "`ergebnis_abgeleitet: true` ohne `ergebnis`: abgeleitet kann nur ein eingetragenes Ergebnis sein – "
                "bitte `ergebnis` eintragen oder die Zeile „ergebnis_abgeleitet“ löschen"
            )
        return value


class Person(DataModel):
    """An Einreicher: free text (old data, the administration), or a Person or Fraktion of data/personen/ by key."""

    name: NonEmptyText | None = Field(
        None, description="Name oder Amtsbezeichnung, z. B. „Der Landrat“; mit `person` oder `fraktion` nicht nötig"
    )
    role: str | None = Field(None, alias="funktion", description="Funktion, z. B. „Fachbereichsleiterin 3“")
    person: Slug | None = Field(None, description="Schlüssel einer Person in data/personen/<körperschaft>.yml")
    group: Slug | None = Field(None, alias="fraktion", description="Schlüssel einer Fraktion in data/personen/<körperschaft>.yml")

    @model_validator(mode="after")
    def _named(self) -> Person:
        if self.person and self.group:
            raise ValueError("entweder `person` oder `fraktion` angeben, nicht beides")
        if not (self.name or self.person or self.group):
            raise ValueError("`name`, `person` oder `fraktion` angeben")
        return self


class Signature(DataModel):
    """The signature line, e.g. 'Wittmund, den 26.04.2019 — gez. Hinrichs, Uwe'."""

    place: str | None = Field(None, alias="ort", description="Ort, z. B. „Wittmund“")
    date: Date | None = Field(None, alias="datum", description="Datum der Unterschrift, JJJJ-MM-TT")
    name: NonEmptyText = Field(description="Name, wie unterschrieben, z. B. „Hinrichs, Uwe“")
    mark: str | None = Field(None, alias="vermerk", description="Vermerk vor dem Namen, z. B. `gez.`")


class FinancialEffects(DataModel):
    """Finanzielle Auswirkungen. Amounts stay text: papers write 'keine' or 'Personalkosten + 10.000 €'."""

    has_effects: StrictBool | None = Field(
        None,
        alias="auswirkungen",
        description="true: die Vorlage hat finanzielle Auswirkungen; false: sie hat keine",
    )
    total_cost: str | None = Field(None, alias="gesamtkosten", description="Gesamtkosten, als Text")
    yearly_cost: str | None = Field(None, alias="jaehrliche_folgekosten", description="Jährliche Folgekosten, als Text")
    own_share: str | None = Field(None, alias="eigenanteil", description="Eigenanteil, als Text")
    income: str | None = Field(None, alias="einnahmen", description="objektbezogene Einnahmen")
    budget_account: str | None = Field(None, alias="haushaltskonto", description="Produkt- oder Sachkonto")
    explanation: Markdown | None = Field(None, alias="erlaeuterung", description="Erläuterung (Markdown)")


class StaffingEffects(DataModel):
    """Personelle Auswirkungen."""

    has_effects: StrictBool | None = Field(
        None,
        alias="auswirkungen",
        description="true: die Vorlage hat personelle Auswirkungen (z. B. neue Stellen); false: sie hat keine",
    )
    explanation: Markdown | None = Field(None, alias="erlaeuterung", description="Erläuterung (Markdown)")


class AuxiliaryFile(StoredLocation, DataModel):
    """An Anlage (OParl File): a local file, a URL, a file of the Anlagen-Ablage, or none (then shown as missing)."""

    model_config = ConfigDict(json_schema_extra=SCHEMA_EXTRA)

    name: NonEmptyText = Field(alias="titel", description="Titel der Anlage, wie in der Vorlage genannt")
    path: AttachmentPath | None = Field(
        None, alias="datei", description="Pfad zur Datei, relativ zum Ordner `data/anlagen/`"
    )
    url: Url | None = Field(None, description="Adresse der Anlage im Netz (statt `datei`)")
    store: StoreDigest | None = digest_field()
    file_name: StoreFileName | None = file_name_field()
    size: Count | None = size_field()
    stated_size: str | None = Field(
        None, alias="groesse_laut_quelle", description="Größenangabe der Quelle, wenn die Datei fehlt"
    )
    note: str | None = Field(None, alias="hinweis", description="Hinweis zur Anlage, z. B. warum sie fehlt")

    @model_validator(mode="after")
    def _one_location(self) -> AuxiliaryFile:
        problem = location_problem(self)
        if problem:
            raise ValueError(problem)
        return self


class Paper(DataModel):
    """A Vorlage (OParl Paper)."""

    schema_ref: str | None = Field(None, alias="$schema", description=SCHEMA_LINE)
    reference: VisibleText | None = Field(
        None, alias="nummer", description="Vorlagen-Nr., z. B. `2018/33/0590`; leer lassen, wenn keine gedruckt ist"
    )
    name: NonEmptyText = Field(alias="betreff", description="Betreff der Vorlage, wie gedruckt")
    paper_type: NonEmptyText = Field(
        alias="art",
        description="Art der Vorlage, z. B. Beschlussvorlage; weitere Arten nennt die Körperschaft unter `vorlagenarten`",
    )
    body: Slug = Field(alias="koerperschaft", description="Schlüssel der Körperschaft")
    date: Date | None = Field(None, alias="datum", description="Datum der Vorlage, JJJJ-MM-TT")
    public: StrictBool = Field(
        True,
        alias="oeffentlich",
        description="true: die Vorlage ist öffentlich und erscheint auf der Website; "
        "false: nicht öffentlich, sie erscheint nirgends auf der Website",
    )
    file_number: VisibleText | None = Field(None, alias="aktenzeichen", description="Aktenzeichen, z. B. `32.5.1`")
    originators: list[Person] = Field(
        default_factory=list, alias="einreicher", description="Wer die Vorlage einreicht, z. B. „- name: Der Landrat“"
    )
    under_direction_of: str | None = Field(
        None, alias="federfuehrend", description="Federführendes Amt oder federführender Fachdienst"
    )
    clerk: str | None = Field(None, alias="bearbeiter", description="Bearbeiter/in")
    signature: Signature | None = Field(
        None, alias="unterzeichnung", description="Ort, Datum und Name unter der Vorlage"
    )
    consultations: list[Consultation] = Field(
        default_factory=list,
        alias="beratungsfolge",
        description="Die Gremien, die die Vorlage beraten, in zeitlicher Reihenfolge",
    )
    resolution_proposal: Markdown | None = Field(
        None, alias="beschlussvorschlag", description="Der Beschlussvorschlag (Markdown)"
    )
    reasoning: Markdown | None = Field(None, alias="sachverhalt", description="Sachverhalt / Begründung (Markdown)")
    remarks: Markdown | None = Field(
        None, alias="hinweise", description="Hinweise, z. B. dass Unterlagen nachgereicht werden (Markdown)"
    )
    financial_effects: FinancialEffects | None = Field(
        None, alias="finanzen", description="Finanzielle Auswirkungen"
    )
    staffing_effects: StaffingEffects | None = Field(None, alias="personal", description="Personelle Auswirkungen")
    auxiliary_files: list[AuxiliaryFile] = Field(default_factory=list, alias="anlagen", description="Anlagen der Vorlage")
    related_papers: list[NonEmptyVisibleText] = Field(
        default_factory=list, alias="bezuege", description="Vorlagen-Nummern derselben Körperschaft"
    )
    topics: list[Slug] = Field(default_factory=list, alias="themen", description="Schlüssel von Dossiers")


