"""Names the import gives: keys of Gremien, file names from free text and OParl ids, titles of Anlagen.

Plain functions of text; the Körperschaft file, the Vorlagen and the choice of a Körperschaft
among several on one endpoint use them.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from typing import Any

from buergerinfo.model.references import reference_slug

SLUG_LIMIT = 60


def slugify(text: str, limit: int = SLUG_LIMIT) -> str:
    """A file name or key from free text: `Ausschuss für Haushalt` -> `ausschuss-fuer-haushalt`."""
    base = reference_slug(text)  # ä -> ae … and everything else to hyphens
    if not base or len(base) < len(text) // 3:
        base = reference_slug(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())
    if len(base) > limit:
        base = base[:limit].rsplit("-", 1)[0] or base[:limit]
    return base.strip("-")


def unique(candidate: str, taken: set[str]) -> str:
    if candidate not in taken:
        return candidate
    number = 2
    while f"{candidate}-{number}" in taken:
        number += 1
    return f"{candidate}-{number}"


def id_tail(url: str) -> str:
    """The last path segment of an OParl id, as a slug: `…/paper/749` -> `749`."""
    parts = urllib.parse.urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    last = urllib.parse.unquote(segments[-1]).removesuffix(".json") if segments else ""
    tail = slugify(last)
    query = slugify(parts.query) if parts.query else ""
    return "-".join(p for p in (tail, query) if p) or "ohne-id"


def fallback_file_name(paper: dict[str, Any]) -> str:
    """File name of a Vorlage without a number: from its OParl id, which stays the same across runs."""
    tail = id_tail(paper["id"])
    return tail if re.search(r"[a-z]", tail) else f"vorlage-{tail}"


def file_title(file: dict[str, Any]) -> str:
    return file.get("name") or file.get("fileName") or "Anlage"
