/*
 * Search, fetching: the files of suche-index/ as bytes or JSON, from the site's own host only
 * (the addresses come from the page's data-index, relative to the page).
 *
 * Imports: nothing.
 */

export function fetchBytes(url) {
  return fetch(url).then(function (response) {
    if (!response.ok) { throw new Error(url + ": " + response.status); }
    return response.arrayBuffer();
  }).then(function (buffer) { return new Uint8Array(buffer); });
}

export function fetchJson(url) {
  return fetch(url).then(function (response) {
    if (!response.ok) { throw new Error(url + ": " + response.status); }
    return response.json();
  });
}
