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

// Bytes [start, end) of a file: asked for as a range; a server that sends the whole file instead
// (answer 200, not 206) is fine too, the range is then cut here.
export function fetchRange(url, start, end) {
  return fetch(url, {headers: {Range: "bytes=" + start + "-" + (end - 1)}}).then(function (response) {
    if (!response.ok) { throw new Error(url + ": " + response.status); }
    var whole = response.status !== 206;
    return response.arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      return whole ? bytes.subarray(start, end) : bytes;
    });
  });
}
