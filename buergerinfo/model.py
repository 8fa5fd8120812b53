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
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .characters import INVISIBLE_CHARACTERS_JSON, invisible_character_problem
from .limits import EARLIEST_YEAR, LATEST_YEAR, MAX_KEY_CHARS, MAX_MARKDOWN_NESTING, MAX_PATTERN_CHARS
from .patterns import pattern_problem

# A slug names a file or an entry in URLs that must stay stable for years.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_KEY_CHARS)]
# A line that opens more than MAX_MARKDOWN_NESTING lists or quotes, as the JSON Schema says it ...
_TOO_MANY_MARKERS = r"[ \t]*(?:>[ \t]*|[*+-][ \t]+|[0-9]{1,9}[.)][ \t]+)" f"{{{MAX_MARKDOWN_NESTING + 1}}}"
MARKDOWN_TOO_DEEP = r"(?:^|\n)" + _TOO_MANY_MARKERS
# ... and as the check finds it: a pattern that begins with a literal line break is searched several times
# faster by Python's re, which matters for 100,000 Vorlagen; the first line is matched on its own.
_FIRST_LINE_TOO_DEEP = re.compile(_TOO_MANY_MARKERS)
_LATER_LINE_TOO_DEEP = re.compile("\n" + _TOO_MANY_MARKERS)


def _shallow_markdown(value: str) -> str:
    match = _FIRST_LINE_TOO_DEEP.match(value) or _LATER_LINE_TOO_DEEP.search(value)
    if match:
        line = value.count("\n", 0, match.end() - 1) + 1
        raise ValueError(
            f"die {line}. Zeile des Textes öffnet mehr als {MAX_MARKDOWN_NESTING} Listen oder Zitate („- “, „1. “, "
            "„>“) ineinander; so tief verschachtelt lässt sich der Text nicht darstellen – bitte flacher gliedern"
        )
    return value


Markdown = Annotated[
    str,
    AfterValidator(_shallow_markdown),
    Field(
        description="Text in Markdown; HTML wird nicht übernommen.",
        json_schema_extra={"not": {"pattern": MARKDOWN_TOO_DEEP}},
    ),
]


def _visible(value: str) -> str:
    problem = invisible_character_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# Numbers and identifiers (Vorlagen-Nr., Aktenzeichen, TOP): no invisible or bidi control characters,
# which would make `0042/2019` and `0042/2019` two different Vorlagen. The schema's pattern says the same.
VisibleText = Annotated[
    str, AfterValidator(_visible), Field(json_schema_extra={"pattern": f"^[^{INVISIBLE_CHARACTERS_JSON}]*$"})
]
NonEmptyVisibleText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_visible),
    Field(
        json_schema_extra={
            "pattern": f"^[^{INVISIBLE_CHARACTERS_JSON}]*[^\\s{INVISIBLE_CHARACTERS_JSON}][^{INVISIBLE_CHARACTERS_JSON}]*$"
        }
    ),
]

# A word that becomes part of a page address (a Vorlagenart or Beschlussart in the lists'
# filters): short enough for a file name, with at least one letter or digit to name it by.
LABEL_NAMING_CHARACTERS = "0-9A-Za-zÄÖÜäöüß"


def _nameable(value: str) -> str:
    if not re.search(f"[{LABEL_NAMING_CHARACTERS}]", value):
        raise ValueError(f"„{value}“ braucht mindestens einen Buchstaben oder eine Ziffer (es wird Teil von Adressen)")
    return value


Label = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_KEY_CHARS),
    AfterValidator(_nameable),
    Field(json_schema_extra={"pattern": f"[{LABEL_NAMING_CHARACTERS}]"}),
]

# Counts are integers and nothing else: YAML reads `ja: yes` as true and `"12"` stays text;
# neither is a number of votes. Yes/no fields take true and false only, not 1 or "ja".
Count = Annotated[StrictInt, Field(ge=0)]

