/* CIMO knowledge base: search with Pagefind (the index that generator/search.py builds).
 * Nothing is fetched for search until someone searches: on every page this file only adds a
 * link to the page 'Zoeken' to the header; on that page, the Pagefind bundle is imported on the
 * first query. Results and filters are inserted as text (textContent), never as HTML. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var FILTERS = [["soort", "Soort pagina"], ["gemeente", "Gemeente of netwerk"],
                 ["thema", "Thema"], ["mechanisme", "Mechanisme"]];
  var here = document.currentScript ? document.currentScript.src : "";
  var root = here ? here.replace(/assets\/search\.js(\?.*)?$/, "") : "";

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  /* A header link to the search page, on every page (Material's own search is switched off). */
  function headerLink() {
    var header = document.querySelector(".md-header__inner");
    if (!header || !root || header.querySelector(".cimo-search-link")) return;
    var link = element("a", "", "md-header__button md-icon cimo-search-link");
    link.href = root + "zoeken.html";
    link.setAttribute("aria-label", "Zoeken");
    link.title = "Zoeken";
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 " +
      "5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 " +
      "9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5");
    svg.appendChild(path);
    link.appendChild(svg);
    var anchor = header.querySelector("label[for='__drawer']");
    var title = header.querySelector(".md-header__title");
    header.insertBefore(link, title ? title.nextSibling : anchor);
  }

  /* Pagefind's excerpt is text with <mark> around the words found: rebuild it from text. */
  function excerpt(html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = element("p", "", "cimo-search-excerpt");
    Array.prototype.forEach.call(doc.body.firstChild.childNodes, function (node) {
      if (node.nodeName === "MARK") out.appendChild(element("mark", node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  function setupSearchPage() {
    var box = document.getElementById("cimo-search");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var form = document.getElementById("cimo-search-form");
    var input = document.getElementById("cimo-search-q");
    var status = document.getElementById("cimo-search-status");
    var list = document.getElementById("cimo-search-results");
    var more = document.getElementById("cimo-search-more");
    var filterBox = document.getElementById("cimo-search-filters");
    var bundle = new URL(box.dataset.bundle, document.baseURI).href;
    var siteRoot = new URL(box.dataset.root || "./", document.baseURI);
    var chosen = {};  // filter key → list of chosen values
    var pagefind = null, results = [], shown = 0, generation = 0, timer = null;

    if (window.location.protocol === "file:") {
      status.textContent = "Zoeken werkt alleen als de site via een webserver wordt geopend, " +
        "niet als bestand op uw computer. Gebruik de lijsten in het menu.";
      return;
    }
    status.textContent = "Typ een woord om te zoeken.";

    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    FILTERS.forEach(function (f) { chosen[f[0]] = params.getAll(f[0]); });

    function load() {
      if (pagefind) return Promise.resolve(pagefind);
      return import(bundle).then(function (module) {
        pagefind = module;
        return pagefind.options({ baseUrl: siteRoot.pathname }).then(function () {
          return pagefind.filters();  // loads the filter index, so results come with counts
        }).then(function () { return pagefind; });
      });
    }

    function activeFilters() {
      var out = {};
      FILTERS.forEach(function (f) { if (chosen[f[0]].length) out[f[0]] = { any: chosen[f[0]] }; });
      return out;
    }

    function remember() {
      var url = new URL(window.location.href);
      url.search = "";
      if (input.value.trim()) url.searchParams.set("q", input.value.trim());
      FILTERS.forEach(function (f) {
        chosen[f[0]].forEach(function (v) { url.searchParams.append(f[0], v); });
      });
      window.history.replaceState(null, "", url);
    }

    function renderFilters(counts) {
      /* Rebuilt after every search (the counts change): keep open groups and keyboard focus. */
      var focused = document.activeElement && filterBox.contains(document.activeElement)
        ? document.activeElement.id : "";
      var open = {};
      Array.prototype.forEach.call(filterBox.querySelectorAll("details"), function (d) {
        open[d.dataset.key] = d.open;
      });
      filterBox.replaceChildren();
      FILTERS.forEach(function (f) {
        var values = Object.keys(counts[f[0]] || {}).filter(function (v) {
          return counts[f[0]][v] > 0 || chosen[f[0]].indexOf(v) !== -1;
        }).sort(function (a, b) { return a.localeCompare(b, "nl"); });
        if (!values.length) return;
        var details = element("details", "", "cimo-search-filter");
        details.dataset.key = f[0];
        details.open = open[f[0]] || chosen[f[0]].length > 0;
        var summary = element("summary", f[1]);
        if (chosen[f[0]].length) summary.appendChild(element("span", " (" + chosen[f[0]].length + " gekozen)"));
        details.appendChild(summary);
        var fieldset = element("fieldset");
        fieldset.appendChild(element("legend", f[1], "md-visually-hidden cimo-visually-hidden"));
        values.forEach(function (value) {
          var id = "cimo-f-" + f[0] + "-" + encodeURIComponent(value).replace(/%/g, "_");
          var wrap = element("div", "", "cimo-search-option");
          var box = element("input");
          box.type = "checkbox";
          box.id = id;
          box.value = value;
          box.checked = chosen[f[0]].indexOf(value) !== -1;
          box.addEventListener("change", function () {
            chosen[f[0]] = chosen[f[0]].filter(function (v) { return v !== value; });
            if (box.checked) chosen[f[0]].push(value);
            run();
          });
          var label = element("label", value + " (" + (counts[f[0]][value] || 0) + ")");
          label.htmlFor = id;
          wrap.appendChild(box);
          wrap.appendChild(label);
          fieldset.appendChild(wrap);
        });
        details.appendChild(fieldset);
        filterBox.appendChild(details);
      });
      filterBox.hidden = !filterBox.childElementCount;
      var again = focused && document.getElementById(focused);
      if (again) again.focus();
    }

    function showMore(mine) {
      var batch = results.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== generation) return;
        pages.forEach(function (page) {
          var item = element("li", "", "cimo-search-result");
          var heading = element("h2");
          var link = element("a", page.meta.title || page.url);
          link.href = page.url;
          heading.appendChild(link);
          item.appendChild(heading);
          var about = [page.meta.soort, page.meta.gemeente].filter(Boolean).join(" · ");
          if (about) item.appendChild(element("p", about, "cimo-search-kind"));
          item.appendChild(excerpt(page.excerpt));
          list.appendChild(item);
        });
      });
    }

    function run() {
      var mine = ++generation;
      var term = input.value.trim();
      remember();
      var filters = activeFilters();
      if (!term && !Object.keys(filters).length) {
        list.replaceChildren();
        more.hidden = true;
        filterBox.hidden = true;
        status.textContent = "Typ een woord om te zoeken.";
        return;
      }
      status.textContent = "Bezig met zoeken…";
      load().then(function (pf) {
        return pf.search(term || null, { filters: filters });
      }).then(function (search) {
        if (mine !== generation) return;
        results = search.results;
        shown = 0;
        list.replaceChildren();
        renderFilters(search.filters);
        var n = results.length;
        var what = term ? " voor ‘" + term + "’" : "";
        return showMore(mine).then(function () {
          /* Announced (role=status) once the results are on the page. */
          if (mine !== generation) return;
          status.textContent = (n === 0 ? "Geen resultaten" : n === 1 ? "1 resultaat" : n + " resultaten") + what + ".";
        });
      }).catch(function () {
        status.textContent = "Zoeken lukt nu niet: de zoekindex ontbreekt of laadt niet. " +
          "In het voorbeeld (cimo serve) is er soms geen zoekindex; in de gebouwde site wel.";
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 250);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run();
    });
    more.addEventListener("click", function () {
      var first = list.children.length;
      showMore(generation).then(function () {
        var next = list.children[first];
        if (next) next.querySelector("a").focus();
      });
    });
    if (input.value || FILTERS.some(function (f) { return chosen[f[0]].length; })) run();
  }

  function setup() { headerLink(); setupSearchPage(); }
  /* Both: Material's document$ reports each page of its instant navigation, but it does not
   * report anything when the site is opened from disk (file://). setup() runs once per page. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
