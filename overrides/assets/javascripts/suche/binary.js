/*
 * Search, reading the index files: the varint-coded shards (terms and their postings) and facet
 * blocks (bit-packed value sets per document) that buergerinfo/search/index.py writes to suche-index/.
 *
 * Imports: nothing.
 */

export function Reader(bytes) { this.bytes = bytes; this.pos = 0; }
Reader.prototype.varint = function () {
  var value = 0, shift = 0, byte;
  do {
    byte = this.bytes[this.pos++];
    value += (byte & 0x7f) * Math.pow(2, shift);
    shift += 7;
  } while (byte >= 0x80);
  return value;
};

// A posting: the document delta times POSTING_CODES plus a code, the weight of a value without flags
// (1 to 7), or 0 when the value follows as a varint of its own (buergerinfo/search/index.py).
var POSTING_CODES = 8;
Reader.prototype.posting = function () {
  var combined = this.varint();
  var code = combined % POSTING_CODES;
  this.delta = (combined - code) / POSTING_CODES;
  return code ? code * 4 : this.varint();
};

var decoder = new TextDecoder("utf-8");

// A shard as {term: [[bytes, start, count], …]}; postings are decoded only for the terms a query uses.
export function parseShard(bytes, into) {
  var reader = new Reader(bytes);
  var terms = reader.varint();
  for (var i = 0; i < terms; i++) {
    var length = reader.varint();
    var term = decoder.decode(bytes.subarray(reader.pos, reader.pos + length));
    reader.pos += length;
    var count = reader.varint();
    var start = reader.pos;
    for (var j = 0; j < count; j++) { reader.posting(); }
    (into[term] = into[term] || []).push([bytes, start, count]);
  }
}

// A posting value is weight * 4 + flags (buergerinfo/search/index.py): the term is in the title, or is the number.
export var TITLE_FLAG = 1, NUMBER_FLAG = 2;

// Per document of a clause: the highest weight of its terms, and the flags of any of them.
export function addPostings(segments, scores) {
  for (var s = 0; s < segments.length; s++) {
    var reader = new Reader(segments[s][0]);
    reader.pos = segments[s][1];
    var doc = 0;
    for (var j = 0; j < segments[s][2]; j++) {
      var value = reader.posting();
      doc += reader.delta;
      var known = scores.get(doc);
      if (known === undefined) { scores.set(doc, value); continue; }
      var weight = Math.max(known >> 2, value >> 2);
      scores.set(doc, weight << 2 | (known & 3) | (value & 3));
    }
  }
}

// A facet block (buergerinfo/search/facet_blocks.py): {parents, kinds, columns}. parents[d] is the
// document whose values document d shares (a page of an Anlage and its Vorlage), or -1; kinds[d] is then
// d's own Typ code. columns[facet][d] holds the codes of a document with values of its own.
export function parseFacetBlock(bytes, count) {
  var reader = new Reader(bytes);
  var facets = reader.varint();
  var parents = new Int32Array(count).fill(-1), kinds = new Int32Array(count), own = [];
  var runs = reader.varint(), doc = 0, parent = 0;
  for (var r = 0; r < runs; r++) {
    var code = reader.varint(), kind = 0;
    if (code) {
      var z = code - 1;
      parent += z % 2 ? -(z + 1) / 2 : z / 2;
      kind = reader.varint();
    }
    var length = reader.varint();
    for (var k = 0; k < length; k++, doc++) {
      if (code) { parents[doc] = parent; kinds[doc] = kind; } else { own.push(doc); }
    }
  }
  var columns = [];
  for (var f = 0; f < facets; f++) {
    var setCount = reader.varint();
    var sets = [];
    for (var s = 0; s < setCount; s++) {
      var setLength = reader.varint();
      var codes = [];
      for (var c = 0; c < setLength; c++) { codes.push(reader.varint()); }
      sets.push(codes);
    }
    var width = reader.varint();
    var size = Math.ceil(own.length * width / 8);
    var packed = bytes.subarray(reader.pos, reader.pos + size);
    reader.pos += size;
    var column = new Array(count);
    for (var i = 0; i < own.length; i++) {
      var value = 0;
      for (var b = 0; b < width; b++) {
        var bit = i * width + b;
        if (packed[bit >> 3] >> (bit & 7) & 1) { value |= 1 << b; }
      }
      column[own[i]] = sets[value];
    }
    columns.push(column);
  }
  return {parents: parents, kinds: kinds, columns: columns};
}
