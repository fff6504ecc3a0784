/* Live preview only (added by `cimo serve`, never part of a built site): reload the open
   page when the preview has new pages, and show why the last save was rejected. */
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-version") : null;

  function show(banner) {
    var box = document.getElementById("cimo-preview-banner");
    if (!box) return;
    if (box.innerHTML !== banner) box.innerHTML = banner; /* HTML escaped by the preview */
    box.hidden = banner === "";
  }

  function connect() {
    var events = new EventSource("/.cimo-preview/events");
    events.onmessage = function (event) {
      var status = JSON.parse(event.data);
      if (status.ready && version !== null && status.version !== version) {
        events.close();
        window.location.reload();
        return;
      }
      if (status.ready) version = status.version;
      show(status.banner);
    };
    /* EventSource reconnects by itself when the preview restarts. */
  }

  connect();
})();
