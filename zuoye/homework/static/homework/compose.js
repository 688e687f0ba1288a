/* The live load panel: while the teacher types the minutes, ask the server what each class's day would look like. */
(function () {
  "use strict";
  var input = document.querySelector("#minutes input[name=minutes]");
  var panel = document.getElementById("load-panel");
  if (!input || !panel) return;
  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var minutes = parseInt(input.value, 10);
      if (!(minutes > 0)) return;
      fetch(panel.dataset.url + "?minutes=" + minutes, { credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("#load-panel");
          if (fresh) { panel.innerHTML = fresh.innerHTML; panel.classList.add("preview"); }
        });
    }, 250);
  });
})();
