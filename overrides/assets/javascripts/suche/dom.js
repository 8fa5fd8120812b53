/*
 * Search, building the page: elements and German text. Everything from the index goes in as
 * text (textContent, text nodes), never as markup; no innerHTML anywhere in the search.
 *
 * Imports: nothing.
 */

export function element(tag, className, text) {
  var node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text !== undefined && text !== null) { node.textContent = text; }
  return node;
}

// Text into `node`, the matched places wrapped in <mark>; all of it text nodes, never markup.
export function appendMarked(node, text, hits) {
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

export function dateDe(iso) {
  if (!iso) { return ""; }
  var parts = iso.split("-");
  return parts[2] + "." + parts[1] + "." + parts[0];
}

export function plural(n, one, many) {
  return n.toLocaleString("de-DE") + " " + (n === 1 ? one : many);
}
