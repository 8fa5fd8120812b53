/*
 * Search, the filters: which results the chosen facet values let through, how many results each
 * value would have, and the groups of checkboxes beside the results (eight values per group until
 * "alle … zeigen"; the focus stays on the box or button it was on when the groups are redrawn).
 *
 * Imports: dom.js.
 */
import {element} from "./dom.js";

var SHOWN_VALUES = 8;

// selected: facet name -> chosen labels. {filtered: the docs every group lets through, counts: per
// facet, value code -> results}; each group counts over the results the other groups let through.
export function narrow(manifest, result, selected) {
  var names = manifest.facets.map(function (f) { return f.name; });
  var wanted = names.map(function (name, f) {
    var labels = selected[name];
    if (!labels || !labels.length) { return null; }
    var codes = {};
    labels.forEach(function (label) {
      var code = manifest.facets[f].values.indexOf(label);
      if (code !== -1) { codes[code] = true; }
    });
    return codes;
  });
  var counts = names.map(function () { return {}; });
  var filtered = [];
  result.docs.forEach(function (doc) {
    var failed = -1, failures = 0;
    for (var f = 0; f < names.length; f++) {
      if (!wanted[f]) { continue; }
      var codes = result.facets(doc, f), ok = false;
      for (var i = 0; i < codes.length; i++) { if (wanted[f][codes[i]]) { ok = true; break; } }
      if (!ok) { failures++; failed = f; }
    }
    if (failures === 0) { filtered.push(doc); }
    if (failures > 1) { return; }
    // Each group counts over the results the other groups let through.
    for (var g = 0; g < names.length; g++) {
      if (failures === 1 && g !== failed) { continue; }
      var values = result.facets(doc, g);
      for (var v = 0; v < values.length; v++) { counts[g][values[v]] = (counts[g][values[v]] || 0) + 1; }
    }
  });
  return {filtered: filtered, counts: counts};
}

// The groups into ui.facetsNode; a box calls ui.toggle(name, label, checked).
export function renderFacets(ui, counts) {
  var manifest = ui.index.manifest;
  var active = document.activeElement;
  var focusKey = active && active.getAttribute && active.getAttribute("data-facet-key");
  ui.facetsNode.textContent = "";
  ui.facetsNode.hidden = false;
  manifest.facets.forEach(function (facet, f) {
    var selected = ui.selected[facet.name] || [];
    var codes = Object.keys(counts[f]).map(Number);
    selected.forEach(function (label) {
      var code = facet.values.indexOf(label);
      if (code !== -1 && codes.indexOf(code) === -1) { codes.push(code); }
    });
    if (!codes.length) { return; }
    codes.sort(facet.name === "Jahr"
      ? function (a, b) { return facet.values[b].localeCompare(facet.values[a]); }
      : function (a, b) {
        return (counts[f][b] || 0) - (counts[f][a] || 0) || facet.values[a].localeCompare(facet.values[b], "de");
      });
    var group = element("fieldset", "bi-suche__group");
    group.appendChild(element("legend", null, facet.name));
    var list = element("ul");
    var limit = ui.expanded[facet.name] ? codes.length : SHOWN_VALUES;
    codes.forEach(function (code, position) {
      var label = facet.values[code];
      var isSelected = selected.indexOf(label) !== -1;
      if (position >= limit && !isSelected) { return; }
      var item = element("li");
      var labelNode = element("label");
      var box = element("input");
      box.type = "checkbox";
      box.checked = isSelected;
      box.setAttribute("data-facet-key", facet.name + "\u0000" + label);
      box.addEventListener("change", function () { ui.toggle(facet.name, label, box.checked); });
      labelNode.appendChild(box);
      labelNode.appendChild(document.createTextNode(label + " "));
      labelNode.appendChild(element("span", "bi-suche__count", "(" + (counts[f][code] || 0).toLocaleString("de-DE") + ")"));
      item.appendChild(labelNode);
      list.appendChild(item);
    });
    group.appendChild(list);
    if (codes.length > SHOWN_VALUES) {
      var toggle = element("button", "bi-suche__all", ui.expanded[facet.name] ? "weniger zeigen" : "alle " + codes.length + " zeigen");
      toggle.type = "button";
      toggle.setAttribute("aria-expanded", ui.expanded[facet.name] ? "true" : "false");
      toggle.setAttribute("data-facet-key", facet.name + "\u0000*");
      toggle.addEventListener("click", function () {
        ui.expanded[facet.name] = !ui.expanded[facet.name];
        renderFacets(ui, counts);
      });
      group.appendChild(toggle);
    }
    ui.facetsNode.appendChild(group);
  });
  if (focusKey) {
    var again = ui.facetsNode.querySelectorAll("[data-facet-key]");
    for (var i = 0; i < again.length; i++) {
      if (again[i].getAttribute("data-facet-key") === focusKey) { again[i].focus(); break; }
    }
  }
}
