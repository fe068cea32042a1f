/* SCORM 1.2 API inside a sandboxed package frame (put inline into each HTML file of an imported package).
   The frame has an opaque origin, so the launch page's API cannot be reached directly: this window.API
   answers gets from a local copy of the run-time data and forwards sets, commits and finish to the
   launch page by postMessage. No dependencies; never a closing script tag in this file (it is put inline). */
function GCScormBridge(config) {
  "use strict";
  var data = config.data || {};
  var parentOrigin = config.parent;
  var setHere = {};
  var lastError = "0";
  var started = false;
  var ERRORS = { "0": "No error", "101": "General exception", "201": "Invalid argument error",
                 "301": "Not initialized", "401": "Not implemented error", "403": "Element is read only" };
  var READ_ONLY = /^cmi\.core\.(student_id|student_name|credit|entry|total_time|lesson_mode)$|^cmi\.launch_data$|^cmi\.student_data\./;
  function send(message) {
    message.gcScorm = 1;
    if (window.parent && window.parent !== window) { window.parent.postMessage(message, parentOrigin); }
  }
  window.addEventListener("message", function (event) {
    // Only the launch page (our parent) may refresh the data; a package's own frames may not.
    if (event.source !== window.parent || event.origin !== parentOrigin) { return; }
    var m = event.data;
    if (!m || m.gcScorm !== 1 || m.op !== "init" || typeof m.data !== "object" || m.data === null) { return; }
    Object.keys(m.data).forEach(function (k) {
      if (!Object.prototype.hasOwnProperty.call(setHere, k)) { data[k] = String(m.data[k]); }
    });
  });
  var api = {
    LMSInitialize: function () { started = true; lastError = "0"; send({ op: "initialize" }); return "true"; },
    LMSFinish: function () {
      if (!started) { lastError = "301"; return "false"; }
      started = false; lastError = "0"; send({ op: "finish" }); return "true";
    },
    LMSGetValue: function (key) {
      key = String(key);
      if (Object.prototype.hasOwnProperty.call(data, key)) { lastError = "0"; return data[key]; }
      lastError = /^cmi\./.test(key) ? "401" : "201";
      return "";
    },
    LMSSetValue: function (key, value) {
      key = String(key); value = String(value);
      if (READ_ONLY.test(key)) { lastError = "403"; return "false"; }
      if (!/^cmi\./.test(key)) { lastError = "201"; return "false"; }
      data[key] = value; setHere[key] = true; lastError = "0";
      send({ op: "set", key: key, value: value });
      return "true";
    },
    LMSCommit: function () { lastError = "0"; send({ op: "commit" }); return "true"; },
    LMSGetLastError: function () { return lastError; },
    LMSGetErrorString: function (code) { return ERRORS[String(code)] || "Unknown error"; },
    LMSGetDiagnostic: function (code) { return ERRORS[String(code || lastError)] || ""; }
  };
  window.API = api;
  send({ op: "ready" });
}
