/* zengshou serve: optional enhancements. Pages work without this file.
   Written for Chrome-90-class engines (信创 browsers): ES5 syntax plus fetch and
   URLSearchParams; no optional chaining, no nullish operators, no class fields. */
(function () {
  "use strict";

  function csrfOf(form) {
    var el = form.querySelector("input[name=csrf]");
    return el ? el.value : "";
  }

  function setCount(el, n, max, fmt, overFmt) {
    var text = fmt.replace("{n}", String(n));
    if (n > max) {
      text += overFmt.replace("{n}", String(n - max));
      el.className = "count over";
    } else {
      el.className = "count";
    }
    el.textContent = text;
  }

  /* The live count: the server counts (zengshou.text.char_count), the page shows it. */
  function liveCount(form) {
    var max = parseInt(form.getAttribute("data-max"), 10) || 300;
    var fmt = form.getAttribute("data-count-fmt") || "{n}";
    var overFmt = form.getAttribute("data-over-fmt") || "";
    var areas = form.querySelectorAll("textarea[data-count]");
    Array.prototype.forEach.call(areas, function (area) {
      var out = document.getElementById(area.getAttribute("data-count"));
      var timer = null;
      var seq = 0;
      area.addEventListener("input", function () {
        if (timer) { clearTimeout(timer); }
        timer = setTimeout(function () {
          seq += 1;
          var mine = seq;
          fetch("/u/count", {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfOf(form) },
            body: JSON.stringify({ text: area.value })
          }).then(function (r) { return r.json(); }).then(function (d) {
            if (d && d.ok && mine === seq) { setCount(out, d.count, max, fmt, overFmt); }
          })["catch"](function () {});
        }, 250);
      });
    });
  }

  /* Autosave: a draft is saved every 30 s while something changed. A stale page is never
     saved over: the server refuses it and this stops, saying so. */
  function autosave(form) {
    if (form.getAttribute("data-autosave") !== "1") { return; }
    var status = document.getElementById("autosave");
    var dirty = false;
    var stopped = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { stopped = true; });
    setInterval(function () {
      if (!dirty || stopped) { return; }
      dirty = false;
      var body = new URLSearchParams(new FormData(form));
      body.set("action", "draft");
      if (status) { status.textContent = form.getAttribute("data-saving"); }
      fetch("/u", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
        body: body
      }).then(function (r) { return r.json(); }).then(function (d) {
        if (d && d.ok) {
          form.querySelector("input[name=base]").value = d.base;
          if (status) { status.textContent = form.getAttribute("data-saved"); }
        } else {
          stopped = true;
          if (status) { status.textContent = d && d.kind === "conflict" ? form.getAttribute("data-stale") : form.getAttribute("data-failed"); }
        }
      })["catch"](function () {
        dirty = true;
        if (status) { status.textContent = form.getAttribute("data-failed"); }
      });
    }, 30000);
  }

  /* The dashboard refreshes its table every 30 s. */
  function liveTable() {
    var table = document.getElementById("units");
    var totals = document.getElementById("totals");
    if (!table || !totals) { return; }
    setInterval(function () {
      fetch(location.pathname, { credentials: "same-origin" }).then(function (r) {
        return r.ok ? r.text() : null;
      }).then(function (html) {
        if (!html) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var t2 = doc.getElementById("units");
        var s2 = doc.getElementById("totals");
        if (t2 && s2) {
          table.querySelector("tbody").innerHTML = t2.querySelector("tbody").innerHTML;
          totals.innerHTML = s2.innerHTML;
        }
      })["catch"](function () {});
    }, 30000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("entry");
    if (form) {
      liveCount(form);
      autosave(form);
    }
    liveTable();
  });
})();
