"""Where a Vorlage file goes, and which JSON Schema its first line names.

A Körperschaft files its Vorlagen in one folder (`ablage: ordner`, the default) or in
one folder per year (`ablage: jahresordner`): GitHub's web interface lists at most
1,000 entries of a folder, which a city's archive passes in a few years. The page
address depends only on the file name, never on the folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from buergerinfo.model.body import YEAR_FOLDER_PATTERN
from buergerinfo.model.structure import PAPERS_DIR, BodyRecord

SCHEMA_DIR = "schemas"


def paper_schema_name(body_id: str) -> str:
    """The schema that knows this Körperschaft's Gremien, result words, Vorlagenarten and number format."""
    return f"vorlage.{body_id}.schema.json"


def year_of(date: dt.date | None, number: str | None) -> int | None:
    """The year a Vorlage is filed under: its date, else a year written in its number (0042/2019)."""
    if date is not None:
        return date.year
    for digits in re.findall(r"\d+", number or ""):
        if re.fullmatch(r"(?:19|20)\d\d", digits):
            return int(digits)
    return None


def paper_folder(root: Path, body: BodyRecord, year: int | None) -> Path:
    folder = root / "data" / PAPERS_DIR / body.id
    if body.body.filing == "jahresordner":
        return folder / str(year or dt.date.today().year)
    return folder


def paper_path(root: Path, body: BodyRecord, stem: str, year: int | None) -> Path:
    return paper_folder(root, body, year) / f"{stem}.yml"


def schema_line(path: Path, root: Path, body_id: str) -> str:
    """`# yaml-language-server: $schema=…` for a Vorlage file at `path`, relative to its folder."""
    target = Path(root) / SCHEMA_DIR / paper_schema_name(body_id)
    relative = os.path.relpath(target, path.parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={relative}"


def is_paper_folder(folder: tuple[str, ...]) -> bool:
    """data/vorlagen/<körperschaft>/ or data/vorlagen/<körperschaft>/<jahr>/."""
    return len(folder) == 1 or (len(folder) == 2 and re.match(YEAR_FOLDER_PATTERN, folder[1]) is not None)
