// Printed pages say when they were printed: fills every .cimo-print-date with today's date.
(function () {
  function fill() {
    var today = new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
    document.querySelectorAll(".cimo-print-date").forEach(function (el) { el.textContent = today; });
  }
  window.addEventListener("beforeprint", fill);
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(fill); }
  else { document.addEventListener("DOMContentLoaded", fill); }
})();
