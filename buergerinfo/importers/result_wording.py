"""Read what a council system's free-text result (OParl AgendaItem.result) says, without guessing.

`results.ResultTable` knows whole wordings. Real servers write many more: vote counts in every
spelling ("11 Ja-Stimmen, 1 Nein-Stimme, 0 Enthaltungen", "Ja: 22, Nein: 3", "J: 12 N: 0 E: 1"),
glued vendor fields ("einstimmig12 Ja-Stimmen, ..."), verbs with modifiers ("Zugestimmt zu
geändertem Beschlusstext"), negations ("nicht zugestimmt") and wordings that say nothing on
purpose ("ohne", "(kein Text vorhanden)"). `read_result` reads one wording into a
`ResultReading`: a family of the site, the vocabulary word to write as `ergebnis`, the votes,
and the name of the rule that decided, for the import report.

The principles: a wording the rules do not fully explain stays unmapped (`result_word` None,
`no_result` False) and goes to the report, grouped by `group_key`; two families in one wording,
counts that contradict the verb, numbers that are not counts next to counts, a negated verb
other than an approval: all unmapped. A family inferred only from counts or from a bare
"einstimmig"/"mehrheitlich" is marked `derived` and carries a German note for `bemerkung`.

Decisions (rule names in brackets): a bare "einstimmig" is adopted unanimously, as SD.NET's
vote field means it [unanimous]; a bare "mehrheitlich" likewise by majority [majority]; counts
alone compare Ja with Nein, a tie rejects as the Gemeindeordnungen say [counts], and without a
Nein count nothing is derived [counts_incomplete]. "entfällt", "ohne", "keine Abstimmung", "ohne
Votum" say nothing [no_result, no_vote]. "von der Tagesordnung abgesetzt" may be vertagt or
withdrawn, depending on the place [removed_from_agenda]; a preparing committee's recommendation
("empfohlen", "vorberaten") is not the decision [recommendation]; "teilweise" has no word
[partial], except SessionNet's own "mit Änderung / teilweise beschlossen" (geändert). "erledigt"
is a proposed family, mapped only where the vocabulary has the word [settled]. Counts next to
vertagt, verwiesen and the like are dropped: they count a vote on the procedure.

Pure: no I/O, no network. The caller looks a wording up in the Körperschaft's own
`ergebnis_zuordnung` first (an editor's word wins), then asks `read_result`, one call per wording.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from buergerinfo.model.base import RESULT_FAMILIES
from buergerinfo.model.vocabulary import DEFAULT_RESULT_KINDS

__all__ = ["ResultReading", "UnmappedGroup", "Votes", "group_key", "group_unmapped", "normalize_wording",
           "read_result", "render_mapping_block"]


def normalize_wording(text: str) -> str:
    """Case, spacing and trailing punctuation do not make another wording (how `ergebnis_zuordnung` keys compare).

    Here rather than in `results`, so that `results` can match by `group_key` without an import circle.
    """
    return re.sub(r"\s+", " ", text).strip().rstrip(".!;,").strip().casefold()

# A result field longer than this is a protocol excerpt, not a result; it is never read (and the
# regular expressions below never see more than this many characters of foreign text).
MAX_WORDING_CHARS = 200

# Families the site does not have yet; a reading in one of them gets no result word unless the
# Körperschaft's vocabulary has the word (`beschlussarten`).
PROPOSED_FAMILIES: tuple[str, ...] = ("erledigt",)
FAMILIES: tuple[str, ...] = RESULT_FAMILIES + PROPOSED_FAMILIES
DEFAULT_RESULT_WORDS: frozenset[str] = frozenset(kind.label for kind in DEFAULT_RESULT_KINDS)


@dataclass(frozen=True)
class Votes:
    yes: int | None = None
    no: int | None = None
    abstention: int | None = None
    unanimous: bool = False

    def as_abstimmung(self) -> dict[str, int | bool]:
        """The `abstimmung` entry of a Beratung (model.VoteCount), without the unknown counts."""
        entry: dict[str, int | bool] = {}
        for key, value in (("ja", self.yes), ("nein", self.no), ("enthaltung", self.abstention)):
            if value is not None:
                entry[key] = value
        if self.unanimous:
            entry["einstimmig"] = True
        return entry


@dataclass(frozen=True)
class ResultReading:
    wording: str
    group_key: str
    rule: str  # short, stable name of the rule that decided (see RULE_NOTES for the unmapped ones)
    family: str | None = None
    result_word: str | None = None  # what to write as `ergebnis`; None: nothing to write
    votes: Votes | None = None
    majority: bool = False  # "mehrheitlich": a majority, counts unknown
    no_result: bool = False  # the wording says nothing on purpose; write no result, report nothing
    derived: bool = False  # the family came from counts or a bare "einstimmig", not from a verb
    referred_to: str | None = None  # Gremium key, for "verwiesen an <known Gremium>"

    @property
    def mapped(self) -> bool:
        """False: list the wording in the report of unmapped results."""
        return self.result_word is not None or self.no_result

    @property
    def note(self) -> str | None:
        """German `bemerkung` for a derived result: readers see it was inferred, and from what."""
        if not self.derived or self.result_word is None:
            return None
        return f"Ergebnis abgeleitet aus dem Wortlaut „{' '.join(self.wording.split())}“ des alten Systems."


# German, for editors: why a wording stays unmapped (report and YAML block).
RULE_NOTES: dict[str, str] = {
    "too_long": "zu lang für ein Ergebnis (wohl Protokolltext)",
    "unclear_counts": "Zahlen, die sich keiner Stimmenart sicher zuordnen lassen",
    "counts_incomplete": "Ja- oder Nein-Stimmen fehlen; das Ergebnis lässt sich nicht ableiten",
    "counts_contradict": "Stimmen widersprechen dem Wortlaut",
    "contradiction": "widersprüchlicher Wortlaut",
    "several_families": "mehrere Ergebnisse in einem Wortlaut",
    "negated": "verneinter Wortlaut, der kein Ergebnis eindeutig ergibt",
    "recommendation": "Empfehlung eines vorberatenden Gremiums; das Vokabular hat dafür kein Wort "
    "(ggf. eine Beschlussart „empfohlen“ unter `beschlussarten` anlegen)",
    "partial": "nur teilweise entschieden; das Vokabular hat dafür kein Wort",
    "removed_from_agenda": "von der Tagesordnung abgesetzt: vertagt oder erledigt, je nach Ort",
    "see_elsewhere": "das Ergebnis steht nur im Protokoll; leer lassen oder von Hand nachtragen",
    "settled_missing": "„erledigt“ fehlt im Vokabular; unter `beschlussarten` anlegen oder leer lassen",
    "word_missing": "die Beschlussart fehlt im Vokabular dieser Körperschaft",
    "no_rule": "Wortlaut unbekannt",
}

_SOFT_HYPHEN = re.compile("\u00ad")  # inside a word: removed
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")  # between words: a space
_SPACES = re.compile(r"\s+")
_GLUED = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")  # "einstimmig12" -> "einstimmig 12"
_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")
_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def _clean(text: str) -> str:
    """NFKC (NBSP becomes a space), no invisible characters, one space, lower case (ß stays ß)."""
    text = _ZERO_WIDTH.sub(" ", _SOFT_HYPHEN.sub("", unicodedata.normalize("NFKC", text)))
    return _SPACES.sub(" ", _GLUED.sub(" ", text)).strip().lower()


def group_key(wording: str) -> str:
    """Case, punctuation, spacing and numbers folded: one report entry for "13 Ja-Stimmen" and "11 Ja-Stimmen"."""
    text = _DIGITS.sub("#", _NOT_WORD.sub(" ", _clean(wording[: MAX_WORDING_CHARS * 2])))
    return _SPACES.sub(" ", text).strip() or "-"


# --- vote counts ---------------------------------------------------------------------------

_COUNT_LABELS: dict[str, str] = {
    **dict.fromkeys(("ja", "jastimme", "jastimmen", "dafür", "j", "zustimmungen"), "yes"),
    **dict.fromkeys(("nein", "neinstimme", "neinstimmen", "gegenstimme", "gegenstimmen", "dagegen", "n"), "no"),
    **dict.fromkeys(("enthaltung", "enthaltungen", "enth", "stimmenthaltung", "stimmenthaltungen", "e"), "abstention"),
    # counted by some systems, but not votes: the number is consumed and dropped
    **dict.fromkeys(("anwesend", "anwesende", "abwesend", "beteiligt", "befangen", "ungültig", "ungültige",
                     "stimmberechtigt", "stimmberechtigte", "mitglieder"), "other"),
}
_FILLER = frozenset(("-", ":", "=", "(", ")", ".", "stimme", "stimmen", "en"))
_WORD_NUMBERS: dict[str, int] = {
    "kein": 0, "keine": 0, "keiner": 0, "ohne": 0, "ein": 1, "eine": 1, "einer": 1, "einem": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12,
}
MAX_COUNT = 9999
_PLURAL = re.compile(r"\((?:e?n|e)\)")  # "Enthaltung(en)", "Stimme(n)": the "n" is no "Nein"


class _UnclearCounts(Exception):
    pass


def _read_counts(text: str) -> dict[str, int]:
    """The counts a wording states, by kind; raises _UnclearCounts if a number belongs to no label."""
    items: list[tuple[str, object]] = []  # ("num", n) / ("word", n) / ("label", kind) / ("text", None)
    tokens = _TOKEN.findall(_PLURAL.sub("", text))
    for index, token in enumerate(tokens):
        if len(token) == 1 and token.isalpha() and tokens[index + 1: index + 2] != [":"]:
            items.append(("text", None))  # "J: 12 N: 0 E: 1" only with the colon; "TOP 5 e)" has no count
        elif token.isdigit():
            items.append(("num", int(token) if len(token) <= 4 else MAX_COUNT + 1))
        elif token in _FILLER:
            continue  # "Ja-Stimmen:", "Enthaltung(en)", "Enth.:" keep their number adjacent
        elif token in _COUNT_LABELS:
            items.append(("label", _COUNT_LABELS[token]))
        elif token in _WORD_NUMBERS:
            items.append(("word", _WORD_NUMBERS[token]))
        else:
            items.append(("text", None))
    pairs: list[tuple[str, object]] = []
    used: set[int] = set()
    for i in range(len(items) - 1):  # "eine Gegenstimme", "ohne Enthaltungen": a number word binds forward
        if items[i][0] == "word" and items[i + 1][0] == "label":
            pairs.append((str(items[i + 1][1]), items[i][1]))
            used.update((i, i + 1))
    numbers = [i for i, item in enumerate(items) if item[0] == "num"]
    if numbers:
        first = numbers[0]
        label_first = first > 0 and items[first - 1][0] == "label" and first - 1 not in used
        for i in numbers:
            j = i - 1 if label_first else i + 1
            if 0 <= j < len(items) and items[j][0] == "label" and j not in used:
                pairs.append((str(items[j][1]), items[i][1]))
                used.update((i, j))
    counts: dict[str, int] = {}
    for kind, value in pairs:
        if not isinstance(value, int) or value > MAX_COUNT or (kind in counts and kind != "other"):
            raise _UnclearCounts  # two Ja counts: two votes in one wording
        counts[kind] = value
    counts.pop("other", None)
    if counts and any(i not in used for i in numbers):
        raise _UnclearCounts  # "Beschluss 206/2026 (25 Ja-Stimmen, ...)": which number is what?
    return counts


# --- words ---------------------------------------------------------------------------------


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


# Words that may stand between a negation and its verb ("nicht mehrheitlich zugestimmt"); any other
# word ends the negation, so "keine Wortmeldungen einstimmig beschlossen" is no rejection.
_GAP = r"(?:(?:mehrheitlich|ausreichend|mehr|so|wie|vorgeschlagen|zur|dem|den|der|die|das|antrag|vorlage" \
       r"|beschlussvorschlag) ){0,2}"
_APPROVAL = r"zugestimmt|angenommen|beschlossen|genehmigt|gewählt|bestätigt|einverstanden|zustimmung"
_NEGATED_APPROVAL = re.compile(rf"\b(?:nicht|keine?) {_GAP}(?:{_APPROVAL})\b|\bkeine mehrheit\b"
                               rf"|\bzustimmung {_GAP}(?:abgelehnt|verweigert|versagt)\b")
_NEGATED_OTHER = re.compile(rf"\b(?:nicht|keine?) {_GAP}(?:vertagt|verwiesen|überwiesen|zurückgezogen"
                            rf"|erledigt|kenntnis|kenntnisnahme|abgelehnt)\b")
_FAMILY_WORDS: dict[str, re.Pattern[str]] = {
    "beschlossen": _words(_APPROVAL, "annahme", "verabschiedet", "wie vorgeschlagen", "wie vorlage",
                          "nach beschlussvorschlag", r"gemäß (?:beschlussvorschlag|vorlage)",
                          r"nach (?:änderung|ergänzung) des beschlussvorschlag(?:e?s)?"),
    "abgelehnt": _words("abgelehnt", "ablehnung", r"gegen (?:den )?beschlussvorschlag"),
    "zur Kenntnis genommen": _words("kenntnis", "kenntnisnahme", "kenntnisgenommen"),
    "vertagt": _words("vertagt", "vertagung", "zurückgestellt", "zurückstellung", "verschoben"),
    "verwiesen": _words("verwiesen", "überwiesen", "zurückverwiesen", "rückverwiesen", "verweisung",
                        "überweisung", "rückverweisung", "verweist", "überweist"),
    "zurückgezogen": _words("zurückgezogen", "zurückgenommen", "zurücknahme",
                            r"zieht (?:[^\W\d_]+ ){0,4}?zurück"),
    "erledigt": _words("erledigt", "gegenstandslos"),
}
_UNANIMOUS = _words("einstimmig", "einstimmige[mnrs]?")
_MAJORITY = _words("mehrheitlich", "mehrheitliche[mnrs]?", "mehrheit", "stimmenmehrheit")
_NOT_UNANIMOUS = _words(r"nicht einstimmig\w*")  # adopted, but by a majority
_UNCHANGED = _words("ungeändert", "unverändert", r"ohne (?:änderungen|änderung|ergänzungen|ergänzung)",
                    "wie vorgeschlagen", "wie vorlage", "nach beschlussvorschlag",
                    r"gemäß (?:beschlussvorschlag|vorlage)")
_CHANGED = _words("geändert", "geänderte[mnrs]?", "abgeändert", "änderung", "änderungen", "ergänzung",
                  "ergänzungen", "ergänzt", "modifiziert", "abweichend", "abweichende[mnrs]?")
_PARTIAL = _words("teilweise", "in teilen")
_RECOMMENDATION = _words("empfohlen", "empfiehlt", "empfehlen", "empfehlung", "beschlussempfehlung",
                         "vorberaten", "vorberatung")
_NO_VOTE = _words(r"ohne (?:votum|empfehlung|beschlussempfehlung|abstimmung|beschluss|beschlussfassung|ergebnis)",
                  r"keine (?:abstimmung|beschlussfassung|empfehlung)",
                  r"kein (?:beschluss|ergebnis|beratungsergebnis|votum)", "entfällt", "entfallen")
# Negations that say who was absent or that the Sitzung was closed, not what was decided.
_NEUTRAL = _words(r"nicht ?öffentlich\w*", r"nicht (?:anwesend|stimmberechtigt|beteiligt|mitgestimmt)\w*")
_SEE_ELSEWHERE = _words("siehe", "vgl", r"s\. (?:protokoll|niederschrift)")
_REMOVED = _words("abgesetzt", "absetzung")
# Whole wordings (punctuation and case folded) that deliberately say nothing.
_NO_RESULT_EXACT = frozenset(("", "ohne", "entfällt", "kein text vorhanden", "kein text", "keine angabe",
                              "keine angaben", "nicht erfasst", "ohne text", "n n", "k a"))

_RULE_OF_FAMILY = {"beschlossen": "adopted", "abgelehnt": "rejected", "zur Kenntnis genommen": "noted",
                   "vertagt": "deferred", "verwiesen": "referred", "zurückgezogen": "withdrawn", "erledigt": "settled"}


def read_result(
    wording: str,
    known_gremien: Mapping[str, str | Sequence[str]] | None = None,
    result_words: Collection[str] = DEFAULT_RESULT_WORDS,
) -> ResultReading:
    """What one result wording says. `known_gremien`: Gremium key -> name(s), for "verwiesen an ...";
    `result_words`: the Körperschaft's vocabulary (a family whose word is missing stays unmapped)."""
    key = group_key(wording)

    def reading(rule: str, **fields: Any) -> ResultReading:
        return ResultReading(wording, key, rule, **fields)

    if len(wording) > MAX_WORDING_CHARS * 2 or len(_SPACES.sub(" ", wording).strip()) > MAX_WORDING_CHARS:
        return reading("too_long")
    text = _NOT_UNANIMOUS.sub("mehrheitlich", _clean(wording))
    if _NOT_WORD.sub(" ", text).strip() in _NO_RESULT_EXACT:
        return reading("no_result", no_result=True)
    try:
        counts = _read_counts(text)
    except _UnclearCounts:
        return reading("unclear_counts")
    unanimous, majority = bool(_UNANIMOUS.search(text)), bool(_MAJORITY.search(text))
    votes = Votes(counts.get("yes"), counts.get("no"), counts.get("abstention"), unanimous) \
        if counts or unanimous else None

    families: set[str] = set()
    rest = _NEUTRAL.sub(" ", text)
    negated = _NEGATED_APPROVAL.search(rest)
    rest = _NEGATED_APPROVAL.sub(" ", rest)
    if negated:
        families.add("abgelehnt")
        majority = bool(_MAJORITY.search(rest))  # "keine Mehrheit" is no majority
    if _NEGATED_OTHER.search(rest):
        return reading("negated", votes=votes)
    families.update(family for family, pattern in _FAMILY_WORDS.items() if pattern.search(rest))
    if _RECOMMENDATION.search(text) and not _NO_VOTE.search(text):
        return reading("recommendation", votes=votes, majority=majority)
    if not families:
        if _NO_VOTE.search(text):
            return reading("no_vote", no_result=True)
        for rule, pattern in (("removed_from_agenda", _REMOVED), ("see_elsewhere", _SEE_ELSEWHERE)):
            if pattern.search(text):
                return reading(rule)
    if len(families) > 1:
        return reading("several_families", votes=votes)
    if unanimous and majority:
        return reading("contradiction", votes=votes)
    if unanimous and (votes and votes.no):
        return reading("counts_contradict", votes=votes)
    if _PARTIAL.search(rest) and not (families == {"beschlossen"} and _CHANGED.search(rest)):
        return reading("partial", votes=votes)

    derived = not families
    if derived:
        if unanimous:  # "einstimmig" as the whole result: adopted unanimously (SD.NET's vote field)
            family, rule = "beschlossen", "unanimous"
        elif votes and votes.yes is not None and votes.no is not None:  # a tie is a rejection
            family, rule = ("beschlossen" if votes.yes > votes.no else "abgelehnt"), "counts"
        elif majority and not counts:
            family, rule = "beschlossen", "majority"
        elif counts:
            return reading("counts_incomplete", votes=votes)
        else:
            return reading("no_rule")
    else:
        family = families.pop()
        rule = "negated_approval" if negated and family == "abgelehnt" else _RULE_OF_FAMILY[family]
    if family not in ("beschlossen", "abgelehnt"):
        votes = None  # counts next to "vertagt" or "verwiesen" belong to a motion about the procedure
    elif votes and (
        (family == "beschlossen" and votes.yes is not None and votes.no is not None and votes.yes <= votes.no)
        or (family == "abgelehnt" and unanimous and votes.yes)
    ):
        return reading("counts_contradict", votes=votes)  # a qualified majority may reject Ja > Nein

    word = family
    if family == "beschlossen" and not derived:
        changed, unchanged = bool(_CHANGED.search(_UNCHANGED.sub(" ", rest))), bool(_UNCHANGED.search(rest))
        if changed and unchanged:
            return reading("contradiction", votes=votes)
        word = "geändert beschlossen" if changed else "ungeändert beschlossen" if unchanged else "beschlossen"
        rule += "_changed" if changed else "_unchanged" if unchanged else ""
    if word not in result_words:
        rule = "settled_missing" if family == "erledigt" else "word_missing"
        return reading(rule, family=family, votes=votes, majority=majority)
    referred = _referred_to(rest, known_gremien or {}) if family == "verwiesen" else None
    return reading(rule, family=family, result_word=word, votes=votes, majority=majority,
                   derived=derived, referred_to=referred)


