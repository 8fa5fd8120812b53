"""The browser's German stemmer must give the stems the Python search index was built with.

A query word that stems differently in the browser than in PyStemmer silently finds
nothing, so the JavaScript port is checked word by word against PyStemmer: on every
word of the sample data and the seeds, on a synthetic archive, and on words chosen
for the algorithm's corner cases.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import Stemmer

from synthetic import generate

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "overrides" / "assets" / "javascripts" / "stemmer-de.js"
SEEDS = REPO.parent / "shared" / "seeds"  # beside the project, as on CI
WORD = re.compile(r"[a-zäöüß]+")

# Each group aims at one rule of the Snowball German algorithm.
TRICKY = [
    # plurals, genitives, datives (step 1)
    "häuser",
    "hauses",
    "kindern",
    "kinder",
    "beschlüsse",
    "beschlusses",
    "anträge",
    "antrags",
    "ausschüsse",
    "gremien",
    "sitzungen",
    "armes",
    "äckern",
    "ackers",
    # ß and its ss spelling must meet
    "beschließt",
    "beschliesst",
    "straße",
    "strasse",
    "größe",
    "grosse",
    "fuß",
    "füße",
    "maß",
    # ae/oe/ue spellings of umlauts, but not after q, and not where u is a consonant
    "haeuser",
    "schoen",
    "muenster",
    "quelle",
    "bequem",
    "aue",
    "poesie",
    "israel",
    "oeffentlich",
    # u and y between vowels act as consonants
    "bauer",
    "feuer",
    "treue",
    "kayak",
    "bayern",
    "mauer",
    "steuer",
    "neuen",
    "frauen",
    "boykott",
    # -niss
    "kenntnisse",
    "kenntnissen",
    "ergebnisse",
    "ergebnissen",
    "bedürfnissen",
    "zeugnis",
    # -ern/-em/-er/-en/-es/-e/-s and -st/-est
    "wandern",
    "anderem",
    "system",
    "systeme",
    "ökosystem",
    "lehrerin",
    "lehrerinnen",
    "bürgerin",
    "schnellsten",
    "derbsten",
    "derbst",
    "größten",
    "neuesten",
    "test",
    "fest",
    "fensters",
    "haus",
    # -et after a valid ending, and the words where it belongs to the stem
    "arbeitet",
    "beantragt",
    "gemeldet",
    "verabschiedet",
    "tätet",
    "planet",
    "ticket",
    "internet",
    "untergeordnet",
    "geordnet",
    "gebet",
    "paket",
    "bauet",
    "eintret",
    # -ln/-lns
    "wechseln",
    "wechselns",
    "sammeln",
    "regeln",
    "mitteln",
    # derivational suffixes (step 3)
    "zeitung",
    "beteiligung",
    "freiheit",
    "gesundheit",
    "möglichkeit",
    "sauberkeit",
    "herrlichkeit",
    "fähigkeiten",
    "ewigkeit",
    "freundlich",
    "ärgerlich",
    "wissenschaftlich",
    "kritisch",
    "politische",
    "richtig",
    "feierlich",
    "häufig",
    "heutigen",
    "zwanzig",
    "katholik",
    "spielende",
    "erledigung",
    "vereinigung",
    # short words and region edges
    "a",
    "ab",
    "im",
    "zu",
    "es",
    "eu",
    "ei",
    "see",
    "aus",
    "ers",
    "kat",
    "der",
    "die",
    "das",
    # long compounds and inflections
    "aufeinanderfolgenden",
    "integrationskonzepte",
    "haushaltssatzung",
    "kreistagsabgeordneten",
    "verwaltungsausschusses",
    "bürgerinformationssystem",
    "einwohnerfragestunde",
]


def words_of(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def collect_words(synthetic_root: Path) -> list[str]:
    words: set[str] = set(TRICKY)
    for path in (REPO / "data").rglob("*"):
        if path.is_file():
            words |= words_of(path.read_text(encoding="utf-8"))
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds, f"no seed texts in {SEEDS}"
    for path in seeds:
        words |= words_of(path.read_text(encoding="utf-8"))
    for path in (synthetic_root / "data").rglob("*.y*ml"):
        words |= words_of(path.read_text(encoding="utf-8"))
    return sorted(words)


def test_tricky_list_is_large_enough():
    assert len(set(TRICKY)) >= 60


def test_js_stemmer_matches_pystemmer(browser, tmp_path):
    generate(tmp_path, 300)
    words = collect_words(tmp_path)
    assert len(words) > 1000, "the word list is suspiciously small"
    expected = Stemmer.Stemmer("german").stemWords(words)

    page = browser.new_page()
    try:
        page.set_content("<html></html>")
        page.add_script_tag(path=str(SCRIPT))
        got = page.evaluate("words => words.map(w => window.BuergerinfoSuche.stem(w))", words)
        upper = page.evaluate("w => window.BuergerinfoSuche.stem(w)", "Beschlüsse")
    finally:
        page.close()

    mismatches = [(w, e, g) for w, e, g in zip(words, expected, got) if e != g]
    assert not mismatches, (
        f"{len(mismatches)} of {len(words)} stems differ from PyStemmer (word, expected, got): {mismatches[:20]}"
    )
    # Callers lowercase, but a capitalised noun must not slip through unstemmed.
    assert upper == Stemmer.Stemmer("german").stemWord("beschlüsse")
