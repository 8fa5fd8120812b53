/*
 * Bürgerinfo search: reads the static index that buergerinfo/search.py writes to suche-index/.
 *
 * A query fetches the manifest, the index shards of its words, the facet blocks of the
 * matching documents and the display data of the results it shows; nothing else, and
 * nothing from another host. Words are stemmed with BuergerinfoSuche.stem
 * (stemmer-de.js, the same Snowball German rules as the index) and mapped like the index
 * maps them (the manifest's stemAliases: "beschließt" and "beschlossen" meet); all words must match;
 * the last word also matches as a prefix (at least 3 letters) while it is being typed. A word of
 * five letters or more that finds nothing is read as a typo: terms one edit away (a letter more,
 * less, changed, or two swapped) in the index files already fetched for it stand in for it.
 *
 * Ranking: a Vorlage whose own number is the query, then Vorlagen whose Betreff holds every word,
 * then other pages whose title does, then the rest by weight; at equal weight Vorlagen and
 * dossiers come before Sitzungen (the manifest's kindOrder). A query that is exactly a
 * Vorlagen-Nummer of one Vorlage opens it when it is sent (not while it is typed).
 *
 * The state lives in the address (?q=…&koerperschaft=…), so a search can be linked.
 * All text from the index is inserted as text, never as markup: excerpts and their marked words
 * are built as DOM nodes with textContent.
 */
