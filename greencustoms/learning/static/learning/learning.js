/* Progressive enhancement of lessons: check exercises without reloading, reorder with buttons.
   Everything works without this file (plain forms). No inline scripts (CSP). */
(function () {
  "use strict";
  document.querySelectorAll("form.exercise").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      var button = ev.submitter;
      if (!button || button.name !== "check" || !window.fetch) { return; }
      ev.preventDefault();
      var data = new FormData(form); data.append("check", button.value);
      fetch(form.getAttribute("action").split("#")[0] || window.location.pathname, {
        method: "POST", body: data, headers: { "X-Requested-With": "fetch" }, credentials: "same-origin"
      }).then(function (r) { return r.json(); }).then(function (out) {
        var box = form.querySelector(".feedback"); box.textContent = "";
        box.className = "feedback " + (out.correct ? "ok" : "ko");
        var strong = document.createElement("strong"); strong.textContent = out.correct ? "✓" : "✗"; box.appendChild(strong);
        out.feedback.forEach(function (f) { var p = document.createElement("p"); p.textContent = f; box.appendChild(p); });
      }).catch(function () { form.submit(); });
    });
  });
  // Ordering: up/down buttons that move the item and renumber the rank fields.
  document.querySelectorAll("ol.ordering").forEach(function (list) {
    function renumber() { list.querySelectorAll("li").forEach(function (li, i) { li.querySelector("input.rank").value = i + 1; }); }
    list.querySelectorAll("li").forEach(function (li) {
      [["↑", -1], ["↓", 1]].forEach(function (spec) {
        var b = document.createElement("button"); b.type = "button"; b.className = "button button-small button-secondary move";
        b.textContent = spec[0]; b.setAttribute("aria-label", (spec[1] < 0 ? "up: " : "down: ") + li.textContent.trim());
        b.addEventListener("click", function () {
          if (spec[1] < 0 && li.previousElementSibling) { list.insertBefore(li, li.previousElementSibling); }
          if (spec[1] > 0 && li.nextElementSibling) { list.insertBefore(li.nextElementSibling, li); }
          renumber(); b.focus();
        });
        li.appendChild(b);
      });
    });
  });
})();
