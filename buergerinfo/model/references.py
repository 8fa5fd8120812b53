"""Vorlagen-Nummern: the file name they give, whether they fit a Körperschaft's format, and the message if not."""

from __future__ import annotations

import re

from buergerinfo.model.body import Body
from buergerinfo.reading.patterns import matches_number_format


def reference_slug(reference: str) -> str:
    """The file name a Vorlage gets by convention: `0043/2019` -> `0043-2019`, `2018/33/0590` -> `2018-33-0590`."""
    return re.sub(r"[^a-z0-9]+", "-", reference.lower().translate(_UMLAUTS)).strip("-")


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def number_fits_format(body: Body, reference: str) -> bool:
    """Whether a Vorlagen-Nr. fits the Körperschaft's number format (always, when it has none).

    The format is a regular expression from a data file: it runs in RE2 (buergerinfo/reading/patterns.py),
    in time linear in the number's length, and must match the whole number.
    """
    return not body.reference_pattern or matches_number_format(body.reference_pattern, reference)


def reference_problem(body: Body, reference: str | None) -> str | None:
    """Why a Vorlagen-Nr. does not fit the Körperschaft's number format, or None.

    Editors see the Körperschaft's example and, for a number written another way
    (`77/2026`, `0077-2026`, `2026/0077`), the same number in the right spelling; never the pattern.
    """
    if not reference or number_fits_format(body, reference):
        return None
    example = body.reference_example
    text = f"Vorlagen-Nr. „{reference}“ passt nicht zum Nummernformat von {body.name}"
    if example:
        text += f"; so sieht eine Nummer aus: „{example}“"
    else:
        text += " (eingetragen unter `nummernformat` in der Datei der Körperschaft)"
    meant = respelled_reference(reference, example, body) if example else None
    return text + (f" – meinten Sie „{meant}“?" if meant else "")


_YEAR = re.compile(r"^(?:19|20)\d\d$")


def respelled_reference(reference: str, example: str, body: Body) -> str | None:
    """The number `reference` written like `example`, if its digits fit the format in an obvious way."""
    numbers = re.findall(r"\d+", reference)
    shape = re.split(r"(\d+)", example)  # text, digits, text, digits, …, text
    slots = shape[1::2]
    if not numbers or len(numbers) != len(slots) or len(slots) > 4:
        return None
    year_slots = [i for i, digits in enumerate(slots) if _YEAR.match(digits)]
    year_numbers = [i for i, digits in enumerate(numbers) if _YEAR.match(digits)]
    orders = [list(range(len(numbers)))]
    if len(year_slots) == 1 and len(year_numbers) == 1 and year_slots != year_numbers:
        # `2026/0077` for `0042/2019`: the year goes where the example has its year.
        moved = [i for i in range(len(numbers)) if i != year_numbers[0]]
        moved.insert(year_slots[0], year_numbers[0])
        orders.insert(0, moved)
    for order in orders:
        parts = list(shape)
        for slot, index in enumerate(order):
            digits = numbers[index]
            width = len(slots[slot])
            parts[2 * slot + 1] = digits.zfill(width) if len(digits) < width else digits
        candidate = "".join(parts)
        if candidate != reference and number_fits_format(body, candidate):
            return candidate
    return None
