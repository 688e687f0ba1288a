/* Follows a background job (GET /jobs/<id>/, JSON) and shows its progress; on success reveals the downloads. */
(function () {
  "use strict";
  document.querySelectorAll("[data-job-url]").forEach(function (box) {
    var bar = box.querySelector("progress");
    var status = box.querySelector(".job-status");
    var links = box.querySelector(".job-links");
    function show(job) {
      bar.value = job.percent;
      if (job.status === "succeeded") {
        status.textContent = box.dataset.doneText;
        links.querySelectorAll("[data-key]").forEach(function (a) { a.href = job.result[a.dataset.key]; });
        links.hidden = false;
        return;
      }
      if (job.status === "failed") {
        box.classList.add("failed");
        status.textContent = box.dataset.failedText + " " + job.error;
        return;
      }
      status.textContent = (job.status === "queued" ? box.dataset.queuedText : box.dataset.runningText) + " " + job.percent + "%";
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
