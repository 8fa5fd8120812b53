/*
 * Search, the index: what a query fetches from suche-index/ (the manifest, the shards of its words,
 * the facet blocks of the matching documents, the display files of the results shown; each file
 * once) and how the clauses of a query become a ranked list of documents.
 *
 * Imports: fetch.js, binary.js, query.js, typo.js, rank.js, excerpt.js (a page of an Anlage as paragraphs).
 */
import {fetchBytes, fetchJson, fetchRange} from "./fetch.js";
import {pageParagraphs} from "./excerpt.js";
import {addPostings, parseFacetBlock, parseShard} from "./binary.js";
import {normalize, parseQuery, stem} from "./query.js";
import {oneEditApart, TYPO_MIN} from "./typo.js";
import {intersect, paperKind, rank} from "./rank.js";

// base: the address of suche-index/; root: the site's root (a page of an Anlage reads its text file there).
export function Index(base, root) {
  this.base = base;
  this.root = root || "";
  this.manifest = null;
  this.shards = {};   // prefix -> Promise of {term: segments}
  this.facets = {};   // block -> Promise of per facet, per document: codes
  this.displays = {}; // document -> Promise of [url, title, number, date, status, colour, paragraphs, facts]
}

Index.prototype.load = function () {
  var self = this;
  if (!this.ready) {
    this.ready = fetchJson(this.base + "manifest.json").then(function (manifest) {
      self.manifest = manifest;
      self.prefixes = Object.keys(manifest.shards);
      self.stopWords = {};
      manifest.stopWords.forEach(function (w) { self.stopWords[w] = true; });
      return manifest;
    });
  }
  return this.ready;
};

Index.prototype.fileName = function (prefix, part) {
  var safe = "";
  for (var i = 0; i < prefix.length; i++) {
    var c = prefix[i];
    safe += /[0-9a-z_-]/.test(c) ? c : "~" + c.charCodeAt(0).toString(16);
  }
  safe = safe || "~";
  return "i/" + safe + (part ? "." + part : "") + ".bin";
};

Index.prototype.shard = function (prefix) {
  var self = this;
  if (!this.shards[prefix]) {
    var parts = [];
    for (var p = 0; p < this.manifest.shards[prefix]; p++) {
      parts.push(fetchBytes(this.base + this.fileName(prefix, p)));
    }
    this.shards[prefix] = Promise.all(parts).then(function (files) {
      var terms = {};
      files.forEach(function (bytes) { parseShard(bytes, terms); });
      return terms;
    });
  }
  return this.shards[prefix];
};

// The shard that holds a term: the longest listed prefix of it.
Index.prototype.owner = function (term) {
  var best = null;
  for (var i = 0; i < this.prefixes.length; i++) {
    var p = this.prefixes[i];
    if (term.lastIndexOf(p, 0) === 0 && (best === null || p.length > best.length)) { best = p; }
  }
  return best;
};

// Every shard that may hold a term starting with `start`.
Index.prototype.ownersOfPrefix = function (start) {
  var found = [], owner = this.owner(start);
  if (owner !== null) { found.push(owner); }
  for (var i = 0; i < this.prefixes.length; i++) {
    var p = this.prefixes[i];
    if (p !== owner && p.lastIndexOf(start, 0) === 0) { found.push(p); }
  }
  return found;
};

// {doc: posting value} for a clause: exact terms, and terms starting with a prefix. A long word that
// finds nothing takes the terms one edit away in the same files instead (clause.corrected says so).
Index.prototype.clause = function (clause) {
  var self = this;
  var prefixes = [];
  clause.exact.forEach(function (term) {
    var owner = self.owner(term);
    if (owner !== null) { prefixes.push(owner); }
  });
  if (clause.prefix) { prefixes = prefixes.concat(this.ownersOfPrefix(clause.prefix)); }
  return Promise.all(prefixes.map(function (p) { return self.shard(p); })).then(function (shards) {
    function collect(wanted) {
      var scores = new Map(), seen = {}, found = [];
      shards.forEach(function (terms) {
        Object.keys(terms).forEach(function (term) {
          if (!seen[term] && wanted(term)) {
            seen[term] = true;
            found.push(term);
            addPostings(terms[term], scores);
          }
        });
      });
      return {scores: scores, terms: found};
    }
    var hit = collect(function (term) {
      return clause.exact.indexOf(term) !== -1 || (clause.prefix && term.lastIndexOf(clause.prefix, 0) === 0);
    });
    if (hit.scores.size || clause.number || !clause.word || clause.word.length < TYPO_MIN) { return hit.scores; }
    var spelled = normalize(clause.word), stemmed = clause.exact[0];
    var near = collect(function (term) {
      return term.charAt(0) !== "_" && !/^[0-9]+$/.test(term) &&
        (oneEditApart(term, stemmed) || oneEditApart(term, spelled));
    });
    if (near.terms.length) {
      clause.exact = clause.exact.concat(near.terms);
      clause.corrected = true;
    }
    return near.scores;
  });
};

