/* SCORM 1.2 run-time for imported packages, in the launch page. The package runs in a sandboxed frame
   (an opaque origin); its window.API (sandbox_api.js) relays the SCO's calls here by postMessage. Only
   messages from that frame are answered, and the data set by the SCO is committed to the server. */
(function () {
  "use strict";
  var player = document.getElementById("sco-player");
  if (!player) { return; }
  var frame = player.querySelector("iframe");
  var contentOrigin = player.getAttribute("data-content-origin") || "null";
  var data = {};   // values the SCO set in this launch; the server keeps the others as they were
  var dirty = false;
  function commit(keepalive) {
    if (!dirty) { return; }
    dirty = false;
    var body = {}; Object.keys(data).forEach(function (k) { body[k] = data[k]; });
    fetch(player.getAttribute("data-commit"), { method: "POST", credentials: "same-origin", keepalive: !!keepalive,
      headers: { "Content-Type": "application/json", "X-CSRFToken": player.getAttribute("data-csrf") },
      body: JSON.stringify(body) }).then(function (response) {
        player.setAttribute("data-committed", response.ok ? "ok" : "error:" + response.status);
      }, function () { player.setAttribute("data-committed", "error"); });
  }
  window.addEventListener("message", function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== contentOrigin) { return; }
    var m = event.data;
    if (!m || m.gcScorm !== 1 || typeof m.op !== "string") { return; }
    if (m.op === "ready") {
      // The frame's target origin is opaque ("null"): "*" is the only way to address it; the data is
      // the SCO's own, sent only to our frame's window.
      frame.contentWindow.postMessage({ gcScorm: 1, op: "init", data: data }, contentOrigin === "null" ? "*" : contentOrigin);
    } else if (m.op === "set") {
      if (typeof m.key !== "string" || !/^cmi\.[a-z_.0-9]{1,250}$/.test(m.key)) { return; }
      if (typeof m.value !== "string" || m.value.length > 65536) { return; }
      data[m.key] = m.value; dirty = true;
    } else if (m.op === "commit" || m.op === "finish") {
      commit(false);
    }
  });
  window.addEventListener("pagehide", function () { commit(true); });
})();