# How a day is written (ASCII digits only) and which years a council paper can have.
ISO_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SCHEMA_LINE = "Verweis auf das JSON-Schema; die Zeile „# yaml-language-server: $schema=…“ oben genügt."
# The same as the JSON Schema pattern: years EARLIEST_YEAR..LATEST_YEAR (tests/test_schema.py checks both agree).
DATE_PATTERN_IN_RANGE = r"^(?:19(?:4[6-9]|[5-9][0-9])|20[0-9]{2})-[0-9]{2}-[0-9]{2}$"

# A time of day, 00:00 to 23:59 (ASCII digits: `\d` would take other scripts' digits too).
CLOCK_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"

# A web address that every export can use as it is: http(s), a host, no spaces, quotes or angle brackets.
URL_PATTERN = r'^https?://[A-Za-z0-9][^\s/?#<>"\[\]\\]*(?:[/?#][^\s<>"\\]*)?$'
MAX_URL_CHARS = 2000


def _iso_date_text(value: object) -> object:
    # Pydantic alone would also take `1557705600` (seconds since 1970) or `2019-05-13T10:00`;
    # the data files and their JSON Schema know one way to write a day.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(ISO_DATE_PATTERN, value):
        return value
    raise PydanticCustomError("date_format", "Datum im Format JJJJ-MM-TT erwartet")


def _plausible_year(value: dt.date) -> dt.date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(
            f"das Jahr {value.year:04d} ist für Ratsunterlagen nicht möglich (erlaubt: {EARLIEST_YEAR} bis "
            f"{LATEST_YEAR}) – Tippfehler in der Jahreszahl?"
        )
    return value


