"""Unsigned LEB128 varints: how the index files (shards, facet blocks) spell their integers."""

from __future__ import annotations


def write_varint(value: int, out: bytearray) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def read_varint(data: bytes, position: int) -> tuple[int, int]:
    """(value, next position) of the varint at `position`."""
    value = shift = 0
    while True:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, position
        shift += 7


def zigzag(value: int) -> int:
    """A signed integer as an unsigned one, small either side of 0: 0, -1, 1, -2 … → 0, 1, 2, 3 …"""
    return value * 2 if value >= 0 else -value * 2 - 1


def unzigzag(value: int) -> int:
    return value // 2 if value % 2 == 0 else -(value + 1) // 2
