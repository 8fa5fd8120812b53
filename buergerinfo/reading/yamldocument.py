"""A YAML document as the reader hands it on: plain values, each with its line and column.

Shared by the composer (`yamlcompose`, which builds it from libyaml's events) and the loader
(`yamlsource`, which reads files and explains syntax errors in German).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path_ = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


@dataclass
class SourceIssue:
    path: Path_
    position: Position
    message: str


@dataclass
class YamlDocument:
    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)
    issues: list[SourceIssue] = field(default_factory=list)
    # The text as written for scalars YAML turned into something else (`0042` -> 34, `no` -> False),
    # so that a message can quote what the editor typed.
    written: dict[Path_, str] = field(default_factory=dict)

    def position_of(self, path: Path_) -> Position:
        """The position of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class YamlSyntaxError(Exception):
    def __init__(self, message: str, position: Position, path: Path_ = ()) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.path = path  # best guess of the field the line belongs to; () if unknown
