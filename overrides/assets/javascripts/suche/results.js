/*
 * Search, one result in the list: its title with the query words marked and linked to its page,
 * what it is (kind, number, date, Körperschaft, status badge), and an excerpt with the query words
 * marked. Built from DOM nodes and text only.
 *
 * Imports: dom.js, excerpt.js.
 */
import {appendMarked, dateDe, element} from "./dom.js";
import {excerpt} from "./excerpt.js";

// ui: the search page (ui.js): its index, result, matcher, siteRoot and list. Returns the title link.
export function renderResult(ui, doc, row) {
  var manifest = ui.index.manifest;
  var result = ui.result;
  var item = element("li", "bi-suche__result");
  var heading = element("h3", "bi-suche__title");
  var link = element("a");
  appendMarked(link, row[1], ui.matcher.hits(row[1]));
  link.href = resultAddress(ui, row[0]);
  heading.appendChild(link);
  item.appendChild(heading);
  var meta = element("p", "bi-suche__meta");
  var kinds = manifest.facets[0].values;
  var kind = result.facets(doc, 0).map(function (c) { return kinds[c]; }).join(", ");
  meta.appendChild(element("span", "bi-suche__kind", kind));
  var parts = [];
  var anlage = row[8]; // a page of an Anlage: [Vorlage address, Betreff, number, "Seite N", page name(, "Dossier")]
  if (anlage) { parts.push.apply(parts, [anlage[3], anlage[4]].filter(Boolean)); }
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
  if (anlage) { item.appendChild(parentLine(ui, anlage)); }
  var shown = excerpt(ui.matcher, row[6] || [], row[7] || []);
  if (shown) {
    var paragraph = element("p", "bi-suche__excerpt");
    appendMarked(paragraph, shown.text, shown.hits);
    item.appendChild(paragraph);
  }
  ui.list.appendChild(item);
  return link;
}

// From the site root; a file of the Anlagen-Ablage served from its own host (its `adresse`) as it is.
function resultAddress(ui, address) {
  return /^https:\/\//.test(address) ? address : ui.siteRoot + address;
}

// "Anlage zur Vorlage Nr. …: Betreff" (or "Dokument im Dossier: Titel"), linked to the Vorlage's (dossier's) page.
function parentLine(ui, anlage) {
  var words = anlage[5] === "Dossier" ? "Dokument im Dossier: " :
    "Anlage zur Vorlage " + (anlage[2] ? "Nr. " + anlage[2] + ": " : "");
  var line = element("p", "bi-suche__parent", words);
  var link = element("a", null, anlage[1]);
  link.href = ui.siteRoot + anlage[0];
  line.appendChild(link);
  return line;
}
