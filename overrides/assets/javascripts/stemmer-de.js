/*
 * German stemmer for the client-side search.
 *
 * The search index is built in Python with PyStemmer ("german", Snowball 3),
 * so the browser must reduce a query word to exactly the same stem, or a
 * search for "Beschlüsse" would not find documents indexed under "beschluss".
 * This is a hand-written port of the Snowball German algorithm; the tests in
 * tests/test_stemmer_js.py compare it with PyStemmer word by word.
 */
(function () {
  "use strict";

  var VOWELS = "aeiouyäöü";
  // Letters that may precede a removable "s" / "st" / "et" ending; other letters
  // make the ending part of the word itself (e.g. "haus", "test", "gebet").
  var S_ENDING = "bdfghklmnrt";
  var ST_ENDING = "bdfghklmnt";
  var ET_ENDING = "dfgklmnrstUzä";
  // Words where "et" belongs to the stem even after a valid et-ending
  // ("planet", "ticket", "internet", "untergeordnet"), found by comparing
  // with PyStemmer; the algorithm keeps them as an explicit exception list.
  var ET_EXCEPTIONS = ["tr", "plan", "tick", "geordn", "intern"];

  // indexOf("") is 0, so the empty string (outside the word) needs a guard.
  function isVowel(ch) {
    return ch !== "" && VOWELS.indexOf(ch) !== -1;
  }

  function endsWith(word, suffix) {
    return word.length >= suffix.length &&
      word.slice(word.length - suffix.length) === suffix;
  }

  // The longest of the candidates that the word ends with, or "". Snowball
  // picks the longest matching suffix first and only then checks the region,
  // so a too-short region never falls back to a shorter suffix.
  function longestSuffix(word, candidates) {
    var best = "";
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i].length > best.length && endsWith(word, candidates[i])) {
        best = candidates[i];
      }
    }
    return best;
  }

  function prelude(word) {
    // "u"/"y" between vowels act as consonants ("bauer", "kayak"); upper case
    // takes them out of the vowel set for the region and umlaut rules below.
    // Left to right, so an already marked letter no longer counts as a vowel.
    var chars = word.split("");
    for (var i = 1; i < chars.length - 1; i++) {
      if ((chars[i] === "u" || chars[i] === "y") &&
          isVowel(chars[i - 1]) && isVowel(chars[i + 1])) {
        chars[i] = chars[i].toUpperCase();
      }
    }
    word = chars.join("");
    // ß is written ss in Swiss German and after the 1996 reform, and ae/oe/ue
    // are the umlaut spellings without umlaut keys; both must meet the same
    // stem. "qu" is skipped so that "quelle" keeps its "ue".
    var out = "";
    for (var j = 0; j < word.length; j++) {
      var ch = word.charAt(j);
      var next = word.charAt(j + 1);
      if (ch === "ß") {
        out += "ss";
      } else if (next === "e" && (ch === "a" || ch === "o" || ch === "u")) {
        out += { a: "ä", o: "ö", u: "ü" }[ch];
        j++;
      } else if (ch === "q" && next === "u") {
        out += "qu";
        j++;
      } else {
        out += ch;
      }
    }
    return out;
  }

  // Start of the region after the first non-vowel that follows a vowel,
  // searching from "from"; the word's length if there is none.
  function regionAfter(word, from) {
    for (var i = from + 1; i < word.length; i++) {
      if (!isVowel(word.charAt(i)) && isVowel(word.charAt(i - 1))) {
        return i + 1;
      }
    }
    return word.length;
  }

  function stem(input) {
    var word = prelude(String(input).toLowerCase());
    var len = word.length;
    var p1 = len;
    var p2 = len;
    // Words under three letters keep both regions empty: nothing is removed.
    if (len >= 3) {
      p1 = regionAfter(word, 0);
      // R2 is measured from the unadjusted R1, as in Snowball.
      p2 = regionAfter(word, p1);
      // At least three letters before R1, so short stems like "kat" survive.
      if (p1 < 3) {
        p1 = 3;
      }
    }

    var suffix;
    var start;

    // Step 1: inflectional endings.
    suffix = longestSuffix(word, ["em", "ern", "er", "erin", "erinnen",
      "e", "en", "es", "s", "ln", "lns"]);
    start = word.length - suffix.length;
    if (suffix && start >= p1) {
      var before = word.slice(0, start);
      if (suffix === "em") {
        // "system" is not a dative ending.
        if (!endsWith(before, "syst")) {
          word = before;
        }
      } else if (suffix === "s") {
        if (S_ENDING.indexOf(before.charAt(before.length - 1)) !== -1) {
          word = before;
        }
      } else if (suffix === "ln" || suffix === "lns") {
        // "wechseln" and "wechsel" share a stem.
        word = before + "l";
      } else {
        word = before;
        if ((suffix === "e" || suffix === "en" || suffix === "es") &&
            endsWith(word, "niss")) {
          // "kenntnisse" -> "kenntnis", like the singular.
          word = word.slice(0, -1);
        }
      }
    }

    // Step 2: verb and superlative endings.
    suffix = longestSuffix(word, ["en", "er", "est", "st", "et"]);
    start = word.length - suffix.length;
    if (suffix && start >= p1) {
      var rest = word.slice(0, start);
      var last = rest.charAt(rest.length - 1);
      if (suffix === "st") {
        // At least three letters before the st-ending, so "test" is kept.
        if (ST_ENDING.indexOf(last) !== -1 && rest.length >= 4) {
          word = rest;
        }
      } else if (suffix === "et") {
        if (ET_ENDING.indexOf(last) !== -1 && !endsWithAny(rest, ET_EXCEPTIONS)) {
          word = rest;
        }
      } else {
        word = rest;
      }
    }

    // Step 3: derivational suffixes, only within R2.
    suffix = longestSuffix(word, ["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"]);
    start = word.length - suffix.length;
    if (suffix && start >= p2) {
      var stemPart = word.slice(0, start);
      if (suffix === "end" || suffix === "ung") {
        word = stemPart;
        if (endsWith(word, "ig") && word.length - 2 >= p2 &&
            word.charAt(word.length - 3) !== "e") {
          word = word.slice(0, -2);
        }
      } else if (suffix === "ig" || suffix === "ik" || suffix === "isch") {
        if (stemPart.charAt(stemPart.length - 1) !== "e") {
          word = stemPart;
        }
      } else if (suffix === "lich" || suffix === "heit") {
        word = stemPart;
        if ((endsWith(word, "er") || endsWith(word, "en")) && word.length - 2 >= p1) {
          word = word.slice(0, -2);
        }
      } else {
        word = stemPart;
        var inner = longestSuffix(word, ["lich", "ig"]);
        if (inner && word.length - inner.length >= p2) {
          word = word.slice(0, word.length - inner.length);
        }
      }
    }

    // Postlude: the markers and umlauts were only needed by the rules above.
    return word
      .replace(/U/g, "u").replace(/Y/g, "y")
      .replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u");
  }

  function endsWithAny(word, suffixes) {
    for (var i = 0; i < suffixes.length; i++) {
      if (endsWith(word, suffixes[i])) {
        return true;
      }
    }
    return false;
  }

  window.BuergerinfoSuche = window.BuergerinfoSuche || {};
  window.BuergerinfoSuche.stem = stem;
}());
