/*
 * Search, reading a query: its words stemmed with the German stemmer (stemmer-de.js, the same
 * Snowball rules as the index, reached as window.BuergerinfoSuche.stem) and mapped like the index
 * maps them (the manifest's stemAliases: "beschließt" and "beschlossen" meet); a chunk such as
 * "2018/33/0590" is a Vorlagen-Nummer; the last word also matches as a prefix while it is typed.
 *
 * Imports: ../stemmer-de.js (a plain script run for its effect: it sets window.BuergerinfoSuche.stem;
 * tests/test_stemmer_js.py loads the same file as a classic script).
 */
import "../stemmer-de.js";

var ns = window.BuergerinfoSuche = window.BuergerinfoSuche || {};

export function normalize(word) {
  return word.replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u").replace(/ß/g, "ss");
}

export function stem(word, aliases) {
  if (/^[0-9]+$/.test(word)) { return word; }
  var stemmed = ns.stem ? ns.stem(word) : normalize(word);
  return Object.prototype.hasOwnProperty.call(aliases, stemmed) ? aliases[stemmed] : stemmed;
}

// A query as clauses; each clause must match. A chunk such as "2018/33/0590" is a Vorlagen-Nr.
export function parseQuery(text, stopWords, aliases, numberPrefix, minPrefix) {
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
