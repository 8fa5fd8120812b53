"""A static, sharded full-text index for the browser: German stems, facets, small downloads.

The visitor's browser fetches only what a query needs: a small manifest, the index
shards whose stem prefix fits the query words, the facet blocks of the matching
documents and the display data of the ten results it shows. Nothing here knows
about MkDocs; the site decides which documents exist and what they say.

Everything in the index is plain text: Markdown becomes text, anything shaped like an HTML
tag is dropped, and the JSON files spell `<`, `>` and `&` as \\u escapes, so no file of the
index holds markup, whatever a data file says.

Files written to `out_dir`:

* `manifest.json`: format version, document count, shard prefixes, block sizes and
  the facet dictionaries (labels, and a badge colour for a status);
* `i/<prefix>.bin` (and `i/<prefix>.<part>.bin`): inverted-index shards. A shard holds
  the terms that start with its prefix and with no longer listed prefix. Shards are
  split by one more letter while they exceed SHARD_LIMIT bytes; a single term too
  large for one file is cut into parts by document range;
* `f/<block>.bin`: per-document facet codes, FACET_BLOCK documents a file (see buergerinfo.search.facet_blocks);
* `d/<bucket>/<n>.json`: one document's display data (document id = bucket * DISPLAY_BUCKET + n):
  address, title, Vorlagen-Nr., date, status and its badge colour, plain-text paragraphs for the
  excerpt and short facts (people, Aktenzeichen); see buergerinfo.search.display. A result list
  of ten fetches ten of them.

Shard format (all integers unsigned LEB128 varints): term count, then per term:
byte length of the UTF-8 term, the term, number of postings, then the postings. A posting
is a document and its posting value: the term's weight in the document (at most
MAX_WEIGHT) shifted left by two, or'ed with TITLE_FLAG when the term is in the title and
NUMBER_FLAG when it is the document's own Vorlagen-Nr. (the search page ranks those first).
It is written as one varint, the document id minus the previous one (the first from 0) times
eight plus a code: 1 to 7 is the weight of a value without flags; 0 means the value follows
as a varint of its own. Why: most postings are a word once or twice in a text, often in
neighbouring documents (the pages of one Anlage), and then a posting is one byte, not two or
three; the shards a query fetches are most of its payload.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from buergerinfo.search.analyzer import NUMBER_PREFIX, STOP_WORDS, Analyzer, number_token
from buergerinfo.search.display import DISPLAY_BUCKET, display_data, display_file, index_json
from buergerinfo.search.documents import Document, document_order
from buergerinfo.search.facet_blocks import FacetTable
from buergerinfo.search.varints import read_varint, write_varint

FORMAT = 3
SHARD_LIMIT = 60_000  # bytes per index file
FACET_BLOCK = 5_000  # documents per facet file
MAX_WEIGHT = 63  # with the two flags a posting value fits one or two varint bytes
TITLE_FLAG = 1
NUMBER_FLAG = 2

# Field weights: a word in the title or the Vorlagen-Nr. counts far more than one in the text.
# The Beschlussvorschlag ("proposal") is what the council decides: it counts twice the other text.
WEIGHTS = {"number": 40, "title": 12, "meta": 3, "proposal": 2, "body": 1, "anlage": 1}
# Most a field adds per term and document. A word repeated on a page of an Anlage counts at most
# twice, so the page never outranks a Vorlage whose Betreff (title flag) or Beschlussvorschlag holds
# the word: at equal weight the manifest's kindOrder puts the Vorlage first (search.attachments).
FIELD_CAPS = {"anlage": 2}

def posting_value(weight: int, flags: int = 0) -> int:
    return min(weight, MAX_WEIGHT) << 2 | flags


def split_posting_value(value: int) -> tuple[int, int]:
    """(weight, flags) of a posting value."""
    return value >> 2, value & 3


POSTING_CODES = 8  # a posting is delta * POSTING_CODES + code (see the module docstring)


def _posting(delta: int, value: int, out: bytearray) -> None:
    weight, flags = split_posting_value(value)
    if not flags and 0 < weight < POSTING_CODES:
        write_varint(delta * POSTING_CODES + weight, out)
    else:
        write_varint(delta * POSTING_CODES, out)
        write_varint(value, out)


def read_posting(data: bytes, position: int) -> tuple[int, int, int]:
    """(document delta, posting value, next position) of the posting at `position`."""
    combined, position = read_varint(data, position)
    delta, code = divmod(combined, POSTING_CODES)
    if code:
        return delta, posting_value(code), position
    value, position = read_varint(data, position)
    return delta, value, position


def decode_shard(data: bytes) -> dict[str, list[tuple[int, int]]]:
    """A shard file as {term: [(document id, weight), …]} (for tests and tools)."""
    terms: dict[str, list[tuple[int, int]]] = {}
    count, position = read_varint(data, 0)
    for _ in range(count):
        length, position = read_varint(data, position)
        term = data[position : position + length].decode("utf-8")
        position += length
        postings, position = read_varint(data, position)
        current = 0
        entries = terms.setdefault(term, [])
        for _ in range(postings):
            delta, value, position = read_posting(data, position)
            current += delta
            entries.append((current, value))
            # Every part restarts its deltas at 0, so parts of one term concatenate in order.
    return terms


# --- building -------------------------------------------------------------------------------------


class _Postings:
    """Encoded postings of one term, appended in document order; memory is a few bytes per posting."""

    __slots__ = ("data", "last", "count")

    def __init__(self) -> None:
        self.data = bytearray()
        self.last = 0
        self.count = 0

    def add(self, doc: int, value: int) -> None:
        _posting(doc - self.last, value, self.data)
        self.last = doc
        self.count += 1


@dataclass
class IndexStats:
    documents: int
    terms: int
    shards: int
    largest_shard: int
    files: int
    bytes: int


def build_search_index(
    documents: Iterable[Document],
    out_dir: Path | str,
    *,
    ordered: bool = False,
    facet_order: Sequence[str] = (),
    kind_order: Sequence[str] = (),
) -> IndexStats:
    """Write the index of `documents` to `out_dir` (created; must not hold an older index).

    With `ordered=True` the documents come already in `document_order` and are read one by one,
    never held: memory is the postings and a few facet codes per document. The facets are listed
    as Typ, then `facet_order`, then any other in the order first seen. `kind_order` ranks the
    kinds of page among results of equal relevance (e.g. Vorlagen before Sitzungen).
    """
    out = Path(out_dir)
    for sub in ("i", "f", "d"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    stream = documents if ordered else document_order(documents)
    analyzer = Analyzer()
    postings: dict[str, _Postings] = {}
    facets = FacetTable()
    # The document id of every page by its address: a page of an Anlage names its Vorlage's (facet_blocks).
    ids_by_url: dict[str, int] = {}
    count = 0
    files = 0
    total_bytes = 0
    kinds: list[str] = []

    for doc_id, document in enumerate(stream):
        count += 1
        weights: dict[str, int] = {}
        flags: dict[str, int] = {}
        for field_name, texts in document.texts.items():
            field_weight = WEIGHTS[field_name]
            cap = FIELD_CAPS.get(field_name)
            capped: dict[str, int] = {}
            for text in texts:
                if not text:
                    continue
                for term, times in analyzer.term_counts(text).items():
                    if cap is not None:
                        times = min(times, cap - capped.get(term, 0))
                        capped[term] = capped.get(term, 0) + times
                    weights[term] = weights.get(term, 0) + times * field_weight
                    if field_name == "title":
                        flags[term] = TITLE_FLAG
        if document.number:
            token = number_token(document.number)
            if token:
                weights[token] = weights.get(token, 0) + WEIGHTS["number"]
                flags[token] = flags.get(token, 0) | NUMBER_FLAG
        for term, weight in weights.items():
            entry = postings.get(term)
            if entry is None:
                entry = postings[term] = _Postings()
            entry.add(doc_id, posting_value(weight, flags.get(term, 0)))
        parent = ids_by_url.get(document.parent[0]) if document.parent else None
        if parent is None:
            ids_by_url.setdefault(document.url, doc_id)
        facets.add(document.kind, document.facets, parent)
        if document.kind not in kinds:
            kinds.append(document.kind)
        data = index_json(display_data(document))
        path = out / display_file(doc_id)
        if doc_id % DISPLAY_BUCKET == 0:
            path.parent.mkdir()
        path.write_bytes(data)
        files += 1
        total_bytes += len(data)
    facets.order(facet_order)

    for block_start in range(0, count, FACET_BLOCK):
        block_end = min(count, block_start + FACET_BLOCK)
        data = facets.block(block_start, block_end)
        (out / "f" / f"{block_start // FACET_BLOCK}.bin").write_bytes(data)
        files += 1
        total_bytes += len(data)

    shards = _plan_shards(postings)
    largest = 0
    for prefix, parts in shards.items():
        for number, data in enumerate(parts):
            name = _shard_file(prefix, number)
            (out / "i" / name).write_bytes(data)
            files += 1
            total_bytes += len(data)
            largest = max(largest, len(data))

    manifest = {
        "format": FORMAT,
        "documents": count,
        "facetBlock": FACET_BLOCK,
        "displayBucket": DISPLAY_BUCKET,
        "numberPrefix": NUMBER_PREFIX,
        "kindOrder": [*kind_order, *(kind for kind in kinds if kind not in kind_order)],
        "minPrefix": 3,
        "shards": {prefix: len(parts) for prefix, parts in sorted(shards.items())},
        "facets": facets.manifest(),
        "stopWords": sorted(STOP_WORDS),
        "stemAliases": dict(sorted(analyzer.stem_aliases.items())),
    }
    data = index_json(manifest)
    (out / "manifest.json").write_bytes(data)
    return IndexStats(count, len(postings), len(shards), largest, files + 1, total_bytes + len(data))


def shard_file(prefix: str, part: int = 0) -> str:
    return _shard_file(prefix, part)


def _shard_file(prefix: str, part: int) -> str:
    # Prefixes are [0-9a-z_-] (stems have no umlauts); anything else is spelled as its code point.
    safe = "".join(c if re.match(r"[0-9a-z_-]", c) else f"~{ord(c):x}" for c in prefix) or "~"
    return f"{safe}.bin" if part == 0 else f"{safe}.{part}.bin"


def _term_header(term: str, count: int) -> bytes:
    encoded = term.encode("utf-8")
    header = bytearray()
    write_varint(len(encoded), header)
    header += encoded
    write_varint(count, header)
    return bytes(header)


def _plan_shards(postings: dict[str, _Postings]) -> dict[str, list[bytes]]:
    """Shards by stem prefix, split by one more letter while larger than SHARD_LIMIT."""
    terms = sorted(postings)
    sizes = {t: len(t.encode("utf-8")) + len(postings[t].data) + 8 for t in terms}
    shards: dict[str, list[bytes]] = {}

    def split(prefix: str, group: list[str]) -> None:
        if sum(sizes[t] for t in group) <= SHARD_LIMIT:
            shards[prefix] = _encode_parts(group, postings)
            return
        stay = [t for t in group if len(t) == len(prefix)]
        if stay:
            shards[prefix] = _encode_parts(stay, postings)
        children: dict[str, list[str]] = {}
        for t in group:
            if len(t) > len(prefix):
                children.setdefault(t[: len(prefix) + 1], []).append(t)
        for child, members in children.items():
            split(child, members)

    if terms:
        split("", terms)
    return shards


def _encode_parts(terms: list[str], postings: dict[str, _Postings]) -> list[bytes]:
    """One file if it fits; else parts of at most SHARD_LIMIT bytes, a large term cut by document range."""
    pieces: list[tuple[str, bytes, int]] = []  # (term, encoded postings restarting at 0, count)
    for term in terms:
        entry = postings[term]
        if len(entry.data) + 64 <= SHARD_LIMIT:
            pieces.append((term, bytes(entry.data), entry.count))
        else:
            pieces.extend(_cut(term, entry))
    parts: list[bytes] = []
    current: list[tuple[str, bytes, int]] = []
    size = 0
    for piece in pieces:
        piece_size = len(piece[0].encode("utf-8")) + len(piece[1]) + 8
        if current and size + piece_size > SHARD_LIMIT:
            parts.append(_encode_shard(current))
            current, size = [], 0
        current.append(piece)
        size += piece_size
    if current or not parts:
        parts.append(_encode_shard(current))
    return parts


def _cut(term: str, entry: _Postings) -> list[tuple[str, bytes, int]]:
    data = bytes(entry.data)
    position = 0
    current = 0
    chunks: list[tuple[str, bytes, int]] = []
    chunk = bytearray()
    last = 0
    count = 0
    budget = SHARD_LIMIT - 64 - len(term.encode("utf-8"))
    while position < len(data):
        delta, value, position = read_posting(data, position)
        current += delta
        if len(chunk) + 8 > budget:
            chunks.append((term, bytes(chunk), count))
            chunk, last, count = bytearray(), 0, 0
        _posting(current - last, value, chunk)
        last = current
        count += 1
    if count:
        chunks.append((term, bytes(chunk), count))
    return chunks


def _encode_shard(pieces: list[tuple[str, bytes, int]]) -> bytes:
    out = bytearray()
    write_varint(len(pieces), out)
    for term, data, count in pieces:
        out += _term_header(term, count)
        out += data
    return bytes(out)
