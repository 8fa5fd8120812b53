/*
 * Search, the page: wires the form of overrides/buergerinfo/suche.html to the index. Typing
 * searches after a pause, sending searches at once (and opens the Vorlage when the query is exactly
 * the Vorlagen-Nummer of one Vorlage; not while it is typed), the filters narrow the results, and
 * the status line says what was found, for screen readers too. A late answer to an older query is
 * dropped (sequence).
 *
 * Imports: index.js, address.js, facets.js, paging.js, excerpt.js, dom.js.
 */
import {Index} from "./index.js";
import {readAddress, writeAddress} from "./address.js";
import {narrow, renderFacets} from "./facets.js";
import {showMore} from "./paging.js";
import {Matcher} from "./excerpt.js";
import {plural} from "./dom.js";

export function Ui(root) {
  this.root = root;
  this.siteRoot = root.getAttribute("data-root");
  this.index = new Index(root.getAttribute("data-index"), this.siteRoot);
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
  var state = readAddress();
  this.input.value = state.query;
  this.selected = state.selected;
  this.run(false, true, open || null);
};

Ui.prototype.address = function (push) {
  writeAddress(this.input.value.trim(), this.selected, push);
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
  var narrowed = narrow(manifest, result, this.selected);
  var filtered = narrowed.filtered;
  this.filtered = filtered;
  this.renderFacets(narrowed.counts);
  this.list.textContent = "";
  this.shown = 0;
  var total = filtered.length;
  this.main.hidden = total === 0;
  this.jump.hidden = total === 0;
  var isNarrowed = Object.keys(this.selected).some(function (k) { return self.selected[k].length; });
  var query = this.query;
  var typed = result.corrected.map(function (word) {  // as the visitor wrote it, capitals and all
    var at = query.toLowerCase().indexOf(word);
    return at === -1 ? word : query.substr(at, word.length);
  });
  var corrected = typed.length
    ? " Für „" + typed.join("“, „") + "“ gab es keinen Treffer; gezeigt werden ähnlich geschriebene Wörter."
    : "";
  this.status.textContent = (total
    ? plural(total, "Ergebnis", "Ergebnisse") + " für „" + this.query + "“" + (isNarrowed ? " (eingegrenzt)" : "") + "."
    : "Keine Ergebnisse für „" + this.query + "“" + (isNarrowed ? " mit diesen Filtern" : "") + ".") + corrected;
  this.matcher = new Matcher(result.clauses, manifest.stemAliases || {}, manifest.numberPrefix);
  return this.showMore(announceFocus);
};

Ui.prototype.renderFacets = function (counts) { renderFacets(this, counts); };

Ui.prototype.toggle = function (name, label, on) {
  var values = (this.selected[name] || []).filter(function (v) { return v !== label; });
  if (on) { values.push(label); }
  this.selected[name] = values;
  this.address(true);
  if (this.result) { this.refine(false); }
};

Ui.prototype.showMore = function (focusFirstNew) { return showMore(this, focusFirstNew); };