(function () {
  "use strict";

  var ns = window.BuergerinfoSuche = window.BuergerinfoSuche || {};
  var PAGE = 10;
  // Facet name in the index -> parameter in the address.
  var PARAMS = {
    "Typ": "typ", "Körperschaft": "koerperschaft", "Gremium": "gremium",
    "Jahr": "jahr", "Art": "art", "Status": "status"
  };
  var SHOWN_VALUES = 8;

  function fetchBytes(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.arrayBuffer();
    }).then(function (buffer) { return new Uint8Array(buffer); });
  }

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  // --- reading the index files -------------------------------------------------------

  function Reader(bytes) { this.bytes = bytes; this.pos = 0; }
  Reader.prototype.varint = function () {
    var value = 0, shift = 0, byte;
    do {
      byte = this.bytes[this.pos++];
      value += (byte & 0x7f) * Math.pow(2, shift);
      shift += 7;
    } while (byte >= 0x80);
    return value;
  };

  var decoder = new TextDecoder("utf-8");

  // A shard as {term: [[bytes, start, count], …]}; postings are decoded only for the terms a query uses.
  function parseShard(bytes, into) {
    var reader = new Reader(bytes);
    var terms = reader.varint();
    for (var i = 0; i < terms; i++) {
      var length = reader.varint();
      var term = decoder.decode(bytes.subarray(reader.pos, reader.pos + length));
      reader.pos += length;
      var count = reader.varint();
      var start = reader.pos;
      for (var j = 0; j < count; j++) { reader.varint(); reader.varint(); }
      (into[term] = into[term] || []).push([bytes, start, count]);
    }
  }

  // A posting value is weight * 4 + flags (buergerinfo/search.py): the term is in the title, or is the number.
  var TITLE_FLAG = 1, NUMBER_FLAG = 2;

  // Per document of a clause: the highest weight of its terms, and the flags of any of them.
  function addPostings(segments, scores) {
    for (var s = 0; s < segments.length; s++) {
      var reader = new Reader(segments[s][0]);
      reader.pos = segments[s][1];
      var doc = 0;
      for (var j = 0; j < segments[s][2]; j++) {
        doc += reader.varint();
        var value = reader.varint();
        var known = scores.get(doc);
        if (known === undefined) { scores.set(doc, value); continue; }
        var weight = Math.max(known >> 2, value >> 2);
        scores.set(doc, weight << 2 | (known & 3) | (value & 3));
      }
    }
  }

  // True when a and b differ by at most one edit: a letter added, dropped, changed, or two neighbours swapped.
  function oneEditApart(a, b) {
    if (a === b) { return true; }
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) { return false; }
    var i = 0;
    while (i < la && i < lb && a.charAt(i) === b.charAt(i)) { i++; }
    if (la > lb) { return a.slice(i + 1) === b.slice(i); }
    if (lb > la) { return a.slice(i) === b.slice(i + 1); }
    if (a.slice(i + 1) === b.slice(i + 1)) { return true; }
    return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
  }

  function parseFacetBlock(bytes, count) {
    var reader = new Reader(bytes);
    var facets = reader.varint();
    var result = [];
    for (var f = 0; f < facets; f++) {
      var setCount = reader.varint();
      var sets = [];
      for (var s = 0; s < setCount; s++) {
        var length = reader.varint();
        var codes = [];
        for (var c = 0; c < length; c++) { codes.push(reader.varint()); }
        sets.push(codes);
      }
      var width = reader.varint();
      var size = Math.ceil(count * width / 8);
      var packed = bytes.subarray(reader.pos, reader.pos + size);
      reader.pos += size;
      var column = new Array(count);
      for (var d = 0; d < count; d++) {
        var value = 0;
        for (var b = 0; b < width; b++) {
          var bit = d * width + b;
          if (packed[bit >> 3] >> (bit & 7) & 1) { value |= 1 << b; }
        }
        column[d] = sets[value];
      }
      result.push(column);
    }
    return result;
  }

  function Index(base) {
    this.base = base;
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
    if (!this.displays[doc]) {
      var bucket = this.manifest.displayBucket;
      this.displays[doc] = fetchJson(this.base + "d/" + Math.floor(doc / bucket) + "/" + (doc % bucket) + ".json");
    }
    return this.displays[doc];
  };

  // --- queries -----------------------------------------------------------------------

  var TYPO_MIN = 5;  // letters a word needs before a typo in it is corrected

  function normalize(word) {
    return word.replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u").replace(/ß/g, "ss");
  }

  function stem(word, aliases) {
    if (/^[0-9]+$/.test(word)) { return word; }
    var stemmed = ns.stem ? ns.stem(word) : normalize(word);
    return Object.prototype.hasOwnProperty.call(aliases, stemmed) ? aliases[stemmed] : stemmed;
  }

  // A query as clauses; each clause must match. A chunk such as "2018/33/0590" is a Vorlagen-Nr.
  function parseQuery(text, stopWords, aliases, numberPrefix, minPrefix) {
    var clauses = [];
    var chunks = text.toLowerCase().split(/\s+/).filter(Boolean);
    var typing = !/\s$/.test(text);
    chunks.forEach(function (chunk, index) {
      var words = chunk.match(/[0-9a-zäöüß]+/g) || [];
      if (words.length >= 2 && /[0-9]/.test(chunk)) {
        var token = numberPrefix + words.join("-");
        // While it is typed, "2018/33/05" already finds 2018/33/0590.
        var partial = typing && index === chunks.length - 1 ? token : null;
        clauses.push({exact: [token], prefix: partial, number: true, words: words});
        return;
      }
      words.forEach(function (word, position) {
        if (stopWords[word]) { return; }
        var last = typing && index === chunks.length - 1 && position === words.length - 1;
        var clause = {exact: [stem(word, aliases)], prefix: null, word: word};
        if (last && word.length >= minPrefix && !/^[0-9]+$/.test(word)) { clause.prefix = normalize(word); }
        clauses.push(clause);
      });
    });
    return clauses;
  }

  // Documents every clause finds: {weight: sum of the clauses' weights, title: every clause in the title,
  // number: a clause is the document's own Vorlagen-Nr.}.
  function intersect(maps) {
    maps.sort(function (a, b) { return a.size - b.size; });
    var result = new Map();
    if (!maps.length) { return result; }
    maps[0].forEach(function (first, doc) {
      var weight = first >> 2, title = (first & TITLE_FLAG) !== 0, number = (first & NUMBER_FLAG) !== 0;
      for (var i = 1; i < maps.length; i++) {
        var other = maps[i].get(doc);
        if (other === undefined) { return; }
        weight += other >> 2;
        title = title && (other & TITLE_FLAG) !== 0;
        number = number || (other & NUMBER_FLAG) !== 0;
      }
      result.set(doc, {weight: weight, title: title, number: number});
    });
    return result;
  }

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
      var blocks = {};
      docs.forEach(function (doc) { blocks[Math.floor(doc / manifest.facetBlock)] = true; });
      return Promise.all(Object.keys(blocks).map(function (block) {
        return self.facetBlock(+block).then(function (data) { blocks[block] = data; });
      })).then(function () {
        function facets(doc, facet) {
          return blocks[Math.floor(doc / manifest.facetBlock)][facet][doc % manifest.facetBlock];
        }
        var kinds = manifest.facets[0].values;
        var isPaper = kinds.indexOf("Vorlage");
        var kindRank = kinds.map(function (kind) {
          var rank = manifest.kindOrder.indexOf(kind);
          return rank === -1 ? manifest.kindOrder.length : rank;
        });
        var keys = new Map();
        docs.forEach(function (doc) {
          var score = scores.get(doc), kind = facets(doc, 0)[0];
          var paper = kind === isPaper;
          // 0: this Vorlage's number; 1: a Vorlage's Betreff holds every word; 2: another title does; 3: the rest.
          var tier = paper && score.number ? 0 : paper && score.title ? 1 : score.title ? 2 : 3;
          keys.set(doc, [tier, -score.weight, kindRank[kind] === undefined ? kinds.length : kindRank[kind]]);
        });
        docs.sort(function (a, b) {
          var x = keys.get(a), y = keys.get(b);
          return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a - b;
        });
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

  // --- excerpts: where the query words stand, marked ----------------------------------

  var TOKEN = /[0-9a-zäöüßA-ZÄÖÜ]+(?:\/[0-9a-zäöüßA-ZÄÖÜ]+)*/g;
  var EXCERPT_LENGTH = 240;

  // Which clause a word of a text satisfies (-1 for none), as the index would have matched it.
  function Matcher(clauses, aliases, numberPrefix) {
    this.clauses = clauses;
    this.aliases = aliases;
    this.numberPrefix = numberPrefix;
    this.cache = {};
  }

  Matcher.prototype.clauseOf = function (token) {
    var lower = token.toLowerCase();
    if (Object.prototype.hasOwnProperty.call(this.cache, lower)) { return this.cache[lower]; }
    var parts = lower.match(/[0-9a-zäöüß]+/g) || [];
    var number = parts.length >= 2 && /[0-9]/.test(lower) ? this.numberPrefix + parts.join("-") : null;
    var stems = parts.map(function (part) { return stem(part, this.aliases); }, this);
    var found = -1;
    for (var c = 0; c < this.clauses.length && found === -1; c++) {
      var clause = this.clauses[c];
      if (number && clause.number && clause.exact.indexOf(number) !== -1) { found = c; break; }
      for (var p = 0; p < parts.length; p++) {
        if (clause.exact.indexOf(stems[p]) !== -1 ||
            (clause.prefix && (stems[p].lastIndexOf(clause.prefix, 0) === 0 ||
                               normalize(parts[p]).lastIndexOf(clause.prefix, 0) === 0))) {
          found = c;
          break;
        }
      }
    }
    this.cache[lower] = found;
    return found;
  };

  // The places in a text that match, as [start, end, clause].
  Matcher.prototype.hits = function (text) {
    var hits = [], match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      var clause = this.clauseOf(match[0]);
      if (clause !== -1) { hits.push([match.index, match.index + match[0].length, clause]); }
    }
    return hits;
  };

  // The paragraph that matches the most query words (the first on a tie), cut to a window around
  // its first match; without any match the first paragraph. {text, hits} or null.
  function excerpt(matcher, paragraphs, facts) {
    var candidates = paragraphs.concat(facts || []);
    var best = null, bestCount = 0;
    candidates.forEach(function (text) {
      var hits = matcher.hits(text);
      var distinct = {};
      hits.forEach(function (hit) { distinct[hit[2]] = true; });
      var count = Object.keys(distinct).length;
      if (count > bestCount) { best = {text: text, hits: hits}; bestCount = count; }
    });
    if (!best) {
      if (!paragraphs.length) { return null; }
      best = {text: paragraphs[0], hits: []};
    }
    var text = best.text;
    if (text.length <= EXCERPT_LENGTH) { return best; }
    var first = best.hits.length ? best.hits[0][0] : 0;
    var start = Math.max(0, first - 60);
    if (start > 0) {
      var space = text.lastIndexOf(" ", start);
      start = space === -1 ? 0 : space + 1;
    }
    var end = Math.min(text.length, start + EXCERPT_LENGTH);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > start ? cut : end;
    }
    var shift = start > 0 ? 2 : 0;
    var shown = (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
    return {
      text: shown,
      hits: best.hits.filter(function (hit) { return hit[0] >= start && hit[1] <= end; })
        .map(function (hit) { return [hit[0] - start + shift, hit[1] - start + shift, hit[2]]; })
    };
  }

  // Text into `node`, the matched places wrapped in <mark>; all of it text nodes, never markup.
  function appendMarked(node, text, hits) {
    var position = 0;
    hits.forEach(function (hit) {
      if (hit[0] > position) { node.appendChild(document.createTextNode(text.slice(position, hit[0]))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(hit[0], hit[1]);
      node.appendChild(mark);
      position = hit[1];
    });
    if (position < text.length) { node.appendChild(document.createTextNode(text.slice(position))); }
  }

  // --- the page ------------------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function dateDe(iso) {
    if (!iso) { return ""; }
    var parts = iso.split("-");
    return parts[2] + "." + parts[1] + "." + parts[0];
  }

  function plural(n, one, many) {
    return n.toLocaleString("de-DE") + " " + (n === 1 ? one : many);
  }

  function Ui(root) {
    this.root = root;
    this.index = new Index(root.getAttribute("data-index"));
    this.siteRoot = root.getAttribute("data-root");
    this.form = root.querySelector("form");
    this.input = root.querySelector("input[type=search]");
    this.status = root.querySelector(".bi-suche__status");
    this.facetsNode = root.querySelector(".bi-suche__facets");
    this.list = root.querySelector(".bi-suche__results");
    this.more = root.querySelector(".bi-suche__more");
    this.main = root.querySelector(".bi-suche__main");
    this.jump = root.querySelector(".bi-suche__jump");
    this.heading = root.querySelector(".bi-suche__heading");
    this.selected = {};
    this.expanded = {};
    this.sequence = 0;
    this.shown = 0;
    this.filtered = [];
    var self = this;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.run(true, false, "assign");
    });
    this.jump.querySelector("a").addEventListener("click", function (event) {
      event.preventDefault();
      self.heading.focus();
    });
    var timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(false); }, 200);
    });
    this.more.addEventListener("click", function () { self.showMore(true); });
    window.addEventListener("popstate", function () { self.fromAddress(); });
    // A number sent from another page opens its Vorlage; coming back to this page does not send it again.
    var navigation = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    this.fromAddress(navigation && navigation.type === "back_forward" ? null : "replace");
  }

  Ui.prototype.fromAddress = function (open) {
    var params = new URLSearchParams(window.location.search);
    this.input.value = params.get("q") || "";
    this.selected = {};
    var self = this;
    Object.keys(PARAMS).forEach(function (name) {
      var values = params.getAll(PARAMS[name]).filter(Boolean);
      if (values.length) { self.selected[name] = values; }
    });
    this.run(false, true, open || null);
  };

  Ui.prototype.address = function (push) {
    var params = new URLSearchParams();
    var query = this.input.value.trim();
    if (query) { params.set("q", query); }
    var self = this;
    Object.keys(PARAMS).forEach(function (name) {
      (self.selected[name] || []).forEach(function (value) { params.append(PARAMS[name], value); });
    });
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "");
    if (url !== window.location.pathname + window.location.search) {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }
  };

  // `open`: "assign" or "replace" when the query was sent, so that a Vorlagen-Nummer opens its Vorlage.
  Ui.prototype.run = function (push, fromAddress, open) {
    var self = this;
    var query = this.input.value;
    var sequence = ++this.sequence;
    if (!fromAddress) { this.address(push); }
    if (!query.trim()) {
      this.result = null;
      // Nothing to announce when the page opens without a query.
      this.clear(fromAddress ? "" : "Bitte geben Sie einen Suchbegriff ein.");
      return Promise.resolve();
    }
    this.root.setAttribute("data-state", "busy");
    return this.index.load().then(function () {
      return self.index.search(query);
    }).then(function (result) {
      if (sequence !== self.sequence) { return; }
      self.result = result;
      self.query = query.trim();
      if (open && self.openNumber(open)) { return; }
      return self.refine(false);
    }).catch(function (error) {
      if (sequence !== self.sequence) { return; }
      self.clear("Die Suche ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut.");
      if (window.console) { window.console.error(error); }
    });
  };

  // A query that is exactly one Vorlagen-Nummer, found as the number of exactly one Vorlage: go there.
  Ui.prototype.openNumber = function (how) {
    var result = this.result;
    var clauses = result.clauses;
    if (clauses.length !== 1 || !clauses[0].number || /\s/.test(this.query)) { return false; }
    var hits = result.docs.filter(result.numberHit);
    if (hits.length !== 1) { return false; }
    var self = this;
    this.status.textContent = "Die Vorlage " + this.query + " wird geöffnet …";
    this.index.displayOf(hits[0]).then(function (row) {
      window.location[how](self.siteRoot + row[0]);
    });
    return true;
  };

  Ui.prototype.clear = function (message) {
    this.list.textContent = "";
    this.facetsNode.textContent = "";
    this.facetsNode.hidden = true;
    this.main.hidden = true;
    this.more.hidden = true;
    this.jump.hidden = true;
    this.status.textContent = message;
    this.root.setAttribute("data-state", "done");
  };

  // Apply the chosen facet values, count the others, show the first results.
  Ui.prototype.refine = function (announceFocus) {
    var self = this;
    var manifest = this.index.manifest;
    var result = this.result;
    var names = manifest.facets.map(function (f) { return f.name; });
    var wanted = names.map(function (name, f) {
      var labels = self.selected[name];
      if (!labels || !labels.length) { return null; }
      var codes = {};
      labels.forEach(function (label) {
        var code = manifest.facets[f].values.indexOf(label);
        if (code !== -1) { codes[code] = true; }
      });
      return codes;
    });
    var counts = names.map(function () { return {}; });
    var filtered = [];
    result.docs.forEach(function (doc) {
      var failed = -1, failures = 0;
      for (var f = 0; f < names.length; f++) {
        if (!wanted[f]) { continue; }
        var codes = result.facets(doc, f), ok = false;
        for (var i = 0; i < codes.length; i++) { if (wanted[f][codes[i]]) { ok = true; break; } }
        if (!ok) { failures++; failed = f; }
      }
      if (failures === 0) { filtered.push(doc); }
      if (failures > 1) { return; }
      // Each group counts over the results the other groups let through.
      for (var g = 0; g < names.length; g++) {
        if (failures === 1 && g !== failed) { continue; }
        var values = result.facets(doc, g);
        for (var v = 0; v < values.length; v++) { counts[g][values[v]] = (counts[g][values[v]] || 0) + 1; }
      }
    });
    this.filtered = filtered;
    this.renderFacets(counts);
    this.list.textContent = "";
    this.shown = 0;
    var total = filtered.length;
    this.main.hidden = total === 0;
    this.jump.hidden = total === 0;
    var narrowed = Object.keys(this.selected).some(function (k) { return self.selected[k].length; });
    var query = this.query;
    var typed = result.corrected.map(function (word) {  // as the visitor wrote it, capitals and all
      var at = query.toLowerCase().indexOf(word);
      return at === -1 ? word : query.substr(at, word.length);
    });
    var corrected = typed.length
      ? " Für „" + typed.join("“, „") + "“ gab es keinen Treffer; gezeigt werden ähnlich geschriebene Wörter."
      : "";
    this.status.textContent = (total
      ? plural(total, "Ergebnis", "Ergebnisse") + " für „" + this.query + "“" + (narrowed ? " (eingegrenzt)" : "") + "."
      : "Keine Ergebnisse für „" + this.query + "“" + (narrowed ? " mit diesen Filtern" : "") + ".") + corrected;
    this.matcher = new Matcher(result.clauses, manifest.stemAliases || {}, manifest.numberPrefix);
    return this.showMore(announceFocus);
  };

  Ui.prototype.renderFacets = function (counts) {
    var self = this;
    var manifest = this.index.manifest;
    var active = document.activeElement;
    var focusKey = active && active.getAttribute && active.getAttribute("data-facet-key");
    this.facetsNode.textContent = "";
    this.facetsNode.hidden = false;
    manifest.facets.forEach(function (facet, f) {
      var selected = self.selected[facet.name] || [];
      var codes = Object.keys(counts[f]).map(Number);
      selected.forEach(function (label) {
        var code = facet.values.indexOf(label);
        if (code !== -1 && codes.indexOf(code) === -1) { codes.push(code); }
      });
      if (!codes.length) { return; }
      codes.sort(facet.name === "Jahr"
        ? function (a, b) { return facet.values[b].localeCompare(facet.values[a]); }
        : function (a, b) {
          return (counts[f][b] || 0) - (counts[f][a] || 0) || facet.values[a].localeCompare(facet.values[b], "de");
        });
      var group = element("fieldset", "bi-suche__group");
      group.appendChild(element("legend", null, facet.name));
      var list = element("ul");
      var limit = self.expanded[facet.name] ? codes.length : SHOWN_VALUES;
      codes.forEach(function (code, position) {
        var label = facet.values[code];
        var isSelected = selected.indexOf(label) !== -1;
        if (position >= limit && !isSelected) { return; }
        var item = element("li");
        var labelNode = element("label");
        var box = element("input");
        box.type = "checkbox";
        box.checked = isSelected;
        box.setAttribute("data-facet-key", facet.name + "\u0000" + label);
        box.addEventListener("change", function () { self.toggle(facet.name, label, box.checked); });
        labelNode.appendChild(box);
        labelNode.appendChild(document.createTextNode(label + " "));
        labelNode.appendChild(element("span", "bi-suche__count", "(" + (counts[f][code] || 0).toLocaleString("de-DE") + ")"));
        item.appendChild(labelNode);
        list.appendChild(item);
      });
      group.appendChild(list);
      if (codes.length > SHOWN_VALUES) {
        var toggle = element("button", "bi-suche__all", self.expanded[facet.name] ? "weniger zeigen" : "alle " + codes.length + " zeigen");
        toggle.type = "button";
        toggle.setAttribute("aria-expanded", self.expanded[facet.name] ? "true" : "false");
        toggle.setAttribute("data-facet-key", facet.name + "\u0000*");
        toggle.addEventListener("click", function () {
          self.expanded[facet.name] = !self.expanded[facet.name];
          self.renderFacets(counts);
        });
        group.appendChild(toggle);
      }
      self.facetsNode.appendChild(group);
    });
    if (focusKey) {
      var again = this.facetsNode.querySelectorAll("[data-facet-key]");
      for (var i = 0; i < again.length; i++) {
        if (again[i].getAttribute("data-facet-key") === focusKey) { again[i].focus(); break; }
      }
    }
  };

  Ui.prototype.toggle = function (name, label, on) {
    var values = (this.selected[name] || []).filter(function (v) { return v !== label; });
    if (on) { values.push(label); }
    this.selected[name] = values;
    this.address(true);
    if (this.result) { this.refine(false); }
  };

  Ui.prototype.showMore = function (focusFirstNew) {
    var self = this;
    var manifest = this.index.manifest;
    var start = this.shown;
    var docs = this.filtered.slice(start, start + PAGE);
    this.shown = start + docs.length;
    var sequence = this.sequence;
    this.root.setAttribute("data-state", "busy");
    return this.index.display(docs).then(function (rows) {
      if (sequence !== self.sequence) { return; }
      var firstLink = null;
      rows.forEach(function (row, i) {
        var link = self.renderResult(docs[i], row);
        if (!firstLink) { firstLink = link; }
      });
      var more = self.filtered.length - self.shown;
      self.more.hidden = more <= 0;
      self.more.textContent = "Weitere Ergebnisse (" + self.shown.toLocaleString("de-DE") + " von " +
        self.filtered.length.toLocaleString("de-DE") + " angezeigt)";
      if (focusFirstNew && firstLink) { firstLink.focus(); }
      self.root.setAttribute("data-state", "done");
    });
  };

  // One result: its title (query words marked), what it is, and an excerpt with the query words marked.
  Ui.prototype.renderResult = function (doc, row) {
    var manifest = this.index.manifest;
    var result = this.result;
    var item = element("li", "bi-suche__result");
    var heading = element("h3", "bi-suche__title");
    var link = element("a");
    appendMarked(link, row[1], this.matcher.hits(row[1]));
    link.href = this.siteRoot + row[0];
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = element("p", "bi-suche__meta");
    var kinds = manifest.facets[0].values;
    var kind = result.facets(doc, 0).map(function (c) { return kinds[c]; }).join(", ");
    meta.appendChild(element("span", "bi-suche__kind", kind));
    var parts = [];
    if (row[2]) { parts.push("Nr. " + row[2]); }
    // The date rule of the pages: a Vorlage without its own date says so, and shows no other date.
    if (row[3]) { parts.push(dateDe(row[3])); } else if (kind === "Vorlage") { parts.push("Datum nicht angegeben"); }
    manifest.facets.forEach(function (facet, f) {
      if (facet.name !== "Körperschaft") { return; }
      var bodies = result.facets(doc, f).map(function (c) { return facet.values[c]; });
      if (bodies.length) { parts.push(bodies.join(", ")); }
    });
    parts.forEach(function (part) { meta.appendChild(document.createTextNode(" · " + part)); });
    if (row[4]) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(element("span", "bi-badge bi-badge--" + (/^[a-z]+$/.test(row[5]) ? row[5] : "neutral"), row[4]));
    }
    item.appendChild(meta);
    var shown = excerpt(this.matcher, row[6] || [], row[7] || []);
    if (shown) {
      var paragraph = element("p", "bi-suche__excerpt");
      appendMarked(paragraph, shown.text, shown.hits);
      item.appendChild(paragraph);
    }
    this.list.appendChild(item);
    return link;
  };

  ns.parseQuery = parseQuery;

  function start() {
    var root = document.querySelector("[data-bi-suche]");
    if (root && !root.biSuche) { root.biSuche = new Ui(root); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
