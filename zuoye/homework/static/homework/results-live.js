// The results grid fills in by itself: each class asks every second for the cells recorded
// since its last answer (while the tab is visible) and updates them in place, so a teacher
// grading with a smart pen sees the marks arrive without reloading.
(function () {
  "use strict";
  var PERIOD_MS = 1000;

  function rate(table, column) {
    var right = 0, partial = 0, wrong = 0;
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      var td = tr.children[column];
      if (!td) return;
      if (td.classList.contains("o-right")) right++;
      else if (td.classList.contains("o-partial")) partial++;
      else if (td.classList.contains("o-wrong")) wrong++;
    });
    var marked = right + partial + wrong;
    return marked ? Math.round(100 * (right + partial / 2) / marked) + "%" : "–";
  }

  function apply(section, cells) {
    var table = section.querySelector("table.results-grid");
    if (!table) return;
    var touched = {}, rows = {};
    cells.forEach(function (c) {
      var td = table.querySelector('tr[data-student="' + c.student + '"] td[data-item="' + c.item + '"]');
      if (!td) return;
      var was = td.className;
      td.className = "cell o-" + c.outcome + (c.source === "self" ? " self" : "");
      td.textContent = c.symbol;
      td.title = c.source + (c.answer ? " · " + c.answer : "");
      td.dataset.score = c.score === null ? "" : c.score;
      rows[td.parentNode.dataset.student] = td.parentNode;
      if (was !== td.className) td.classList.add("fresh");
      touched[Array.prototype.indexOf.call(td.parentNode.children, td)] = true;
    });
    Object.keys(rows).forEach(function (student) {
      var total = 0, tr = rows[student];
      tr.querySelectorAll("td.cell").forEach(function (td) { total += Number(td.dataset.score || 0); });
      var cell = tr.querySelector("td.total");
      if (cell) cell.textContent = String(Math.round(total * 10) / 10);
    });
    var foot = table.querySelector("tfoot tr");
    Object.keys(touched).forEach(function (column) {
      if (foot && foot.children[column]) foot.children[column].textContent = rate(table, Number(column));
    });
    var count = section.querySelector(".recorded-count");
    if (count) count.textContent = table.querySelectorAll("tbody td.cell:not(.empty)").length;
  }

  function poll(section) {
    if (document.visibilityState === "hidden") return;
    var url = section.dataset.liveUrl + (section.dataset.since ? "?since=" + encodeURIComponent(section.dataset.since) : "");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        if (data.cells.length) apply(section, data.cells);
        section.dataset.since = data.now;
        section.dataset.polls = String(Number(section.dataset.polls || 0) + 1);
      })
      .catch(function () { /* the next tick tries again */ });
  }

  document.querySelectorAll("section.results[data-live-url]").forEach(function (section) {
    window.setInterval(function () { poll(section); }, PERIOD_MS);
  });
})();
