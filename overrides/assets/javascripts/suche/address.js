/*
 * Search, the address: the state of a search lives in the page's address (?q=…&koerperschaft=…),
 * so a search can be linked, reloaded, and walked back and forth in the browser's history.
 *
 * Imports: nothing.
 */

// Facet name in the index -> parameter in the address.
var PARAMS = {
  "Typ": "typ", "Körperschaft": "koerperschaft", "Gremium": "gremium",
  "Jahr": "jahr", "Art": "art", "Status": "status"
};

// {query, selected: facet name -> chosen labels} from the current address.
export function readAddress() {
  var params = new URLSearchParams(window.location.search);
  var selected = {};
  Object.keys(PARAMS).forEach(function (name) {
    var values = params.getAll(PARAMS[name]).filter(Boolean);
    if (values.length) { selected[name] = values; }
  });
  return {query: params.get("q") || "", selected: selected};
}

// The address for a query and its filters: a new history entry (push) or in place; unchanged, none.
export function writeAddress(query, selected, push) {
  var params = new URLSearchParams();
  if (query) { params.set("q", query); }
  Object.keys(PARAMS).forEach(function (name) {
    (selected[name] || []).forEach(function (value) { params.append(PARAMS[name], value); });
  });
  var search = params.toString();
  var url = window.location.pathname + (search ? "?" + search : "");
  if (url !== window.location.pathname + window.location.search) {
    window.history[push ? "pushState" : "replaceState"](null, "", url);
  }
}
