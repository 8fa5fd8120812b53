"""Which files of a data folder are data files, and which are reported instead of silently skipped.

Data files end in `.yml` or `.yaml`, in lower case: VS Code associates the JSON Schemas
by these names (case-sensitively), and the file name becomes the page address. A file
that was meant as data but is named otherwise (`0042-2019.YML`, `0042-2019.yml.txt`,
which Windows shows as `0042-2019.yml` when extensions are hidden) is an error: skipped,
it would simply be missing from the site. Any other file in a data folder is a warning.
Hidden files and folders (`.git`, `.DS_Store`) and editor backups (`…~`, `#…#`) are
ignored; symbolic links to folders are not followed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from buergerinfo.reading.problems import DataProblem

DATA_SUFFIXES = (".yml", ".yaml")
_LOOKS_LIKE_DATA = re.compile(r"\.(?:ya?ml)(?:\.|$)", re.IGNORECASE)


@dataclass
class FolderScan:
    """The data files of one folder and the problems with the other files in it."""

    files: list[Path] = field(default_factory=list)
    problems: list[DataProblem] = field(default_factory=list)


def _ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith("~")


def _walk(directory: Path) -> list[Path]:
    """Every file below `directory`, sorted, without hidden folders and without following links to folders."""
    found: list[Path] = []
    pending = [directory]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if _ignored(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            else:
                found.append(Path(entry.path))
    return sorted(found)


def scan_folder(directory: Path, label: str, kind: str) -> FolderScan:
    """The data files below `directory`; `label` names a path for messages (e.g. 'data/vorlagen/x.yml')."""
    scan = FolderScan()
    if not directory.is_dir():
        return scan
    for path in _walk(directory):
        source = label_of(path, directory, label)
        if path.suffix in DATA_SUFFIXES:
            if path.is_file():
                scan.files.append(path)
            else:
                scan.problems.append(
                    DataProblem(source, 1, 1, "", "keine gewöhnliche Datei (Verknüpfung ins Leere oder Gerätedatei); "
                                "Datendateien müssen gewöhnliche Textdateien sein")
                )
        elif _LOOKS_LIKE_DATA.search(path.name):
            scan.problems.append(DataProblem(source, 1, 1, "", misnamed_message(path, kind)))
        else:
            scan.problems.append(
                DataProblem(
                    source,
                    1,
                    1,
                    "",
                    f"wird nicht gelesen: in diesem Ordner stehen nur {kind} als Dateien mit der Endung „.yml“",
                    "Warnung",
                )
            )
    return scan


def misnamed_message(path: Path, kind: str) -> str:
    stem = path.name
    match = _LOOKS_LIKE_DATA.search(stem)
    if match:
        stem = stem[: match.start()]
    return (
        f"wird nicht gelesen: {kind} sind Dateien mit der Endung „.yml“ (klein geschrieben), diese heißt "
        f"„{path.name}“ – bitte in „{stem}.yml“ umbenennen"
    )


def label_of(path: Path, directory: Path, label: str) -> str:
    return f"{label}/{path.relative_to(directory).as_posix()}"


def stray_data_files(folder: Path, label: str, read: tuple[str, ...], skipped: tuple[str, ...]) -> list[DataProblem]:
    """Warnings for YAML files in `folder` outside its subfolders `read` (which are scanned on their own).

    Used for the folder of nicht öffentliche Vorlagen, whose repository may hold more than data files;
    files in `skipped` (Anlagen) are not looked at.
    """
    problems = []
    for path in _walk(folder):
        top = path.relative_to(folder).parts[0]
        if top in read or top in skipped or not _LOOKS_LIKE_DATA.search(path.name):
            continue
        problems.append(
            DataProblem(
                label_of(path, folder, label),
                1,
                1,
                "",
                f"wird nicht gelesen: aus diesem Ordner werden nur {', '.join(f'{name}/' for name in read)} gelesen",
                "Warnung",
            )
        )
    return problems


def unread_top_level_files(data: Path, folders: tuple[str, ...], *single_files: str) -> list[DataProblem]:
    """Errors for data files directly in data/ other than `single_files` (themen.yml …): they would be skipped."""
    problems = []
    for path in sorted(data.iterdir()):
        if path.name in single_files or _ignored(path.name) or path.is_dir() or not _LOOKS_LIKE_DATA.search(path.name):
            continue
        problems.append(
            DataProblem(
                f"data/{path.name}",
                1,
                1,
                "",
                f"wird nicht gelesen: Datendateien liegen in den Ordnern {', '.join(f'{f}/' for f in folders)} von "
                f"data/; direkt in data/ stehen nur {' und '.join(single_files)}",
            )
        )
    return problems
