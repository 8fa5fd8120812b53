"""Sitzung (OParl Meeting): facts the Beratungsfolgen cannot give (time, place, name)."""

from __future__ import annotations

from pydantic import (
    Field,
    StrictBool,
    ValidationInfo,
    field_validator,
)

from buergerinfo.model.base import MEETING_OF_DAY_TEXT, DataModel, Date, Markdown, MeetingOfDay, Slug, Time

# --- Sitzung (OParl Meeting): extra facts; the meetings themselves come from the Beratungsfolgen ---


class MeetingFacts(DataModel):
    organization: Slug = Field(alias="gremium")
    date: Date = Field(alias="datum")
    meeting_of_day: MeetingOfDay | None = Field(None, alias="sitzung_am_tag", description=MEETING_OF_DAY_TEXT)
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

    @property
    def meeting_number(self) -> int:
        return self.meeting_of_day or 1

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