def _referred_to(text: str, known_gremien: Mapping[str, str | Sequence[str]]) -> str | None:
    """The one known Gremium the wording names (by key or name); None if none or several."""
    found: set[str] = set()
    for gremium, names in known_gremien.items():
        for name in (gremium, *([names] if isinstance(names, str) else names)):
            name = _clean(name)
            if name and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                found.add(gremium)
    return found.pop() if len(found) == 1 else None


# --- report of unmapped wordings and the YAML block for ergebnis_zuordnung ------------------


@dataclass(frozen=True)
class UnmappedGroup:
    key: str  # group_key shared by the wordings
    count: int  # Beratungen with one of these wordings
    examples: tuple[str, ...]  # up to three Vorlage ids, first seen first
    wordings: tuple[str, ...]  # distinct wordings (as ergebnis_zuordnung tells them apart), most frequent first
    rule: str  # why unmapped (RULE_NOTES)


def group_unmapped(
    entries: Iterable[tuple[str, str]],
    known_gremien: Mapping[str, str | Sequence[str]] | None = None,
    result_words: Collection[str] = DEFAULT_RESULT_WORDS,
) -> list[UnmappedGroup]:
    """(wording, Vorlage id) pairs -> report entries, most Beratungen first."""
    counts: dict[str, int] = {}
    examples: dict[str, list[str]] = {}
    spellings: dict[str, dict[str, tuple[str, int]]] = {}  # key -> normalized wording -> (first spelling, count)
    rules: dict[str, str] = {}
    for wording, paper in entries:
        reading = read_result(wording, known_gremien, result_words)
        key = reading.group_key
        counts[key] = counts.get(key, 0) + 1
        rules.setdefault(key, reading.rule)
        if paper not in examples.setdefault(key, []) and len(examples[key]) < 3:
            examples[key].append(paper)
        seen = spellings.setdefault(key, {})
        normal = normalize_wording(wording)
        first, number = seen.get(normal, (" ".join(wording.split()), 0))
        seen[normal] = (first, number + 1)
    groups = [
        UnmappedGroup(key, counts[key], tuple(examples[key]),
                      tuple(w for w, _ in sorted(spellings[key].values(), key=lambda s: -s[1])), rules[key])
        for key in counts
    ]
    return sorted(groups, key=lambda g: (-g.count, g.key))


