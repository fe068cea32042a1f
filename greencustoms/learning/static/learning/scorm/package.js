/* Lessons and the final test inside an exported SCORM package: render questions, score, report. */
(function () {
  "use strict";
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }
  function render(q, into) {
    var fs = el("fieldset", { "data-q": q.id }); fs.appendChild(el("legend", {}, q.prompt));
    if (q.image) { fs.appendChild(el("img", { src: q.image, alt: q.image_alt })); }
    var name = "q" + q.id;
    var matches = q.choices.map(function (c) { return c.match; }).filter(function (m, i, a) { return m && a.indexOf(m) === i; }).sort();
    q.choices.forEach(function (c, i) {
      var label = el("label");
      if (q.kind === "matching") {
        label.appendChild(document.createTextNode(c.text + " → "));
        var sel = el("select", { name: name + "-" + c.id }); sel.appendChild(el("option", { value: "" }, "—"));
        matches.forEach(function (m) { sel.appendChild(el("option", { value: m }, m)); }); label.appendChild(sel);
      } else if (q.kind === "ordering") {
        var inp = el("input", { type: "number", min: "1", max: String(q.choices.length), name: name + "-" + c.id, size: "2" });
        label.appendChild(inp); label.appendChild(document.createTextNode(" " + c.text));
      } else {
        label.appendChild(el("input", { type: q.kind === "multiple" ? "checkbox" : "radio", name: name, value: String(c.id) }));
        if (c.image) { label.appendChild(el("img", { src: c.image, alt: c.image_alt, width: "120" })); }
        label.appendChild(document.createTextNode(" " + c.text));
      }
      fs.appendChild(label);
    });
    fs.appendChild(el("div", { "class": "feedback", "aria-live": "polite" }));
    into.appendChild(fs);
  }
  function correct(q, fs) {
    var name = "q" + q.id;
    if (q.kind === "multiple") {
      var picked = Array.prototype.map.call(fs.querySelectorAll("input[name='" + name + "']:checked"), function (i) { return Number(i.value); });
      var want = q.choices.filter(function (c) { return c.correct; }).map(function (c) { return c.id; });
      return picked.length === want.length && want.every(function (w) { return picked.indexOf(w) >= 0; });
    }
    if (q.kind === "matching") {
      return q.choices.every(function (c) { return fs.querySelector("[name='" + name + "-" + c.id + "']").value === c.match; });
    }
    if (q.kind === "ordering") {
      return q.choices.every(function (c) { return Number(fs.querySelector("[name='" + name + "-" + c.id + "']").value) === c.rank; });
    }
    var one = fs.querySelector("input[name='" + name + "']:checked");
    return !!one && q.choices.some(function (c) { return c.correct && String(c.id) === one.value; });
  }
  function shuffle(a) { for (var i = a.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)); var t = a[i]; a[i] = a[j]; a[j] = t; } return a; }

  window.addEventListener("load", function () {
    var S = window.GCSCORM;
    var exercises = document.getElementById("exercises");
    if (exercises && window.GC_EXERCISES) {
      window.GC_EXERCISES.forEach(function (q) { render(q, exercises); });
      exercises.addEventListener("change", function (ev) {
        var fs = ev.target.closest("fieldset"); var q = window.GC_EXERCISES.filter(function (x) { return String(x.id) === fs.getAttribute("data-q"); })[0];
        var ok = correct(q, fs); var fb = fs.querySelector(".feedback"); fb.className = "feedback " + (ok ? "ok" : "ko");
        fb.textContent = (ok ? "✓ " : "✗ ") + (q.explanation || "");
      });
    }
    var done = document.getElementById("lesson-done");
    if (done) {
      done.addEventListener("click", function () {
        S.set("cmi.core.lesson_status", "completed"); S.commit(); done.textContent = done.getAttribute("data-done");
      });
    }
    var quiz = document.getElementById("quiz");
    if (quiz && window.GC_QUIZ) {
      var data = window.GC_QUIZ; var drawn = shuffle(data.questions.slice()).slice(0, data.size);
      var box = document.getElementById("quiz-questions"); drawn.forEach(function (q) { render(q, box); });
      quiz.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var right = 0;
        drawn.forEach(function (q) {
          var fs = box.querySelector("fieldset[data-q='" + q.id + "']"); var ok = correct(q, fs); if (ok) { right++; }
          var fb = fs.querySelector(".feedback"); fb.className = "feedback " + (ok ? "ok" : "ko"); fb.textContent = (ok ? "✓ " : "✗ ") + (q.explanation || "");
        });
        var score = Math.floor(right * 100 / drawn.length); var passed = score >= data.pass_mark;
        S.set("cmi.core.score.min", 0); S.set("cmi.core.score.max", 100); S.set("cmi.core.score.raw", score);
        S.set("cmi.core.lesson_status", passed ? "passed" : "failed"); S.commit();
        var out = document.getElementById("quiz-result"); out.textContent = score + "% — " + (passed ? out.getAttribute("data-pass") : out.getAttribute("data-fail"));
        quiz.querySelector("button").disabled = true;
      });
    }
  });
})();