# A day, written JJJJ-MM-TT.
Date = Annotated[dt.date, BeforeValidator(_iso_date_text), AfterValidator(_plausible_year)]
Time = Annotated[str, StringConstraints(pattern=CLOCK_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=MAX_URL_CHARS)]
# A file below anlagen/: its path becomes a link, in which `#`, `?` and `%` would end or change the address.
ATTACHMENT_PATH_PATTERN = r"^[^#?%\\]*$"
AttachmentPath = Annotated[str, StringConstraints(pattern=ATTACHMENT_PATH_PATTERN)]

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

    label: Label = Field(alias="bezeichnung", description="Wortlaut, wie er in `ergebnis` steht.")
    colour: BadgeColour = Field(alias="farbe", description="Farbklasse des Badges.")
    final: StrictBool = Field(
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


# How a Körperschaft files its Vorlagen: one folder, or one folder per year (GitHub lists 1,000 entries).
Filing = Literal["ordner", "jahresordner"]
YEAR_FOLDER_PATTERN = r"^\d{4}$"


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
    website: Url | None = Field(None, description="Adresse der eigenen Website")
    reference_pattern: str | None = Field(
        None,
        alias="nummernformat",
        description="Regulärer Ausdruck für Vorlagen-Nummern, z. B. `^\\d{4}/\\d{4}$`.",
        # For editors: the schema knows ECMAScript's regular expressions; the check also refuses what RE2 cannot run.
        json_schema_extra={"format": "regex", "maxLength": MAX_PATTERN_CHARS},
    )
    reference_example: VisibleText | None = Field(None, alias="nummernbeispiel")
    filing: Filing = Field(
        "ordner",
        alias="ablage",
        description="Wo die Vorlagen liegen: `ordner` – alle in data/vorlagen/<körperschaft>/; `jahresordner` – "
        "je Jahr ein Unterordner, data/vorlagen/<körperschaft>/<jahr>/ (für große Archive). "
        "Die Adressen der Seiten bleiben dieselben.",
    )
    organizations: list[Organization] = Field(alias="gremien", min_length=1)
    extra_result_kinds: list[ResultKind] = Field(
        default_factory=list,
        alias="beschlussarten",
        description="Ergänzt das Vokabular der Ergebnisse um Beschlussarten dieser Körperschaft.",
    )
    extra_paper_types: list[Label] = Field(
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
        # Compiled by RE2, the engine that matches the numbers (buergerinfo/patterns.py), not by Python's re.
        problem = pattern_problem(value) if value is not None else None
        if problem:
            raise ValueError(problem)
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

    organization: Slug = Field(alias="gremium", description="Schlüssel des Gremiums der Körperschaft")
    date: Date = Field(alias="datum", description="Sitzungstag, JJJJ-MM-TT")
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
    vote: VoteCount | None = Field(
        None, alias="abstimmung", description="Stimmen, wenn bekannt: ja/nein/enthaltung oder einstimmig: true"
    )
    note: str | None = Field(None, alias="bemerkung", description="Anmerkung zur Beratung, z. B. woher das Ergebnis stammt")


class Person(DataModel):
    name: NonEmptyText = Field(description="Name oder Amtsbezeichnung, z. B. „Der Landrat“")
    role: str | None = Field(None, alias="funktion", description="Funktion, z. B. „Fachbereichsleiterin 3“")


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


class AuxiliaryFile(DataModel):
    """An Anlage (OParl File). Either a local file, a URL, or neither: then it is shown as missing."""

    name: NonEmptyText = Field(alias="titel", description="Titel der Anlage, wie in der Vorlage genannt")
    path: AttachmentPath | None = Field(
        None, alias="datei", description="Pfad zur Datei, relativ zum Ordner `data/anlagen/`"
    )
    url: Url | None = Field(None, description="Adresse der Anlage im Netz (statt `datei`)")
    stated_size: str | None = Field(
        None, alias="groesse_laut_quelle", description="Größenangabe der Quelle, wenn die Datei fehlt"
    )
    note: str | None = Field(None, alias="hinweis", description="Hinweis zur Anlage, z. B. warum sie fehlt")

    @model_validator(mode="after")
    def _one_location(self) -> AuxiliaryFile:
        if self.path and self.url:
            raise ValueError("entweder `datei` oder `url` angeben, nicht beides")
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


# --- Sitzung (OParl Meeting): extra facts; the meetings themselves come from the Beratungsfolgen ---


class MeetingFacts(DataModel):
    organization: Slug = Field(alias="gremium")
    date: Date = Field(alias="datum")
    name: str | None = None
    start: Time | None = Field(None, alias="beginn", description="Uhrzeit des Beginns, z. B. 15:00")
    end: Time | None = Field(
        None, alias="ende", description="Uhrzeit des Endes, z. B. 18:30; nur zusammen mit `beginn` und nach ihm"
    )
    location: str | None = Field(None, alias="ort")
    public: StrictBool | None = Field(
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
    paper: VisibleText | None = Field(None, alias="vorlage", description="Vorlagen-Nr.")


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
    paper: VisibleText | None = Field(None, alias="vorlage", description="Vorlagen-Nr., die die Maßnahme trägt")


class KeyFigure(DataModel):
    label: NonEmptyText = Field(alias="bezeichnung")
    value: NonEmptyText = Field(alias="wert")


class ParticipantGroup(DataModel):
    name: NonEmptyText = Field(alias="gruppe")
    members: list[NonEmptyText] = Field(alias="mitglieder")


class DossierDocument(DataModel):
    name: NonEmptyText = Field(alias="titel")
    description: Markdown | None = Field(None, alias="beschreibung")
    path: AttachmentPath | None = Field(None, alias="datei")
    url: Url | None = None
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


# --- Weiterleitungen: old addresses of renamed Vorlagen -------------------------------

# The address of a Vorlage page: vorlagen/<körperschaft>/<datei>/ (see archive.paper_address).
PAPER_ADDRESS_PATTERN = r"^vorlagen/[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*/$"


class Redirect(DataModel):
    """An old address that leads to the new one, so links to a renamed Vorlage keep working."""

    old: str = Field(
        alias="von",
        pattern=PAPER_ADDRESS_PATTERN,
        description="Alte Adresse der Vorlage, z. B. `vorlagen/landkreis-wittmund/0042-2019/`",
    )
    new: str = Field(
        alias="nach",
        pattern=PAPER_ADDRESS_PATTERN,
        description="Neue Adresse, z. B. `vorlagen/landkreis-wittmund/0043-2019/`",
    )
    since: Date | None = Field(None, alias="seit", description="Tag der Umbenennung, JJJJ-MM-TT")


class RedirectsFile(DataModel):
    schema_ref: str | None = Field(None, alias="$schema", description=SCHEMA_LINE)
    redirects: list[Redirect] = Field(
        default_factory=list, alias="weiterleitungen", description="Alte Adressen und wohin sie führen"
    )
