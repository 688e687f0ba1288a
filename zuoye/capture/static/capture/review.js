/* The review queue: one click or one key resolves the current item and moves to the next.
   Keys: 1 right, 2 partly right, 3 wrong, Enter the machine's proposal, j/k next/previous.
   Without JavaScript the buttons still post the form (and the page comes back). */
(function () {
  "use strict";
  var root = document.getElementById("review");
  if (!root) { return; }
  var csrf = (document.querySelector("[name=csrfmiddlewaretoken]") || {}).value;
  var counter = document.querySelector(".open-count");
  function items() { return Array.prototype.slice.call(root.querySelectorAll(".review-item:not(.resolved)")); }
  function current() { return root.querySelector(".review-item.current") || items()[0]; }
  function select(item) {
    root.querySelectorAll(".review-item.current").forEach(function (el) { el.classList.remove("current"); });
    if (!item) { root.querySelector(".all-done").hidden = items().length > 0; return; }
    item.classList.add("current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "center", behavior: "smooth" });
  }
  function move(step) {
    var list = items(), at = list.indexOf(current());
    select(list[Math.min(list.length - 1, Math.max(0, at + step))]);
  }
  function decide(item, outcome) {
    if (!item || item.classList.contains("busy")) { return; }
    item.classList.add("busy");
    var body = new URLSearchParams({ outcome: outcome });
    fetch(item.dataset.decideUrl, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "X-CSRFToken": csrf, Accept: "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { if (!response.ok) { throw new Error(data.error || response.status); } return data; });
    }).then(function (data) {
      var next = items()[items().indexOf(item) + 1];
      item.classList.remove("busy", "current");
      item.classList.add("resolved", "o-" + data.outcome);
      item.hidden = true;
      counter.textContent = items().length;
      select(next || items()[0]);
    }).catch(function (error) {
      item.classList.remove("busy");
      window.alert(root.dataset.errorText + " " + error.message);
    });
  }
  root.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=outcome]");
    if (!button) { var article = event.target.closest(".review-item"); if (article) { select(article); } return; }
    event.preventDefault();
    decide(button.closest(".review-item"), button.value);
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || /INPUT|SELECT|TEXTAREA/.test(event.target.tagName)) { return; }
    var keys = { "1": "right", "2": "partial", "3": "wrong" };
    if (keys[event.key]) { event.preventDefault(); decide(current(), keys[event.key]); }
    else if (event.key === "Enter") { event.preventDefault(); decide(current(), "proposed"); }
    else if (event.key === "j" || event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "k" || event.key === "ArrowUp") { event.preventDefault(); move(-1); }
  });
  select(current());
})();
