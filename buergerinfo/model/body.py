"""Körperschaft (OParl Body) with its Gremien (OParl Organization) and its own result words."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    StrictBool,
    field_validator,
)

from buergerinfo.model.base import (
    BadgeColour,
    DataModel,
    Label,
    Markdown,
    NonEmptyText,
    ResultFamily,
    Slug,
    Url,
    VisibleText,
)
from buergerinfo.reading.limits import MAX_PATTERN_CHARS
from buergerinfo.reading.patterns import pattern_problem

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
        # Compiled by RE2, the engine that matches the numbers (buergerinfo/reading/patterns.py), not by Python's re.
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


