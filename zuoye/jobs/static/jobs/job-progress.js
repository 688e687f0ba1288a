/* Follows a background job (GET /jobs/<id>/, JSON) and shows its progress.
   On success it reveals the box's links (hrefs from the job's result, by data-key), or reloads the
   page when the box has data-reload (the page itself then shows the outcome). A job that has not
   said how much there is to do shows an indeterminate bar. */
(function () {
  "use strict";
  document.querySelectorAll("[data-job-url]").forEach(function (box) {
    var bar = box.querySelector("progress");
    var status = box.querySelector(".job-status");
    var links = box.querySelector(".job-links");
    function show(job) {
      if (job.total) { bar.value = job.percent; } else if (job.status !== "succeeded") { bar.removeAttribute("value"); }
      if (job.status === "succeeded") {
        bar.value = 100;
        status.textContent = box.dataset.doneText;
        if ("reload" in box.dataset) { window.location.reload(); return; }
        if (!links) { return; }
        links.querySelectorAll("[data-key]").forEach(function (a) { a.href = job.result[a.dataset.key]; });
        links.hidden = false;
        return;
      }
      if (job.status === "failed") {
        box.classList.add("failed");
        status.textContent = box.dataset.failedText + " " + job.error;
        return;
      }
      status.textContent = (job.status === "queued" ? box.dataset.queuedText : box.dataset.runningText) +
        (job.total ? " " + job.percent + "%" : "");
      window.setTimeout(poll, 400);
    }
    function poll() {
      fetch(box.dataset.jobUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(show)
        .catch(function () { window.setTimeout(poll, 2000); });
    }
    poll();
  });
})();
