/*
 * Search, ranking: the documents every clause finds, and their order. A Vorlage whose own number
 * is the query comes first, then Vorlagen whose Betreff holds every word, then other pages whose
 * title does, then the rest by weight; at equal weight the manifest's kindOrder (Vorlagen and
 * dossiers before Sitzungen), then the document number.
 *
 * Imports: binary.js (the flags of a posting value).
 */
import {NUMBER_FLAG, TITLE_FLAG} from "./binary.js";

// Documents every clause finds: {weight: sum of the clauses' weights, title: every clause in the title,
// number: a clause is the document's own Vorlagen-Nr.}.
export function intersect(maps) {
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

// The code of the kind "Vorlage" in the first facet (Typ).
export function paperKind(manifest) {
  return manifest.facets[0].values.indexOf("Vorlage");
}

// Sorts docs in place. scores: from intersect; facets(doc, facet): the document's value codes.
export function rank(docs, scores, facets, manifest) {
  var kinds = manifest.facets[0].values;
  var isPaper = paperKind(manifest);
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
  return docs;
}
