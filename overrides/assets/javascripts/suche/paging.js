/*
 * Search, paging: the results come PAGE at a time; "Weitere Ergebnisse" adds the next ones and,
 * when pressed (by keyboard or pointer), moves the focus to the first new result so a keyboard
 * user goes on reading where the list grew.
 *
 * Imports: results.js.
 */
import {renderResult} from "./results.js";

export var PAGE = 10;

// The next page of ui.filtered into the list; a newer query (ui.sequence) makes a late answer drop.
export function showMore(ui, focusFirstNew) {
  var start = ui.shown;
  var docs = ui.filtered.slice(start, start + PAGE);
  ui.shown = start + docs.length;
  var sequence = ui.sequence;
  ui.root.setAttribute("data-state", "busy");
  return ui.index.display(docs).then(function (rows) {
    if (sequence !== ui.sequence) { return; }
    var firstLink = null;
    rows.forEach(function (row, i) {
      var link = renderResult(ui, docs[i], row);
      if (!firstLink) { firstLink = link; }
    });
    var more = ui.filtered.length - ui.shown;
    ui.more.hidden = more <= 0;
    ui.more.textContent = "Weitere Ergebnisse (" + ui.shown.toLocaleString("de-DE") + " von " +
      ui.filtered.length.toLocaleString("de-DE") + " angezeigt)";
    if (focusFirstNew && firstLink) { firstLink.focus(); }
    ui.root.setAttribute("data-state", "done");
  });
}
