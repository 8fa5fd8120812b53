"""Whole numbers as YAML 1.1 reads them, against what an editor sees.

PyYAML reads YAML 1.1: `ja: 010` is the octal number 8, `ja: 1_000` is 1000,
`ja: 1:30` is 90 (base 60) and `ja: 0x1F` is 31. An editor who wrote `010` meant
ten, and VS Code (YAML 1.2) shows ten. A count is therefore accepted only when it
is written as plain digits without a leading zero; anything else gets a message
that quotes what was written and says what YAML made of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from buergerinfo.reading.yamldocument import Path_, YamlDocument

_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")


def _value_at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def unusual_numbers(document: YamlDocument) -> Iterator[tuple[Path_, str]]:
    """(path, message) for every whole number not written as plain digits."""
    for path, written in document.written.items():
        try:
            value = _value_at(document.data, path)
        except (KeyError, IndexError, TypeError):
            continue
        if type(value) is int and not _PLAIN_DECIMAL.fullmatch(written.strip()):
            yield path, (
                f"ganze Zahl in Ziffern erwartet (z. B. 12), gefunden: {written} – YAML liest das als {value}; "
                "bitte ohne führende Null, Unterstrich, Doppelpunkt oder Präfix schreiben"
            )
