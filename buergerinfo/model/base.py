"""What every data class shares: field types, patterns and validators, the base class.

The field types (Slug, Label, Date, Markdown …) carry their JSON Schema patterns, so the schema
that gives editors autocompletion and the validation at build time are the same rules.
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
    StrictInt,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from buergerinfo.reading.characters import INVISIBLE_CHARACTERS_JSON, invisible_character_problem
from buergerinfo.reading.limits import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAX_KEY_CHARS,
    MAX_MARKDOWN_NESTING,
    MAX_MEETINGS_PER_DAY,
)

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

# Which Sitzung of a Gremium on its day (1 when it is the only one): Beratung and data/sitzungen/ say it alike.
MeetingOfDay = Annotated[StrictInt, Field(ge=1, le=MAX_MEETINGS_PER_DAY)]
MEETING_OF_DAY_TEXT = (
    "Die wievielte Sitzung dieses Gremiums an diesem Tag: weglassen (oder 1) für die erste, 2 für eine zweite "
    "Sitzung am selben Tag, z. B. eine Sondersitzung oder den Nachmittagsteil; die Seite der ersten Sitzung behält "
    "ihre Adresse"
)

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
# "erledigt": the matter was settled without a decision on it (by another resolution, by time, because
# it became moot: „erledigt“, „gegenstandslos“ in real council systems).
RESULT_FAMILIES: tuple[str, ...] = (
    "beschlossen", "abgelehnt", "zur Kenntnis genommen", "vertagt", "verwiesen", "zurückgezogen", "erledigt"
)
ResultFamily = Literal[
    "beschlossen", "abgelehnt", "zur Kenntnis genommen", "vertagt", "verwiesen", "zurückgezogen", "erledigt"
]


class DataModel(BaseModel):
    # Unknown keys are errors: a typo such as `betref` must not silently drop a field.
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=False)


