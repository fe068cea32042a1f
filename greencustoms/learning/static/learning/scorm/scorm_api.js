/* Green Customs SCORM 1.2 API wrapper: finds the LMS's window.API and talks to it. No dependencies. */
(function () {
  "use strict";
  function findAPI(win) {
    var tries = 0;
    while (win && !win.API && win.parent && win.parent !== win && tries < 10) { win = win.parent; tries++; }
    return win && win.API ? win.API : null;
  }
  var api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
  var started = false;
  var SCORM = {
    available: function () { return !!api; },
    init: function () { if (api && !started) { started = String(api.LMSInitialize("")) === "true"; } return started; },
    get: function (key) { return api ? String(api.LMSGetValue(key)) : ""; },
    set: function (key, value) { return api ? String(api.LMSSetValue(key, String(value))) === "true" : false; },
    commit: function () { return api ? String(api.LMSCommit("")) === "true" : false; },
    finish: function () { if (api && started) { api.LMSFinish(""); started = false; } },
    lastError: function () { return api ? String(api.LMSGetLastError()) : "0"; }
  };
  window.GCSCORM = SCORM;
  window.addEventListener("load", function () {
    SCORM.init();
    if (SCORM.get("cmi.core.lesson_status") === "not attempted") { SCORM.set("cmi.core.lesson_status", "incomplete"); SCORM.commit(); }
  });
  window.addEventListener("beforeunload", function () { SCORM.finish(); });
})();
