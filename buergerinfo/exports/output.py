"""Where the exports write their files: a folder, with a count of what was written."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO


class OutputFolder:
    """Files under one folder (the built site), addressed by their site-relative path with forward slashes."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.files = 0
        self.bytes = 0
        self._folders: set[str] = set()

    def path(self, relative: str) -> Path:
        return self.root / relative

    def _prepare(self, relative: str) -> str:
        # Exports write hundreds of thousands of files into a few thousand folders: create each once.
        folder, _, _ = relative.rpartition("/")
        if folder not in self._folders:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        return os.path.join(self.root, relative)

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        with open(self._prepare(relative), "wb") as file:
            file.write(data)
        self.files += 1
        self.bytes += len(data)

    @contextmanager
    def open_text(self, relative: str) -> Iterator[TextIO]:
        """A text file to write piece by piece (UTF-8, newlines exactly as written)."""
        path = self._prepare(relative)
        with open(path, "w", encoding="utf-8", newline="") as file:
            yield file
        self.files += 1
        self.bytes += os.path.getsize(path)

    @contextmanager
    def open_bytes(self, relative: str) -> Iterator[BinaryIO]:
        path = self._prepare(relative)
        with open(path, "wb") as file:
            yield file
        self.files += 1
        self.bytes += os.path.getsize(path)

    def size(self, relative: str) -> int | None:
        path = self.root / relative
        return path.stat().st_size if path.is_file() else None
