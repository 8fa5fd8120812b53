"""Words to index terms: German stems (Snowball), stop words, and Vorlagen-Nummern kept whole.

The search page stems the visitor's query with the same Snowball algorithm and the same verb-form
map (overrides/assets/javascripts/stemmer-de.js), so index and query agree on every term.
"""

from __future__ import annotations

import re
from collections import Counter

import Stemmer

from buergerinfo.search.verb_forms import stem_aliases

# A short fixed list: words that carry no meaning for a search in council documents.
STOP_WORDS = frozenset(
    """
    aber als am an auch auf aus bei bis das dass dem den der des die dies diese dieser dieses durch ein eine
    einem einen einer eines es für hat im in ist mit nach nicht noch oder sich sie sind so über um und vom von
    vor wie wird wurde wurden werden zu zum zur
    """.split()
)

WORD = re.compile(r"[0-9a-zäöüß]+")
# A Vorlagen-Nr. in running text: parts joined by slashes, with a digit somewhere ("0042/2019", "vo/2019/0042").
# The look-behind gives the same matches but keeps the engine from retrying at every letter of every
# word: three times faster on council texts.
NUMBER_IN_TEXT = re.compile(r"(?<![0-9a-zäöüß])[0-9a-zäöüß]+(?:/[0-9a-zäöüß]+)+")
NUMBER_PREFIX = "_"


def number_token(reference: str) -> str | None:
    """The whole Vorlagen-Nr. as one token: `2018/33/0590` -> `_2018-33-0590`; None without a digit."""
    parts = WORD.findall(reference.lower())
    if len(parts) < 2 or not any(ch.isdigit() for ch in reference):
        return None
    return NUMBER_PREFIX + "-".join(parts)


class Analyzer:
    """Words to stems: lowercase, German stop words dropped, numbers kept, each distinct word stemmed once.

    Stems of listed verb forms are mapped onto their infinitive's stem (buergerinfo.search.verb_forms);
    the manifest carries the same map to the search page.
    """

    def __init__(self) -> None:
        self._stemmer = Stemmer.Stemmer("german")
        self.stem_aliases = stem_aliases(self._stemmer.stemWord)
        self._cache: dict[str, str] = {}

    def stem(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            stem = word if word.isdigit() else self._stemmer.stemWord(word)
            stem = self.stem_aliases.get(stem, stem)
            self._cache[word] = stem
        return stem

    def words(self, text: str) -> list[str]:
        return [w for w in WORD.findall(text.lower()) if w not in STOP_WORDS]

    def terms(self, text: str) -> list[str]:
        """The index terms of a text: the stems of its words and every Vorlagen-Nr. in it as a whole."""
        lowered = text.lower()
        return [self.stem(w) for w in WORD.findall(lowered) if w not in STOP_WORDS] + self._numbers(lowered)

    def term_counts(self, text: str) -> Counter[str]:
        """How often each of `terms(text)` occurs; each distinct word is looked at once."""
        lowered = text.lower()
        counts: Counter[str] = Counter()
        for word, count in Counter(WORD.findall(lowered)).items():
            if word not in STOP_WORDS:
                counts[self.stem(word)] += count
        counts.update(self._numbers(lowered))
        return counts

    @staticmethod
    def _numbers(lowered: str) -> list[str]:
        """Every Vorlagen-Nr. in a lowercased text, as one token each."""
        if "/" not in lowered:  # a Vorlagen-Nr. in text has one
            return []
        return [token for token in map(number_token, NUMBER_IN_TEXT.findall(lowered)) if token]
