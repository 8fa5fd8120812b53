"""Topic dossiers (no OParl type): the story, Handlungsfelder and measures of a topic such as an Integrationskonzept."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from buergerinfo.model.base import (
    AttachmentPath,
    Count,
    DataModel,
    Date,
    Markdown,
    NonEmptyText,
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


class DossierDocument(StoredLocation, DataModel):
    model_config = ConfigDict(json_schema_extra=SCHEMA_EXTRA)

    name: NonEmptyText = Field(alias="titel")
    description: Markdown | None = Field(None, alias="beschreibung")
    path: AttachmentPath | None = Field(None, alias="datei")
    url: Url | None = None
    store: StoreDigest | None = digest_field()
    file_name: StoreFileName | None = file_name_field()
    size: Count | None = size_field()
    organization: Slug | None = Field(None, alias="gremium", description="Gremium, in dem es vorgestellt wurde")
    date: Date | None = Field(None, alias="datum")

    @model_validator(mode="after")
    def _one_location(self) -> DossierDocument:
        problem = location_problem(self)
        if problem:
            raise ValueError(problem)
        return self


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


