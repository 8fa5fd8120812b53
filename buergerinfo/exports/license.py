"""The licence the open data is published under (configurable per site)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class License:
    title: str  # as people read it
    identifier: str  # short name, e.g. the SPDX identifier
    url: str  # the licence text


# The German federal open-data licence without any condition, as GovData recommends for public bodies.
DEFAULT_LICENSE = License(
    "Datenlizenz Deutschland – Zero – Version 2.0", "DL-DE-ZERO-2.0", "https://www.govdata.de/dl-de/zero-2-0"
)
