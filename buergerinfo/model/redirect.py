"""Weiterleitungen: old addresses of renamed Vorlagen and where they lead."""

from __future__ import annotations

from pydantic import (
    Field,
)

from buergerinfo.model.base import SCHEMA_LINE, DataModel, Date

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
