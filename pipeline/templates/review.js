{# Filter documents (every word must match the doc_id, status, event types or
   text, accents ignored), keep the query in the URL hash (#q=...&type=...). #}
(function () {
  "use strict";
  var docs = Array.prototype.slice.call(document.querySelectorAll("details.doc"));
  var q = document.getElementById("q"), type = document.getElementById("type"),
      status = document.getElementById("status"), shown = document.getElementById("shown");
  var hay = null;
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function haystacks() {
    if (!hay) {
      hay = docs.map(function (d) {
        var t = d.querySelector(".text");
        return fold([d.dataset.id, d.dataset.status, d.dataset.types, t ? t.textContent : ""].join(" "));
      });
    }
    return hay;
  }
  function apply() {
    var words = fold(q.value).split(/\s+/).filter(Boolean), ty = type.value, st = status.value, n = 0;
    var h = words.length ? haystacks() : null;
    docs.forEach(function (d, i) {
      var ok = (!ty || (" " + d.dataset.types + " ").indexOf(" " + ty + " ") >= 0) &&
               (!st || d.dataset.status === st) &&
               words.every(function (w) { return h[i].indexOf(w) >= 0; });
      d.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + " / " + docs.length + " documents";
    var p = new URLSearchParams();
    if (q.value) { p.set("q", q.value); }
    if (ty) { p.set("type", ty); }
    if (st) { p.set("status", st); }
    try { history.replaceState(null, "", p.toString() ? "#" + p.toString() : location.pathname); } catch (e) {}
  }
  function fromHash() {
    if (!location.hash || location.hash.indexOf("=") < 0) { return; }
    var p = new URLSearchParams(location.hash.slice(1));
    q.value = p.get("q") || "";
    type.value = p.get("type") || "";
    status.value = p.get("status") || "";
  }
  var timer = null;
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  type.addEventListener("change", apply);
  status.addEventListener("change", apply);
  document.getElementById("open").addEventListener("click", function () {
    docs.forEach(function (d) { if (!d.hidden) { d.open = true; } });
  });
  document.getElementById("close").addEventListener("click", function () {
    docs.forEach(function (d) { d.open = false; });
  });
  document.addEventListener("click", function (ev) {  // a link to a mark opens its document
    var a = ev.target.closest && ev.target.closest("a[href^='#m']");
    var m = a && document.getElementById(a.getAttribute("href").slice(1));
    if (m) { m.closest("details").open = true; }
  });
  fromHash();
  if (q.value || type.value || status.value) { apply(); }
  document.documentElement.setAttribute("data-ready", "1");
})();
