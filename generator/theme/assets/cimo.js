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
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.getElementById("cimo-filter-count");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted) select.value = wanted;
    });
    function apply() {
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
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
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
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("a", a.value);
      url.searchParams.set("b", b.value);
      window.history.replaceState(null, "", url);
      show();
    });
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
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);  // Material's instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
