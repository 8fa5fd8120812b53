"""The facet files of the search index: which filter values (Typ, Körperschaft, Gremium …) each document has.

The search page fetches the facet block of every document a query finds, to count the results
per filter value; so these files are a large part of what a query downloads. Two things keep them
small:

* A document's values are stored as the index of its *set* of values, and the sets a block uses
  are listed once, bit-packed to the fewest bits that number them.
* A page of an Anlage has its Vorlage's values (buergerinfo.search.attachments), and an archive has
  several pages per Vorlage. Such a document names its parent, the Vorlage's document, instead of
  repeating them: consecutive pages of one Vorlage are one run of a few bytes. It is only done
  where the values are really the same, so the browser's answer is the one a full column gives.

Layout of `f/<block>.bin` (all integers varints, see buergerinfo.search.varints):
facet count; run count, then per run either `0, n` (n documents with values of their own) or
`zigzag(parent - previous parent) + 1, kind, n` (n documents with that parent's values and their
own Typ code `kind`; the previous parent starts at 0 in each block); then per facet, over the
documents with values of their own only: set count, per set its length and value codes, bit width
w, then ceil(own documents * w / 8) bytes of set indexes, least significant bit first.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from buergerinfo.search.varints import read_varint, unzigzag, write_varint, zigzag

KIND_FACET = "Typ"
NO_PARENT = -1


class FacetTable:
    """Every document's facet values as they are added in document order; then written block by block.

    Memory: per facet and document one set index (an array), whatever the values are.
    """

    def __init__(self) -> None:
        self.names: list[str] = [KIND_FACET]
        self.dictionaries: dict[str, dict[str, int]] = {KIND_FACET: {}}
        # Per facet: the distinct value sets, and per document the index of its set.
        self.sets: dict[str, list[tuple[int, ...]]] = {KIND_FACET: []}
        self._set_ids: dict[str, dict[tuple[int, ...], int]] = {KIND_FACET: {}}
        self.columns: dict[str, array] = {KIND_FACET: array("I")}
        self.parents = array("i")
        self.count = 0

    def add(self, kind: str, facets: dict[str, list[str]], parent: int | None = None) -> None:
        """The next document's values; `parent` is the document whose values it shares, if any."""
        doc = self.count
        self.count += 1
        for name in facets:
            if name not in self.dictionaries:
                # A facet first seen now: the documents before have no value in it.
                self.names.append(name)
                self.dictionaries[name] = {}
                self.sets[name] = [()]
                self._set_ids[name] = {(): 0}
                self.columns[name] = array("I", bytes(4 * doc))
        values = dict(facets)
        values[KIND_FACET] = [kind]
        for name in self.names:
            dictionary = self.dictionaries[name]
            codes = []
            for label in values.get(name, []):
                code = dictionary.get(label)
                if code is None:
                    code = dictionary[label] = len(dictionary)
                codes.append(code)
            key = tuple(sorted(set(codes)))
            known = self._set_ids[name].get(key)
            if known is None:
                known = self._set_ids[name][key] = len(self.sets[name])
                self.sets[name].append(key)
            self.columns[name].append(known)
        shared = parent is not None and 0 <= parent < doc and all(
            self.columns[name][parent] == self.columns[name][doc] for name in self.names if name != KIND_FACET
        )
        self.parents.append(parent if shared else NO_PARENT)

    def order(self, facet_order: Sequence[str]) -> None:
        """Typ, then `facet_order`, then any other in the order first seen."""
        rank = {name: i for i, name in enumerate([KIND_FACET, *facet_order])}
        self.names.sort(key=lambda name: rank.get(name, len(rank)))  # stable: the others keep their order

    def manifest(self) -> list[dict[str, object]]:
        return [{"name": name, "values": list(self.dictionaries[name])} for name in self.names]

    def block(self, start: int, end: int) -> bytes:
        out = bytearray()
        write_varint(len(self.names), out)
        runs = self._runs(start, end)
        write_varint(len(runs), out)
        previous = 0
        own: list[int] = []
        for parent, kind, first, length in runs:
            if parent == NO_PARENT:
                write_varint(0, out)
                own.extend(range(first, first + length))
            else:
                write_varint(zigzag(parent - previous) + 1, out)
                write_varint(kind, out)
                previous = parent
            write_varint(length, out)
        for name in self.names:
            self._write_column(name, [self.columns[name][doc] for doc in own], out)
        return bytes(out)

    def _runs(self, start: int, end: int) -> list[tuple[int, int, int, int]]:
        """(parent, Typ code, first document, length) of each run of documents alike in both."""
        kinds = self.columns[KIND_FACET]
        runs: list[tuple[int, int, int, int]] = []
        for doc in range(start, end):
            parent = self.parents[doc]
            kind = self.sets[KIND_FACET][kinds[doc]][0] if parent != NO_PARENT else 0
            if runs and runs[-1][0] == parent and runs[-1][1] == kind:
                last = runs[-1]
                runs[-1] = (parent, kind, last[2], last[3] + 1)
            else:
                runs.append((parent, kind, doc, 1))
        return runs

    def _write_column(self, name: str, column: list[int], out: bytearray) -> None:
        used = sorted(set(column))
        local = {global_index: i for i, global_index in enumerate(used)}
        write_varint(len(used), out)
        for global_index in used:
            codes = self.sets[name][global_index]
            write_varint(len(codes), out)
            for code in codes:
                write_varint(code, out)
        width = max(1, (len(used) - 1).bit_length())
        write_varint(width, out)
        packed = bytearray((len(column) * width + 7) // 8)
        bit = 0
        for value in column:
            value = local[value]
            for i in range(width):
                if value >> i & 1:
                    packed[(bit + i) >> 3] |= 1 << ((bit + i) & 7)
            bit += width
        out += packed


@dataclass
class FacetBlock:
    """A facet file read back (for tests and tools): per document its parent or its own value codes."""

    parents: list[int]  # NO_PARENT: the document has values of its own
    kinds: list[int | None]  # the Typ code of a document with a parent
    columns: list[list[tuple[int, ...] | None]]  # per facet, per document; None where a parent has them

    def codes(self, doc: int, facet: int) -> tuple[int, ...] | None:
        """A document's codes in a facet; None if they are its parent's (resolve with the parent's block)."""
        if self.parents[doc] == NO_PARENT:
            return self.columns[facet][doc]
        kind = self.kinds[doc]
        return (kind,) if facet == 0 and kind is not None else None


def decode_facet_block(data: bytes, count: int) -> FacetBlock:
    facets, position = read_varint(data, 0)
    runs, position = read_varint(data, position)
    parents: list[int] = []
    kinds: list[int | None] = []
    previous = 0
    for _ in range(runs):
        code, position = read_varint(data, position)
        kind = None
        if code:
            previous += unzigzag(code - 1)
            kind, position = read_varint(data, position)
        length, position = read_varint(data, position)
        parents += [previous if code else NO_PARENT] * length
        kinds += [kind] * length
    if len(parents) != count:
        raise ValueError(f"facet block: {len(parents)} documents in its runs, {count} expected")
    own = [doc for doc in range(count) if parents[doc] == NO_PARENT]
    columns: list[list[tuple[int, ...] | None]] = []
    for _ in range(facets):
        set_count, position = read_varint(data, position)
        sets = []
        for _ in range(set_count):
            length, position = read_varint(data, position)
            codes = []
            for _ in range(length):
                code, position = read_varint(data, position)
                codes.append(code)
            sets.append(tuple(codes))
        width, position = read_varint(data, position)
        size = (len(own) * width + 7) // 8
        packed = data[position : position + size]
        position += size
        column: list[tuple[int, ...] | None] = [None] * count
        for i, doc in enumerate(own):
            value = 0
            for b in range(width):
                bit = i * width + b
                if packed[bit >> 3] >> (bit & 7) & 1:
                    value |= 1 << b
            column[doc] = sets[value]
        columns.append(column)
    return FacetBlock(parents, kinds, columns)
