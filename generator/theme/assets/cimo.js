/* CIMO knowledge base: list filters and the side-by-side view.
 * Progressive enhancement: without JavaScript the full list and plain links remain.
 * Content is only ever inserted as text (textContent), never as HTML. */
(function () {
  "use strict";

  function setupFilters() {
    var form = document.getElementById("cimo-filters");
    var table = document.getElementById("cimo-interventions");
    if (!form || !table || form.dataset.ready) return;
    form.dataset.ready = "1";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var count = document.getElementById("cimo-filter-count");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var sort = document.getElementById("cimo-sort");
    var params = new URLSearchParams(window.location.search);
    /* Only values the page offers are taken from the address (a select ignores others). */
    selects.concat(sort ? [sort] : []).forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted) select.value = wanted;
      if (select.selectedIndex < 0) select.selectedIndex = 0;
    });
    function order() {
      if (!sort) return;
      var key = "data-sort-" + sort.value;
      var sorted = rows.slice().sort(function (a, b) {
        return Number(b.getAttribute(key)) - Number(a.getAttribute(key)) ||
          Number(b.getAttribute("data-sort-naam")) - Number(a.getAttribute("data-sort-naam"));
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    }
    function remember() {
      var url = new URL(window.location.href);
      selects.concat(sort ? [sort] : []).forEach(function (select) {
        if (select.value && select.selectedIndex > 0) url.searchParams.set(select.name, select.value);
        else url.searchParams.delete(select.name);
      });
      window.history.replaceState(null, "", url);
    }
    function apply() {
      order();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = selects.every(function (select) {
          if (!select.value) return true;
          var values = (row.getAttribute("data-" + select.dataset.filter) || "").split(" ");
          return values.indexOf(select.value) !== -1;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown === 1 ? "1 interventie" : shown + " interventies";
    }
    form.addEventListener("change", function () { apply(); remember(); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(); remember(); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function column(item) {
    var col = element("section", "", "cimo-side-col");
    var heading = element("h2");
    var link = element("a", item.title);
    link.href = item.url;
    heading.appendChild(link);
    col.appendChild(heading);
    col.appendChild(element("p", item.group, "cimo-side-group"));
    var parts = [["C — Context", [item.who + (item.age ? " (" + item.age + ")" : ""), item.c]],
                 ["I — Interventie", [item.i]], ["M — Mechanismen", item.m],
                 ["O — Uitkomsten", item.o]];
    parts.forEach(function (part) {
      col.appendChild(element("h3", part[0]));
      var list = element("ul");
      part[1].forEach(function (line) { if (line) list.appendChild(element("li", line)); });
      col.appendChild(list);
    });
    return col;
  }

  function setupSideBySide() {
    var form = document.getElementById("cimo-pair");
    var out = document.getElementById("cimo-side-by-side");
    var source = document.getElementById("cimo-compare-data");
    if (!form || !out || !source || form.dataset.ready) return;
    form.dataset.ready = "1";
    /* A Map, not a plain object: ?a=constructor or ?a=__proto__ must be an unknown id, not
     * something every object inherits. */
    var data = new Map(Object.entries(JSON.parse(source.textContent)));
    var a = document.getElementById("cimo-a");
    var b = document.getElementById("cimo-b");
    var params = new URLSearchParams(window.location.search);
    if (data.has(params.get("a"))) a.value = params.get("a");
    if (data.has(params.get("b"))) b.value = params.get("b");
    else if (b.value === a.value && b.options.length > 1) b.selectedIndex = a.selectedIndex === 0 ? 1 : 0;
    function show() {
      if (!data.has(a.value) || !data.has(b.value)) {
        out.replaceChildren(element("p", "Kies twee interventies om te vergelijken."));
        return;
      }
      out.replaceChildren(column(data.get(a.value)), column(data.get(b.value)));
    }
    function update(event) {
      if (event) event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("a", a.value);
      url.searchParams.set("b", b.value);
      window.history.replaceState(null, "", url);  // the pair has an address to share
      show();
    }
    form.addEventListener("submit", update);
    form.addEventListener("change", function () { update(); });
    show();
  }

  /* WCAG 2.1: a table that scrolls sideways (Material wraps wide tables) must be reachable
   * with the keyboard, also when it holds no link. */
  function focusableScrollRegions() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(wraps, function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Tabel, scroll opzij voor meer kolommen");
      }
    });
  }

  function setup() { setupFilters(); setupSideBySide(); focusableScrollRegions(); }
  /* Both: Material's document$ reports each page of its instant navigation, but it does not
   * report anything when the site is opened from disk (file://). setup() runs once per page. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
