/*
 * Search, excerpts: where the query words stand in a text, as the index would have matched them
 * (same stems, aliases, prefix and Vorlagen-Nummer), and the paragraph shown under a result, cut to
 * a window around its first match. Pure text work: no page, no markup.
 *
 * Imports: query.js.
 */
import {normalize, stem} from "./query.js";

var TOKEN = /[0-9a-zäöüßA-ZÄÖÜ]+(?:\/[0-9a-zäöüßA-ZÄÖÜ]+)*/g;
var EXCERPT_LENGTH = 240;
// As buergerinfo/search/attachments.py (PAGE_EXCERPT_CHARS) and buergerinfo/views/markup.py (plain_text).
var PAGE_EXCERPT_CHARS = 6000;
var TAG_LIKE = /<\s*[\/!?]?\s*[a-zA-Z][^<>]*>|<!--[\s\S]*?-->/g;

function plainText(text) {
  return text.replace(TAG_LIKE, " ").replace(/\s+/g, " ").trim();
}

// A page of an Anlage, read from its text file, as the paragraphs the index would have kept of it
// (page_paragraphs in buergerinfo/search/attachments.py): lines of one paragraph joined, cut at the
// limit, anything shaped like a tag dropped.
export function pageParagraphs(text) {
  var paragraphs = [], room = PAGE_EXCERPT_CHARS;
  var blocks = text.split("\n\n");
  for (var i = 0; i < blocks.length; i++) {
    var paragraph = blocks[i].split(/\s+/).filter(Boolean).join(" ");
    if (!paragraph) { continue; }
    if (paragraph.length > room) {
      var head = paragraph.slice(0, room), space = head.lastIndexOf(" ");
      var cut = space === -1 ? head : head.slice(0, space);
      if (cut) { paragraphs.push(cut + " …"); }
      break;
    }
    paragraphs.push(paragraph);
    room -= paragraph.length;
  }
  return paragraphs.map(plainText).filter(Boolean);
}

// Which clause a word of a text satisfies (-1 for none), as the index would have matched it.
export function Matcher(clauses, aliases, numberPrefix) {
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
export function excerpt(matcher, paragraphs, facts) {
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
