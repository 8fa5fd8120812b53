"""The report's part on results: which rule took how many wordings, and what is left, grouped and paste-ready.

`mapping.result_fields` names the rule that decided each Beratung's wording; `ImportReport`
counts them here. What no rule maps is grouped by `result_wording.group_unmapped` (numbers,
case and punctuation folded) with three example Vorlagen per group, and the report ends with
the `ergebnis_zuordnung` block an editor pastes into the Körperschaft file
(`result_wording.render_mapping_block`). A pasted line maps its whole group
(`results.ResultTable.own`), so the block need not list every spelling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from buergerinfo.importers.result_wording import (
    DEFAULT_RESULT_WORDS,
    RULE_NOTES,
    group_unmapped,
    normalize_wording,
    render_mapping_block,
)

# German, for the report: what each rule of `mapping.result_fields` / `result_wording.read_result` did.
RULE_LABELS: dict[str, str] = {
    "zuordnung": "eigene Zuordnung (ergebnis_zuordnung), gleicher Wortlaut",
    "zuordnung_gruppe": "eigene Zuordnung (ergebnis_zuordnung), gleicher Wortlaut bis auf Zahlen und Zeichen",
    "zuordnung_leer": "eigene Zuordnung auf null (bewusst kein Ergebnis)",
    "beschlussart": "Wortlaut ist eine Beschlussart der Körperschaft",
    "adopted": "„beschlossen“ o. ä. im Wortlaut → beschlossen",
    "adopted_unchanged": "ungeändert beschlossen laut Wortlaut",
    "adopted_changed": "geändert beschlossen laut Wortlaut",
    "rejected": "abgelehnt laut Wortlaut",
    "negated_approval": "verneinte Zustimmung („nicht zugestimmt“) → abgelehnt",
    "noted": "zur Kenntnis genommen laut Wortlaut",
    "deferred": "vertagt/zurückgestellt laut Wortlaut",
    "referred": "verwiesen laut Wortlaut",
    "withdrawn": "zurückgezogen laut Wortlaut",
    "settled": "erledigt laut Wortlaut",
    "unanimous": "nur „einstimmig“, ohne Verb (ggf. mit Stimmenzahlen) → beschlossen, abgeleitet",
    "majority": "nur „mehrheitlich“ → beschlossen, abgeleitet",
    "counts": "nur Stimmenzahlen → Ja gegen Nein verglichen, abgeleitet",
    "tabelle": "Tabelle üblicher Wortlaute",
    "no_result": "sagt nichts („ohne“, „entfällt“, „(kein Text vorhanden)“): bewusst kein Ergebnis",
    "no_vote": "ohne Votum oder Abstimmung: bewusst kein Ergebnis",
}


@dataclass
class ResultCounts:
    """What the import did with the result wordings, counted once per Beratung."""

    rules: Counter[str] = field(default_factory=Counter)  # rule -> Beratungen
    wordings: dict[str, set[str]] = field(default_factory=dict)  # rule -> distinct wordings (normalized)
    derived: int = 0  # Beratungen written with `ergebnis_abgeleitet: true`
    unmapped: list[tuple[str, str]] = field(default_factory=list)  # (wording, Vorlage), one per Beratung
    result_words: Sequence[str] = DEFAULT_RESULT_WORDS  # the Körperschaft's vocabulary, for grouping and the block
    gremien: dict[str, str | Sequence[str]] = field(default_factory=dict)

    def rule(self, rule: str, wording: str, derived: bool) -> None:
        self.rules[rule] += 1
        self.wordings.setdefault(rule, set()).add(normalize_wording(wording))
        self.derived += derived

    @property
    def mapped(self) -> int:
        """Beratungen whose wording got a result (or deliberately none), by any rule."""
        return sum(self.rules.values())

    def lines(self, mapping_file: str, listed: int) -> list[str]:
        """The German section of the report; empty if no Beratung had a result wording."""
        total = self.mapped + len(self.unmapped)
        if not total:
            return []
        lines = ["", f"Ergebnisse: {total} Beratungen mit Wortlaut, {self.mapped} zugeordnet "
                     f"({_share(self.mapped, total)}), {len(self.unmapped)} ohne Zuordnung."]
        for rule, number in sorted(self.rules.items(), key=lambda item: (-item[1], item[0])):
            distinct = len(self.wordings.get(rule, ()))
            label = RULE_LABELS.get(rule, rule)
            lines.append(f"  {label}: {number} ({distinct} {'Wortlaut' if distinct == 1 else 'Wortlaute'})")
        if self.derived:
            lines.append(f"  davon nur abgeleitet (ergebnis_abgeleitet: true, bitte prüfen): {self.derived}")
        if not self.unmapped:
            return lines
        groups = group_unmapped(self.unmapped, self.gremien, self.result_words)
        lines += [
            "",
            f"Ergebnisse ohne Zuordnung ({len(groups)} Gruppen) – diese Beratungen stehen ohne Ergebnis in den Vorlagen "
            f"(der Wortlaut steht in `ergebnis_wortlaut`). Den Block unten in {mapping_file} einfügen, hinter jeden "
            "Wortlaut eine Beschlussart schreiben (oder null lassen) und den Import erneut aufrufen (er bemerkt die "
            "geänderte Zuordnung und gleicht dann alles ab). Eine Zeile gilt "
            "für alle Wortlaute ihrer Gruppe, die sich nur in Zahlen, Groß-/Kleinschreibung oder Satzzeichen "
            "unterscheiden:",
        ]
        for group in groups[:listed]:
            examples = ", ".join(group.examples) + (" …" if group.count > len(group.examples) else "")
            why = RULE_NOTES.get(group.rule, RULE_NOTES["no_rule"])
            lines.append(f"  „{group.wordings[0]}“ ({_times(group.count)}; z. B. {examples}): {why}")
        if len(groups) > listed:
            lines.append(f"  … und {len(groups) - listed} weitere Gruppen (alle im Block unten)")
        lines += ["", "Zum Einfügen in " + mapping_file + ":", ""]
        lines += render_mapping_block(groups, self.result_words).rstrip("\n").split("\n")
        return lines


def _times(number: int) -> str:
    return f"{number} {'Beratung' if number == 1 else 'Beratungen'}"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %".replace(".", ",")
