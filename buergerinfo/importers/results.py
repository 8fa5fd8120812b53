"""From the free text of OParl's AgendaItem.result and Consultation.role to the site's vocabulary.

Council systems write results as free text ("Geändert beschlossen", "einstimmig
beschlossen", "Kenntnis genommen"). The table below maps the common wordings; a
Körperschaft extends or overrides it with `ergebnis_zuordnung` in its file in
data/koerperschaften/ (a wording mapped to nothing is left without a result on
purpose and no longer listed). A wording found nowhere is never guessed: the
Beratung is written without a result and the wording is listed in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from buergerinfo.model.base import CONSULTATION_ROLES
from buergerinfo.model.vocabulary import Vocabulary


@dataclass(frozen=True)
class ResultMatch:
    result: str | None  # a word of the Körperschaft's vocabulary, or None (deliberately no result)
    unanimous: bool = False  # the wording itself says "einstimmig"


def normalize_wording(text: str) -> str:
    """Case, spacing and trailing punctuation do not make another wording."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".!;,").strip().casefold()


# Common wordings of German council systems -> the default vocabulary (buergerinfo/model/vocabulary.py).
DEFAULT_RESULT_TABLE: dict[str, str] = {
    "ungeändert beschlossen": "ungeändert beschlossen",
    "unverändert beschlossen": "ungeändert beschlossen",
    "ohne änderungen beschlossen": "ungeändert beschlossen",
    "beschlossen ohne änderungen": "ungeändert beschlossen",
    "wie vorgeschlagen beschlossen": "ungeändert beschlossen",
    "geändert beschlossen": "geändert beschlossen",
    "mit änderungen beschlossen": "geändert beschlossen",
    "beschlossen mit änderungen": "geändert beschlossen",
    "mit änderung beschlossen": "geändert beschlossen",
    "beschlossen": "beschlossen",
    "angenommen": "beschlossen",
    "abgelehnt": "abgelehnt",
    "zur kenntnis genommen": "zur Kenntnis genommen",
    "kenntnis genommen": "zur Kenntnis genommen",
    "zur kenntnis": "zur Kenntnis genommen",
    "kenntnisnahme": "zur Kenntnis genommen",
    "vertagt": "vertagt",
    "verwiesen": "verwiesen",
    "überwiesen": "verwiesen",
    "zurückverwiesen": "verwiesen",
    "zurückgezogen": "zurückgezogen",
}

_UNANIMOUS = re.compile(r"^einstimmig\s+(.+)$|^(.+?),?\s+einstimmig$")


class ResultTable:
    """The default table, the Körperschaft's vocabulary and its own `ergebnis_zuordnung`, in that order of priority (last wins)."""

    def __init__(self, vocabulary: Vocabulary, own: dict[str, str | None] | None = None) -> None:
        self._table: dict[str, str | None] = {}
        for wording, result in DEFAULT_RESULT_TABLE.items():
            if vocabulary.result(result) is not None:
                self._table[wording] = result
        for label in vocabulary.result_kinds:
            self._table[normalize_wording(label)] = label
        for wording, result in (own or {}).items():
            self._table[normalize_wording(wording)] = result

    def match(self, text: str) -> ResultMatch | None:
        """The vocabulary word for `text`, or None if the table does not know the wording."""
        key = normalize_wording(text)
        if key in self._table:
            return ResultMatch(self._table[key])
        unanimous = _UNANIMOUS.match(key)
        if unanimous:
            rest = unanimous.group(1) or unanimous.group(2)
            result = self._table.get(rest)
            if result is not None:
                return ResultMatch(result, unanimous=True)
        return None


# Consultation.role as council systems write it -> the roles of a Beratung.
ROLE_TABLE: dict[str, str] = {
    "vorberatung": "Vorberatung",
    "vorberatend": "Vorberatung",
    "beratung": "Beratung",
    "beratend": "Beratung",
    "entscheidung": "Entscheidung",
    "beschlussfassung": "Entscheidung",
    "beschluss": "Entscheidung",
    "endgültige entscheidung": "Entscheidung",
    "entscheidend": "Entscheidung",
    "kenntnisnahme": "Kenntnisnahme",
    "zur kenntnisnahme": "Kenntnisnahme",
    "zur kenntnis": "Kenntnisnahme",
    "anhörung": "Anhörung",
}
assert set(ROLE_TABLE.values()) <= set(CONSULTATION_ROLES)


def match_role(text: str) -> str | None:
    return ROLE_TABLE.get(normalize_wording(text))
