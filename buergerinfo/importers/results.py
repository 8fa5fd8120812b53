"""From the free text of OParl's AgendaItem.result and Consultation.role to the site's vocabulary.

Council systems write results as free text ("Geändert beschlossen", "einstimmig
beschlossen", "Kenntnis genommen"). The table below maps the common wordings; a
Körperschaft extends or overrides it with `ergebnis_zuordnung` in its file in
data/koerperschaften/ (a wording mapped to nothing is left without a result on
purpose and no longer listed). A wording found nowhere is never guessed: the
Beratung is written without a result and the wording is listed in the report.

An `ergebnis_zuordnung` key also maps the wordings that differ from it only in numbers,
case and punctuation (`result_wording.group_key`): the import report groups unmapped
wordings that way and its paste-ready block lists only some spellings of a group, so one
pasted line must map the whole group ("13 Ja-Stimmen …" and "11 Ja-Stimmen …"). Where two
pasted keys of one group say different things, the group key maps nothing (the exact
wordings still do): an editor's distinction is never overruled.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from buergerinfo.model.base import CONSULTATION_ROLES
from buergerinfo.model.vocabulary import Vocabulary
from buergerinfo.importers.result_wording import group_key, normalize_wording

__all__ = ["DEFAULT_RESULT_TABLE", "ROLE_TABLE", "ResultMatch", "ResultTable", "match_role", "normalize_wording",
           "role_key", "role_says_nothing"]

_AMBIGUOUS = object()  # a group key whose pasted wordings map to different results


@dataclass(frozen=True)
class ResultMatch:
    result: str | None  # a word of the Körperschaft's vocabulary, or None (deliberately no result)
    unanimous: bool = False  # the wording itself says "einstimmig"
    by_group: bool = False  # matched an `ergebnis_zuordnung` key only by its group key (numbers folded)


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

    def __init__(
        self,
        vocabulary: Vocabulary,
        own: dict[str, str | None] | None = None,
        gremien: Mapping[str, str | Sequence[str]] | None = None,
    ) -> None:
        self.result_words: tuple[str, ...] = tuple(vocabulary.result_kinds)
        self.gremien: dict[str, str | Sequence[str]] = dict(gremien or {})  # key -> name(s), for "verwiesen an …"
        self._table: dict[str, str | None] = {}
        for wording, result in DEFAULT_RESULT_TABLE.items():
            if vocabulary.result(result) is not None:
                self._table[wording] = result
        self._words = {normalize_wording(label): label for label in self.result_words}
        self._table.update(self._words)
        self._own: dict[str, str | None] = {}
        self._own_groups: dict[str, object] = {}
        for wording, result in (own or {}).items():
            self._own[normalize_wording(wording)] = result
            group = group_key(wording)
            if self._own_groups.get(group, result) != result:
                result = _AMBIGUOUS
            self._own_groups[group] = result
        self._table.update(self._own)

    def own(self, text: str) -> ResultMatch | None:
        """The Körperschaft's own `ergebnis_zuordnung` for `text`: the wording itself, else its group key."""
        key = normalize_wording(text)
        if key in self._own:
            return ResultMatch(self._own[key])
        result = self._own_groups.get(group_key(text), _AMBIGUOUS)
        if result is _AMBIGUOUS:
            return None
        return ResultMatch(result, by_group=True)  # type: ignore[arg-type]

    def word(self, text: str) -> str | None:
        """`text` if it is, spelling aside, a word of the Körperschaft's vocabulary (its own Beschlussarten too)."""
        return self._words.get(normalize_wording(text))

    def match(self, text: str) -> ResultMatch | None:
        """The vocabulary word for `text`, or None if the table does not know the wording."""
        own = self.own(text)
        if own is not None:
            return own
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


# Role wordings that say nothing (SessionNet's "unbekannt"): no role, as if the server had sent none.
NO_ROLE_WORDINGS = frozenset(("unbekannt", "keine", "keine angabe", "keine angaben", "ohne", "n a", "k a",
                              "sonstige", "sonstiges", "nicht bekannt", "nicht angegeben"))

# Words inside longer role wordings ("Beratung und Beschlussfassung", "Behandlung im Ausschuss",
# "Vorberatung/Empfehlung"), per role. A wording whose words point at two roles is not mapped, except
# that deciding wins over plain Beratung: a Gremium that discusses and decides, decides.
_ROLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Entscheidung", re.compile(r"\b(?:beschlussfassung|beschluss|entscheidung|entscheidet|entscheidend|"
                                r"abschließend|abschließende)\b")),
    ("Vorberatung", re.compile(r"\b(?:vorberatung|vorberatend|vorberaten|empfehlung|beschlussempfehlung|"
                               r"empfehlend)\b")),
    ("Kenntnisnahme", re.compile(r"\b(?:kenntnisnahme|kenntnis|information|zur information|mitteilung)\b")),
    ("Anhörung", re.compile(r"\b(?:anhörung|stellungnahme|beteiligung)\b")),
    ("Beratung", re.compile(r"\b(?:beratung|beratend|behandlung|erörterung)\b")),
)


def role_key(text: str) -> str:
    """Case, punctuation and spacing folded: how role wordings are compared and grouped in the report."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def role_says_nothing(text: str) -> bool:
    return role_key(text) in NO_ROLE_WORDINGS or not role_key(text)


def match_role(text: str) -> str | None:
    """The role of a Beratung for a Consultation.role wording; None if it is not clear (never guessed)."""
    exact = ROLE_TABLE.get(normalize_wording(text)) or ROLE_TABLE.get(role_key(text))
    if exact:
        return exact
    key = role_key(text)
    found = {role for role, pattern in _ROLE_WORDS if pattern.search(key)}
    if len(found) == 2 and "Beratung" in found and "Entscheidung" in found:
        return "Entscheidung"
    return found.pop() if len(found) == 1 else None
