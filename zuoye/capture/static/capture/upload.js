/* Scan and photo upload: several files by drag-and-drop or the file input, sent with XHR so the
   upload itself shows a progress bar; then the batch page follows the reading job. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-xhr-upload], #scan-upload").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    var zone = form.querySelector(".dropzone");
    var list = form.querySelector(".chosen");
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector("progress");
    var status = box.querySelector(".upload-status");
    var dropped = null;
    function files() { return dropped || input.files; }
    function show() {
      list.textContent = "";
      Array.prototype.forEach.call(files(), function (f) {
        var li = document.createElement("li");
        li.textContent = f.name + " (" + Math.max(1, Math.round(f.size / 1024)) + " KB)";
        list.appendChild(li);
      });
    }
    input.addEventListener("change", function () { dropped = null; show(); });
    if (zone) {
      ["dragenter", "dragover"].forEach(function (name) {
        zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
      });
      ["dragleave", "drop"].forEach(function (name) {
        zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("over"); });
      });
      zone.addEventListener("drop", function (e) { dropped = e.dataTransfer.files; show(); });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      data.delete("files");
      Array.prototype.forEach.call(files(), function (f) { data.append("files", f, f.name); });
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      box.hidden = false;
      status.textContent = form.dataset.sendingText;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); status.textContent = bar.value + "%"; }
      });
      xhr.addEventListener("load", function () {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (ignore) { answer = { error: xhr.status }; }
        if (xhr.status === 200 && answer.batch_url) { bar.value = 100; window.location.href = answer.batch_url; return; }
        status.textContent = form.dataset.errorText + " " + (answer.error || xhr.status);
      });
      xhr.addEventListener("error", function () { status.textContent = form.dataset.errorText + " " + xhr.status; });
      xhr.send(data);
    });
  });
})();
