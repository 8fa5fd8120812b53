"""Verb forms of council language that the Snowball stemmer does not join with their infinitive.

Snowball's German stemmer removes endings; it cannot see that "beschloss" and "beschlossen"
belong to "beschließen" (a change of vowel), and it keeps the "-t" of "genehmigt" and
"vertagt". A citizen searching for "beschließt" expects to find "beschlossen", so the
search index and the search page map the stems of the forms listed here onto the stem of
their infinitive.

Listed are verbs that decide what happens to a Vorlage or a measure, each with the forms a
Vorlage or Niederschrift prints (third person, past, participle; separable verbs only as
the participle, since "lehnt ... ab" is two words). Left out on purpose: verbs whose forms
fall together with other words once umlauts are folded ("geändert" and "andere",
"gefördert" and "gefordert", "verlängert" and "verlangt"), ones whose forms are common
nouns ("tagt" and "Tag", "schloss" and "Schloss", "stellt" and "Stelle"), and "geben",
which is in too many phrases to mean anything.
"""

from __future__ import annotations

from collections.abc import Callable

FORMS: dict[str, str] = {
    # strong and irregular verbs
    "beschließen": "beschließt beschloss beschlossen",
    "empfehlen": "empfiehlt empfahl empfohlen",
    "entscheiden": "entschied entschieden",
    "beraten": "beriet berieten",
    "nehmen": "nimmt nahm genommen",
    "übernehmen": "übernimmt übernahm übernommen",
    "vorschlagen": "vorgeschlagen",
    "zurückziehen": "zurückgezogen",
    "abschließen": "abgeschlossen",
    "aufheben": "aufgehoben",
    "verweisen": "verwiesen",
    "zurückverweisen": "zurückverwiesen",
    "überweisen": "überwiesen",
    "fortschreiben": "fortgeschrieben",
    "ausschreiben": "ausgeschrieben",
    "sprechen": "spricht sprach gesprochen",
    "aussprechen": "ausgesprochen",
    "erlassen": "erlässt erließ",
    "vergeben": "vergibt vergab",
    "beitreten": "beigetreten",
    "stattfinden": "stattgefunden",
    "einbringen": "eingebracht",
    "schaffen": "schafft geschaffen",
    "benennen": "benannt",
    "ernennen": "ernannt",
    # weak verbs: Snowball keeps the -t
    "vertagen": "vertagt",
    "genehmigen": "genehmigt",
    "ablehnen": "abgelehnt",
    "zustimmen": "zugestimmt",
    "beauftragen": "beauftragt",
    "erteilen": "erteilt",
    "bewilligen": "bewilligt",
    "festsetzen": "festgesetzt",
    "anpassen": "angepasst",
    "vorlegen": "vorgelegt",
    "erhöhen": "erhöht",
    "beantragen": "beantragt",
    "einrichten": "eingerichtet",
    "kündigen": "kündigt gekündigt",
    "wählen": "wählt gewählt",
    "bestellen": "bestellt",
    "zurückstellen": "zurückgestellt",
    "aussetzen": "ausgesetzt",
    "einsetzen": "eingesetzt",
    "umsetzen": "umgesetzt",
    "beteiligen": "beteiligt",
    "prüfen": "prüft geprüft",
    "planen": "plant geplant",
    "sanieren": "saniert",
    "finanzieren": "finanziert",
    "erweitern": "erweitert",
    "bauen": "baut gebaut",
    "einführen": "eingeführt",
    "durchführen": "durchgeführt",
    "erstellen": "erstellt",
    "unterstützen": "unterstützt",
    "informieren": "informiert",
    "entwickeln": "entwickelt",
    "fassen": "fasst gefasst",
}

# Participles are also adjectives: "die beschlossene Satzung", "des genehmigten Haushalts".
_ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")


def stem_aliases(stem: Callable[[str], str], forms: dict[str, str] = FORMS) -> dict[str, str]:
    """The stem of each listed form (and its adjective endings) -> the stem of its infinitive.

    Raises ValueError if two verbs claim one stem or an alias would lead to another alias.
    """
    aliases: dict[str, str] = {}
    for infinitive, listed in forms.items():
        target = stem(infinitive)
        for form in listed.split():
            for ending in _ADJECTIVE_ENDINGS:
                key = stem(form + ending)
                if key == target:
                    continue
                if aliases.get(key, target) != target:
                    raise ValueError(f"{form + ending!r}: stem {key!r} belongs to two verbs")
                aliases[key] = target
    chained = set(aliases) & set(aliases.values())
    if chained:
        raise ValueError(f"stems that are alias and target at once: {sorted(chained)}")
    return aliases
