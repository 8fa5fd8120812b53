"""Clean extracted text for search and excerpts: one spelling per word, words whole again.

A PDF keeps what the typesetter drew: ligature glyphs (ﬁ), words split at line ends
("Haushalts-" / "plan"), soft hyphens, runs of spaces. The search index stems words, so
"Haushaltsplan" must come out as one word spelled as a person types it.
"""

from __future__ import annotations

import re
import unicodedata

# pdfium's marks for a hyphen it found at a line end (get_text_bounded gives \x02,
# get_text_range \ufffe); what follows is the next line.
PDFIUM_LINE_HYPHENS = "\x02\ufffe"

# Words that follow a hyphen that stays: "Kultur- und Sozialausschuss", "Ein- bzw. Ausgaben"
# (the German Ergänzungsstrich). A line break after "Kultur-" must not make "Kulturund".
_CONJUNCTIONS = frozenset(
    "und oder bzw beziehungsweise sowie bis wie noch als respektive resp u o sondern aber".split()
)

# Characters for which NFKC is safe and wanted: ligatures and other presentation forms (ﬁ → fi),
# full-width letters and digits. NFKC elsewhere would turn "m²" into "m2" and "½" into "1⁄2".
_COMPATIBILITY = re.compile("[\ufb00-\ufb4f\ufe50-\ufe6f\ufe70-\ufefe\uff00-\uffef]+")
# Spaces of other widths (no-break, thin, narrow no-break, ideographic) become a plain space.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that split a word for the index: zero-width space and joiners, word joiner,
# byte order marks. Soft hyphens are handled before (at a line end they join a word).
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# Other ways to end a line: carriage return, vertical tab (Word's manual line break in some
# exports), form feed, NEL, Unicode's line and paragraph separators. Removed, they would glue words.
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
# Control characters other than tab and line feed.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A hyphen at a line end after a letter or digit, and the next line's first word.
_LINE_HYPHEN = re.compile(r"(?<=[^\W_])[-\u2010\u2011][ \t]*\n[ \t]*(?=(\w*))")
_SOFT_HYPHEN_AT_LINE_END = re.compile("\u00ad[ \t]*\n[ \t]*")
_BLANKS = re.compile(r"[ \t]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def clean(text: str, dehyphenate: bool = True) -> str:
    """The text with ligatures resolved, words joined across line ends and whitespace folded.

    `dehyphenate=False` for text that was never set in lines (a .docx, a spreadsheet, plain text):
    a hyphen before a line break there is the author's.
    """
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    for mark in PDFIUM_LINE_HYPHENS:
        text = text.replace(mark + "\n", "-\n").replace(mark, "-\n")
    text = _SOFT_HYPHEN_AT_LINE_END.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _COMPATIBILITY.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)
    # Decomposed umlauts (a + combining diaeresis) from some PDF fonts become one character.
    text = unicodedata.normalize("NFC", text)
    text = _BLANKS.sub(" ", text)
    if dehyphenate:
        text = _LINE_HYPHEN.sub(_join_hyphenated, text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def _join_hyphenated(match: re.Match[str]) -> str:
    before = match.string[match.start() - 1]
    following = match.group(1)
    if following.lower() in _CONJUNCTIONS:
        return "- "  # "Kultur- und Sozialausschuss"
    if following[:1].islower() and not before.isdigit():
        return ""  # "Haushalts-plan" → "Haushaltsplan"
    return "-"  # "CDU-Fraktion", "E-Mail", "2018-2019": the hyphen belongs to the word


def fold_spaces(text: str) -> str:
    """One line with whitespace folded, hyphens untouched: a table cell (line breaks in it become spaces)."""
    text = text.translate(_LINE_BREAKS).replace("\n", " ")
    text = _SPACES.sub(" ", _CONTROLS.sub("", _INVISIBLE.sub("", text)))
    return _BLANKS.sub(" ", text).strip()
