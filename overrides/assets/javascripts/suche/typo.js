/*
 * Search, typo tolerance: a word of TYPO_MIN letters or more that finds nothing is read as a typo,
 * and the terms one edit away from it stand in for it (index.js applies this to the index files
 * it already fetched for the word).
 *
 * Imports: nothing.
 */

export var TYPO_MIN = 5;  // letters a word needs before a typo in it is corrected

// True when a and b differ by at most one edit: a letter added, dropped, changed, or two neighbours swapped.
export function oneEditApart(a, b) {
  if (a === b) { return true; }
  var la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) { return false; }
  var i = 0;
  while (i < la && i < lb && a.charAt(i) === b.charAt(i)) { i++; }
  if (la > lb) { return a.slice(i + 1) === b.slice(i); }
  if (lb > la) { return a.slice(i) === b.slice(i + 1); }
  if (a.slice(i + 1) === b.slice(i + 1)) { return true; }
  return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
}
