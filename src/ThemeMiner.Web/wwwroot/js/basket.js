// The excerpt basket: passage ids kept in this browser's local storage; the server stays stateless.
(function () {
  "use strict";
  var KEY = "thememiner.basket";
  function load() {
    try { var v = JSON.parse(localStorage.getItem(KEY) || "[]"); return Array.isArray(v) ? v.filter(function (x) { return typeof x === "string"; }) : []; }
    catch (e) { return []; }
  }
  function save(ids) { localStorage.setItem(KEY, JSON.stringify(ids)); update(); }
  function basketUrl(ids) { return "/basket" + (ids.length ? "?" + ids.map(function (id) { return "passage=" + encodeURIComponent(id); }).join("&") : ""); }
  function update() {
    var ids = load();
    document.querySelectorAll("[data-basket-link]").forEach(function (a) {
      a.href = basketUrl(ids);
      a.textContent = "Excerpts (" + ids.length + ")";
    });
    document.querySelectorAll("button[data-add]").forEach(function (b) {
      var inside = ids.indexOf(b.getAttribute("data-add")) >= 0;
      b.textContent = inside ? "In excerpts" : "Add to excerpts";
      b.setAttribute("aria-pressed", inside ? "true" : "false");
    });
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target.closest("button");
    if (!t) return;
    var ids = load();
    if (t.hasAttribute("data-add")) {
      var id = t.getAttribute("data-add");
      var i = ids.indexOf(id);
      if (i >= 0) ids.splice(i, 1); else ids.push(id);
      save(ids);
      return;
    }
    var item = t.closest("[data-passage]");
    if (!item || !document.getElementById("basket-list")) return;
    var pid = item.getAttribute("data-passage"), at = ids.indexOf(pid);
    if (at < 0) return;
    if (t.hasAttribute("data-remove")) ids.splice(at, 1);
    else if (t.getAttribute("data-move") === "up" && at > 0) { ids.splice(at, 1); ids.splice(at - 1, 0, pid); }
    else if (t.getAttribute("data-move") === "down" && at < ids.length - 1) { ids.splice(at, 1); ids.splice(at + 1, 0, pid); }
    save(ids);
    location.href = basketUrl(ids);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-basket-only]").forEach(function (e) { e.hidden = false; });
    document.querySelectorAll(".basket-actions").forEach(function (e) { e.hidden = false; });
    // Opening /basket with no ids: show what this browser has collected.
    if (location.pathname === "/basket" && !location.search && load().length) location.replace(basketUrl(load()));
    update();
  });
})();