Index.prototype.facetBlock = function (block) {
  var self = this;
  if (!this.facets[block]) {
    var size = this.manifest.facetBlock;
    var count = Math.min(size, this.manifest.documents - block * size);
    this.facets[block] = fetchBytes(this.base + "f/" + block + ".bin").then(function (bytes) {
      return parseFacetBlock(bytes, count);
    });
  }
  return this.facets[block];
};

Index.prototype.displayOf = function (doc) {
  var root = this.root;
  if (!this.displays[doc]) {
    var bucket = this.manifest.displayBucket;
    this.displays[doc] = fetchJson(this.base + "d/" + Math.floor(doc / bucket) + "/" + (doc % bucket) + ".json")
      .then(function (row) {
        // A page of an Anlage: its text stands in the Anlage's text file (buergerinfo/search/attachments.py).
        var source = row[9];
        if (!source) { return row; }
        return fetchRange(root + source[0], source[1], source[2]).then(function (bytes) {
          row[6] = pageParagraphs(new TextDecoder("utf-8").decode(bytes));
          return row;
        }, function () { return row; }); // without its text the result still shows, with no excerpt
      });
  }
  return this.displays[doc];
};

// {docs: ranked, clauses, facets(doc, facet): value codes, numberHit(doc), corrected: words read as typos}.
Index.prototype.search = function (text) {
  var self = this;
  var manifest = this.manifest;
  var aliases = manifest.stemAliases || {};
  var clauses = parseQuery(text, this.stopWords, aliases, manifest.numberPrefix, manifest.minPrefix);
  return Promise.all(clauses.map(function (clause) {
    return self.clause(clause).then(function (scores) {
      if (!clause.number || scores.size) { return [scores]; }
      // A number the index does not know: its parts as words.
      var parts = clause.words.filter(function (w) { return !self.stopWords[w]; });
      return Promise.all(parts.map(function (w) { return self.clause({exact: [stem(w, aliases)], prefix: null}); }));
    });
  })).then(function (lists) {
    var maps = [].concat.apply([], lists);
    var scores = intersect(maps);
    var docs = Array.from(scores.keys());
    var size = manifest.facetBlock, blocks = {};
    function load(list) {
      var wanted = {};
      list.forEach(function (doc) { var b = Math.floor(doc / size); if (!blocks[b]) { wanted[b] = true; } });
      return Promise.all(Object.keys(wanted).map(function (block) {
        return self.facetBlock(+block).then(function (data) { blocks[block] = data; });
      }));
    }
    // The blocks of the documents found, then those of the Vorlagen whose values their Anlage pages share.
    return load(docs).then(function () {
      var parents = [];
      docs.forEach(function (doc) {
        var parent = blocks[Math.floor(doc / size)].parents[doc % size];
        if (parent >= 0) { parents.push(parent); }
      });
      return load(parents);
    }).then(function () {
      function facets(doc, facet) {
        var block = blocks[Math.floor(doc / size)], i = doc % size, parent = block.parents[i];
        if (parent < 0) { return block.columns[facet][i]; }
        return facet === 0 ? [block.kinds[i]] : facets(parent, facet);
      }
      var isPaper = paperKind(manifest);
      rank(docs, scores, facets, manifest);
      return {
        docs: docs,
        clauses: clauses,
        facets: facets,
        numberHit: function (doc) { return scores.get(doc).number && facets(doc, 0)[0] === isPaper; },
        corrected: clauses.filter(function (c) { return c.corrected; }).map(function (c) { return c.word; })
      };
    });
  });
};

Index.prototype.display = function (docs) {
  var self = this;
  return Promise.all(docs.map(function (doc) { return self.displayOf(doc); }));
};