def _comment(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in " ".join(text.split()))


def _quote(text: str) -> str:
    """A YAML double-quoted scalar; characters YAML does not accept raw are escaped."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(
        c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in text
    ) + '"'


def render_mapping_block(
    groups: Sequence[UnmappedGroup], result_words: Collection[str] = DEFAULT_RESULT_WORDS, spellings: int = 1
) -> str:
    """A paste-ready `ergebnis_zuordnung:` block, every value null (= as today: no result).

    Null is the safe default: pasted unchanged, the Beratungen stay without a result, as they are
    now; the editor writes a word of the vocabulary where the wording means one. One line per group
    by default: `results.ResultTable` maps a key's whole group (numbers, case and punctuation folded),
    so the line an editor fills in covers the other spellings, which a comment names. A second null
    line of the same group would make that group ambiguous and map only the filled-in spelling.
    """
    lines = [
        "# Ergebnisse ohne Zuordnung aus dem OParl-Import. Hinter jeden Wortlaut eine Beschlussart",
        "# schreiben oder null lassen (null heißt: bewusst kein Ergebnis). Beschlussarten:",
        f"# {_comment(', '.join(sorted(result_words)))}",
        "# Steht `ergebnis_zuordnung:` schon in der Datei, nur die Zeilen darunter übernehmen.",
        "ergebnis_zuordnung:",
    ]
    for group in groups:
        beratungen = "1 Beratung" if group.count == 1 else f"{group.count} Beratungen"
        papers = ("Vorlage " if len(group.examples) == 1 else "Vorlagen ") + ", ".join(group.examples)
        more = " …" if group.count > len(group.examples) else ""
        note = RULE_NOTES.get(group.rule, RULE_NOTES["no_rule"])
        lines.append(f"  # {beratungen} ({_comment(papers)}{more}): {_comment(note)}")
        listed = [w for w in group.wordings if len(w) <= MAX_WORDING_CHARS * 2]  # no protocol in the file
        for wording in listed[:spellings]:
            lines.append(f"  {_quote(wording)}: null")
        left = len(group.wordings) - min(spellings, len(listed))
        if left:
            others = [f"„{_comment(w)}“" for w in group.wordings if w not in listed[:spellings]][:3]
            also = f" ({', '.join(others)}{' …' if left > len(others) else ''})" if listed[:spellings] else ""
            lines.append(f"  # … und {left} weitere {'Schreibweise' if left == 1 else 'Schreibweisen'}{also}"
                         + (": die Zeile darüber gilt auch für sie" if listed[:spellings] else ""))
    return "\n".join(lines) + "\n"
