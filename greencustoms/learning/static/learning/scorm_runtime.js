/* SCORM 1.2 run-time for imported packages: window.API for the framed SCO, committed to the server. */
(function () {
  "use strict";
  var player = document.getElementById("sco-player");
  if (!player) { return; }
  var data = { "cmi.core.lesson_status": "not attempted", "cmi.core.student_id": "", "cmi.core.student_name": "",
               "cmi.core.score.raw": "", "cmi.core.lesson_location": "", "cmi.suspend_data": "", "cmi.core.entry": "ab-initio",
               "cmi.core.credit": "credit", "cmi.core.lesson_mode": "normal" };
  var lastError = "0";
  function commit() {
    var body = {}; Object.keys(data).forEach(function (k) { body[k] = data[k]; });
    return fetch(player.getAttribute("data-commit"), { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": player.getAttribute("data-csrf") }, body: JSON.stringify(body) });
  }
  window.API = {
    LMSInitialize: function () { lastError = "0"; return "true"; },
    LMSFinish: function () { commit(); return "true"; },
    LMSGetValue: function (k) { lastError = k in data ? "0" : "401"; return data[k] || ""; },
    LMSSetValue: function (k, v) { data[k] = String(v); lastError = "0"; return "true"; },
    LMSCommit: function () { commit(); return "true"; },
    LMSGetLastError: function () { return lastError; },
    LMSGetErrorString: function (c) { return c === "0" ? "No error" : "Not implemented"; },
    LMSGetDiagnostic: function () { return ""; }
  };
})();
