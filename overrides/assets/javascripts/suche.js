/*
 * Bürgerinfo search: reads the static index that buergerinfo/search.py writes to suche-index/.
 *
 * A query fetches the manifest, the index shards of its words, the facet blocks of the
 * matching documents and the display data of the results it shows; nothing else, and
 * nothing from another host. Words are stemmed with BuergerinfoSuche.stem
 * (stemmer-de.js, the same Snowball German rules as the index) and mapped like the index
 * maps them (the manifest's stemAliases: "beschließt" and "beschlossen" meet); all words must match;
 * the last word also matches as a prefix (at least 3 letters) while it is being typed.
 * The state lives in the address (?q=…&koerperschaft=…), so a search can be linked.
 * All text from the index is inserted as text, never as markup.
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

  function addPostings(segments, scores) {
    for (var s = 0; s < segments.length; s++) {
      var reader = new Reader(segments[s][0]);
      reader.pos = segments[s][1];
      var doc = 0;
      for (var j = 0; j < segments[s][2]; j++) {
        doc += reader.varint();
        var weight = reader.varint();
        if (!(scores.get(doc) >= weight)) { scores.set(doc, weight); }
      }
    }
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
    this.meta = {};     // block -> Promise of [[url, title, number, date], …]
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

  // {doc: weight} for a clause: exact terms, and terms starting with a prefix.
  Index.prototype.clause = function (clause) {
    var self = this;
    var prefixes = [];
    clause.exact.forEach(function (term) {
      var owner = self.owner(term);
      if (owner !== null) { prefixes.push(owner); }
    });
    if (clause.prefix) { prefixes = prefixes.concat(this.ownersOfPrefix(clause.prefix)); }
    return Promise.all(prefixes.map(function (p) { return self.shard(p); })).then(function (shards) {
      var scores = new Map();
      var seen = {};
      shards.forEach(function (terms) {
        Object.keys(terms).forEach(function (term) {
          if (seen[term]) { return; }
          var wanted = clause.exact.indexOf(term) !== -1 ||
            (clause.prefix && term.lastIndexOf(clause.prefix, 0) === 0);
          if (wanted) {
            seen[term] = true;
            addPostings(terms[term], scores);
          }
        });
      });
      return scores;
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

  Index.prototype.metaBlock = function (block) {
    if (!this.meta[block]) { this.meta[block] = fetchJson(this.base + "m/" + block + ".json"); }
    return this.meta[block];
  };

  // --- queries -----------------------------------------------------------------------

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
        var clause = {exact: [stem(word, aliases)], prefix: null};
        if (last && word.length >= minPrefix && !/^[0-9]+$/.test(word)) { clause.prefix = normalize(word); }
        clauses.push(clause);
      });
    });
    return clauses;
  }

  function intersect(maps) {
    maps.sort(function (a, b) { return a.size - b.size; });
    var result = new Map();
    if (!maps.length) { return result; }
    maps[0].forEach(function (weight, doc) {
      var total = weight;
      for (var i = 1; i < maps.length; i++) {
        var other = maps[i].get(doc);
        if (other === undefined) { return; }
        total += other;
      }
      result.set(doc, total);
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
      docs.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
      var blocks = {};
      docs.forEach(function (doc) { blocks[Math.floor(doc / manifest.facetBlock)] = true; });
      return Promise.all(Object.keys(blocks).map(function (block) {
        return self.facetBlock(+block).then(function (data) { blocks[block] = data; });
      })).then(function () {
        return {docs: docs, facets: function (doc, facet) {
          return blocks[Math.floor(doc / manifest.facetBlock)][facet][doc % manifest.facetBlock];
        }};
      });
    });
  };

  Index.prototype.display = function (docs) {
    var self = this;
    var size = this.manifest.metaBlock;
    return Promise.all(docs.map(function (doc) {
      return self.metaBlock(Math.floor(doc / size)).then(function (block) { return block[doc % size]; });
    }));
  };

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
    this.selected = {};
    this.expanded = {};
    this.sequence = 0;
    this.shown = 0;
    this.filtered = [];
    var self = this;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.run(true);
    });
    var timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(false); }, 200);
    });
    this.more.addEventListener("click", function () { self.showMore(true); });
    window.addEventListener("popstate", function () { self.fromAddress(); });
    this.fromAddress();
  }

  Ui.prototype.fromAddress = function () {
    var params = new URLSearchParams(window.location.search);
    this.input.value = params.get("q") || "";
    this.selected = {};
    var self = this;
    Object.keys(PARAMS).forEach(function (name) {
      var values = params.getAll(PARAMS[name]).filter(Boolean);
      if (values.length) { self.selected[name] = values; }
    });
    this.run(false, true);
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

  Ui.prototype.run = function (push, fromAddress) {
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
      return self.refine(false);
    }).catch(function (error) {
      if (sequence !== self.sequence) { return; }
      self.clear("Die Suche ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut.");
      if (window.console) { window.console.error(error); }
    });
  };

  Ui.prototype.clear = function (message) {
    this.list.textContent = "";
    this.facetsNode.textContent = "";
    this.facetsNode.hidden = true;
    this.main.hidden = true;
    this.more.hidden = true;
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
    var narrowed = Object.keys(this.selected).some(function (k) { return self.selected[k].length; });
    this.status.textContent = total
      ? plural(total, "Ergebnis", "Ergebnisse") + " für „" + this.query + "“" + (narrowed ? " (eingegrenzt)" : "") + "."
      : "Keine Ergebnisse für „" + this.query + "“" + (narrowed ? " mit diesen Filtern" : "") + ".";
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
      var kinds = manifest.facets[0];
      var facetIndex = {};
      manifest.facets.forEach(function (facet, f) { facetIndex[facet.name] = f; });
      var firstLink = null;
      rows.forEach(function (row, i) {
        var doc = docs[i];
        var item = element("li", "bi-suche__result");
        var heading = element("h3", "bi-suche__title");
        var link = element("a", null, row[1]);
        link.href = self.siteRoot + row[0];
        heading.appendChild(link);
        item.appendChild(heading);
        var meta = element("p", "bi-suche__meta");
        var kind = self.result.facets(doc, 0).map(function (c) { return kinds.values[c]; }).join(", ");
        meta.appendChild(element("span", "bi-suche__kind", kind));
        var parts = [];
        if (row[2]) { parts.push("Nr. " + row[2]); }
        if (row[3]) { parts.push(dateDe(row[3])); }
        var bodyFacet = facetIndex["Körperschaft"];
        if (bodyFacet !== undefined) {
          var bodies = self.result.facets(doc, bodyFacet).map(function (c) { return manifest.facets[bodyFacet].values[c]; });
          if (bodies.length) { parts.push(bodies.join(", ")); }
        }
        parts.forEach(function (part) { meta.appendChild(document.createTextNode(" · " + part)); });
        var statusFacet = facetIndex["Status"];
        if (statusFacet !== undefined) {
          self.result.facets(doc, statusFacet).forEach(function (c) {
            var facet = manifest.facets[statusFacet];
            meta.appendChild(document.createTextNode(" "));
            meta.appendChild(element("span", "bi-badge bi-badge--" + (facet.badges[c] || "neutral"), facet.values[c]));
          });
        }
        item.appendChild(meta);
        self.list.appendChild(item);
        if (!firstLink) { firstLink = link; }
      });
      self.more.hidden = self.shown >= self.filtered.length;
      if (self.filtered.length > PAGE) {
        self.more.textContent = "Weitere Ergebnisse (" + self.shown.toLocaleString("de-DE") + " von " +
          self.filtered.length.toLocaleString("de-DE") + " angezeigt)";
      }
      if (focusFirstNew && firstLink) { firstLink.focus(); }
      self.root.setAttribute("data-state", "done");
    });
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
