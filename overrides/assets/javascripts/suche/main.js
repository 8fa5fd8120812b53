/*
 * Bürgerinfo search, the entry point that overrides/buergerinfo/suche.html loads as
 * <script type="module">. It starts the search page (ui.js) on the element [data-bi-suche].
 *
 * The search reads the static index that buergerinfo/search/index.py writes to suche-index/: a query
 * fetches the manifest, the index shards of its words, the facet blocks of the matching documents
 * and the display data of the results it shows; nothing else, and nothing from another host. All
 * text from the index is inserted as text, never as markup.
 *
 * The modules of this folder, each with one job; an arrow is "imports", and there are no cycles:
 *   main.js    -> ui.js, query.js
 *   ui.js      -> index.js, address.js, facets.js, paging.js, excerpt.js, dom.js   (the page)
 *   index.js   -> fetch.js, binary.js, query.js, typo.js, rank.js, excerpt.js (what a query fetches)
 *   query.js   -> ../stemmer-de.js                                            (query words, stems)
 *   rank.js    -> binary.js        (ranking)        typo.js    (typo tolerance)
 *   excerpt.js -> query.js         (marked words)   fetch.js   (fetching)     binary.js (index files)
 *   paging.js  -> results.js       (more results)   results.js -> dom.js, excerpt.js (one result)
 *   facets.js  -> dom.js           (filters)        address.js (URL state)    dom.js    (elements, text)
 *
 * Imports: ui.js, query.js.
 */
import {Ui} from "./ui.js";
import {parseQuery} from "./query.js";

window.BuergerinfoSuche.parseQuery = parseQuery;

function start() {
  var root = document.querySelector("[data-bi-suche]");
  if (root && !root.biSuche) { root.biSuche = new Ui(root); }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
