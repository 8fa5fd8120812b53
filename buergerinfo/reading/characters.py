"""Characters a data file must not contain, and their German names for messages.

Two classes:

- Control characters are refused everywhere. They come from text copied out of
  PDFs or word processors (a NUL, a form feed), are invisible in every editor,
  and some (NEL, the Unicode line and paragraph separators) are line breaks to
  YAML but not to editors, so every line number after them would be wrong.
- Invisible formatting characters (zero-width spaces and joiners, direction
  marks, bidi embeddings, overrides and isolates, soft hyphens, a byte order mark)
  are refused in identifiers and numbers: `0042/2019` with a zero-width space looks
  exactly like `0042/2019` but is a different Vorlage, and a bidi override can make
  a number read backwards. In running text they are legitimate (Arabic or Hebrew
  names need direction marks), so there they stay.
"""

from __future__ import annotations

import re

# C0 controls except tab, line feed and carriage return; DEL; C1 controls (NEL included);
# the Unicode line and paragraph separators; a byte order mark anywhere but at the start
# of the file (removed before this check); the two non-characters U+FFFE and U+FFFF.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")

# Characters that libyaml does not refuse itself but that are refused here in any text.
# (libyaml refuses the others before this module sees them.)
CONTROL_CHARACTERS_LIBYAML_ACCEPTS = ("\x85", "\u2028", "\u2029", "\ufeff")

INVISIBLE_CHARACTERS = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# The same class for a JSON Schema `pattern` (ECMAScript syntax), so editors see the rule too.
INVISIBLE_CHARACTERS_JSON = "\\u00ad\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff"

_NAMES = {
    "\x00": "das Nullzeichen (NUL)",
    "\x07": "das Klingelzeichen (BEL)",
    "\x08": "das Rückschrittzeichen (BS)",
    "\x0b": "der vertikale Tabulator (VT)",
    "\x0c": "der Seitenvorschub (FF)",
    "\x1b": "das Escape-Zeichen (ESC)",
    "\x7f": "das Löschzeichen (DEL)",
    "\x85": "der Zeilenumbruch NEL",
    "\u00ad": "ein weiches Trennzeichen",
    "\u180e": "ein mongolischer Vokaltrenner",
    "\u200b": "ein Leerzeichen ohne Breite",
    "\u200c": "ein Bindungsverhinderer ohne Breite",
    "\u200d": "ein Verbinder ohne Breite",
    "\u200e": "eine Links-nach-rechts-Markierung",
    "\u200f": "eine Rechts-nach-links-Markierung",
    "\u2028": "ein Zeilentrenner",
    "\u2029": "ein Absatztrenner",
    "\u2060": "ein Wortverbinder ohne Breite",
    "\ufeff": "eine Byte-Reihenfolge-Markierung (BOM)",
    "\ufffe": "ein Nichtzeichen",
    "\uffff": "ein Nichtzeichen",
}


def character_name(character: str) -> str:
    """'ein Leerzeichen ohne Breite (U+200B)': what an editor needs to find and delete it."""
    code = f"U+{ord(character):04X}"
    name = _NAMES.get(character)
    if name is None:
        if "\u202a" <= character <= "\u202e" or "\u2066" <= character <= "\u2069":
            name = "ein Steuerzeichen für die Schreibrichtung"
        elif "\u2061" <= character <= "\u2064":
            name = "ein unsichtbares Rechenzeichen"
        else:
            name = "ein Steuerzeichen"
    return f"{name} ({code})"


def control_character_message(character: str) -> str:
    return (
        f"enthält {character_name(character)}, das in Datendateien nicht erlaubt ist; es ist unsichtbar und "
        "stammt meist aus kopiertem Text (PDF, Textverarbeitung) – bitte die Stelle löschen und neu tippen"
    )


def invisible_character_problem(text: str) -> str | None:
    """Why an identifier or number must not be `text` (an invisible character in it), or None."""
    match = INVISIBLE_CHARACTERS.search(text)
    if match is None:
        return None
    visible = INVISIBLE_CHARACTERS.sub("", text)
    return (
        f"enthält {character_name(match.group())} an Stelle {match.start() + 1}; es ist unsichtbar, macht aber "
        f"aus „{visible}“ einen anderen Wert – bitte den Wert löschen und neu tippen"
    )


def first_control_character(text: str) -> tuple[int, int, str] | None:
    """(line, column, character) of the first control character in `text`, 1-based, or None."""
    match = CONTROL_CHARACTERS.search(text)
    if match is None:
        return None
    start = match.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column, match.group()
