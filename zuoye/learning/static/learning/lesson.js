/* Micro-lesson player: sends xAPI-style statements (ADL video profile) for what happens to the
   video, reports a video that does not load in words, and asks for a rest after continuous
   watching (the minutes come from the page, i.e. from zuoye/core/policy/screen_time.py). */
(function () {
  "use strict";
  var box = document.getElementById("lesson");
  if (!box) return;
  var video = box.querySelector("video");
  var errorBox = document.querySelector(".video-error");
  var rest = box.querySelector(".rest");
  var V = "https://w3id.org/xapi/video/";
  var VERBS = {
    initialized: "http://adlnet.gov/expapi/verbs/initialized", played: V + "verbs/played",
    paused: V + "verbs/paused", seeked: V + "verbs/seeked", completed: "http://adlnet.gov/expapi/verbs/completed",
    terminated: "http://adlnet.gov/expapi/verbs/terminated", failed: "http://adlnet.gov/expapi/verbs/failed"
  };
  var registration = (window.crypto && crypto.randomUUID) ? crypto.randomUUID()
    : String(Date.now()) + "-" + String(Math.random()).slice(2, 10);
  var csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
  var segments = [], segStart = null, lastTime = 0, completed = false, failed = false;
  var text = function (key) { return (window.zuoyeLessonText || {})[key] || key; };

  function now() { return video ? Math.round(video.currentTime * 1000) / 1000 : 0; }
  function playedSegments() {
    return segments.map(function (s) { return s[0] + "[.]" + s[1]; }).join("[,]");
  }
  function progress() {
    if (!video || !video.duration || !isFinite(video.duration)) return 0;
    var spans = segments.slice().sort(function (a, b) { return a[0] - b[0]; }), covered = 0, end = 0;
    spans.forEach(function (s) { var a = Math.max(s[0], end); if (s[1] > a) { covered += s[1] - a; end = s[1]; } });
    return Math.min(1, Math.round(covered / video.duration * 1000) / 1000);
  }
  function send(verb, extra, response) {
    var ext = {};
    ext[V + "extensions/time"] = now();
    ext[V + "extensions/progress"] = progress();
    ext[V + "extensions/played-segments"] = playedSegments();
    Object.keys(extra || {}).forEach(function (k) { ext[V + "extensions/" + k] = extra[k]; });
    var body = {
      actor: { objectType: "Agent" }, verb: { id: VERBS[verb], display: { "en-US": verb } },
      object: { id: box.dataset.lesson, definition: { name: { "zh-CN": box.dataset.title },
        type: "https://w3id.org/xapi/video/activity-type/video" } },
      result: { extensions: ext }, context: { registration: registration },
      timestamp: new Date().toISOString()
    };
    if (response) body.result.response = response;
    return fetch(box.dataset.statements, {
      method: "POST", credentials: "same-origin", keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf }, body: JSON.stringify(body)
    }).catch(function () { /* offline: the watching still happened; nothing to show */ });
  }
  function closeSegment() {
    if (segStart !== null) { var t = lastTime; if (t > segStart) segments.push([segStart, t]); segStart = null; }
  }
  function showError(reason) {
    if (failed) return;
    failed = true;
    errorBox.querySelector("[data-reason]").textContent = reason + "。";
    errorBox.hidden = false;
    if (video) video.hidden = true;
    send("failed", {}, reason);
  }

  if (!video) { failed = true; send("failed", {}, text("missing")); return; }

  /* Continuous watching, counted across lessons in this browser; a long pause is a rest. */
  var restAfter = Number(box.dataset.restMinutes) * 60000, resetAfter = Number(box.dataset.resetMinutes) * 60000;
  var KEY = "zuoye.watch";
  function watchState() { try { return JSON.parse(localStorage.getItem(KEY)) || { ms: 0, at: 0 }; } catch (e) { return { ms: 0, at: 0 }; } }
  function saveState(s) { try { localStorage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* private mode */ } }
  var tick = null;
  function startCounting() {
    var s = watchState();
    if (Date.now() - s.at > resetAfter) s.ms = 0;
    s.at = Date.now(); saveState(s);
    if (tick) clearInterval(tick);
    tick = setInterval(function () {
      var st = watchState(), t = Date.now();
      st.ms += Math.min(t - st.at, 2000); st.at = t; saveState(st);
      if (st.ms >= restAfter) { video.pause(); rest.hidden = false; }
    }, 1000);
  }
  function stopCounting() { if (tick) { clearInterval(tick); tick = null; } }
  box.querySelector("[data-rest-done]").addEventListener("click", function () {
    saveState({ ms: 0, at: Date.now() }); rest.hidden = true;
  });

  var seekFrom = null;
  video.addEventListener("loadedmetadata", function () { send("initialized"); });
  video.addEventListener("play", function () {
    if (!rest.hidden) { video.pause(); return; }
    segStart = Math.abs(now() - lastTime) < 0.5 ? lastTime : now();  // "play" fires a frame late
    lastTime = now(); send("played"); startCounting();
  });
  video.addEventListener("timeupdate", function () {
    if (!video.seeking) { if (Math.abs(now() - lastTime) < 2) lastTime = now(); }
  });
  video.addEventListener("seeking", function () { if (seekFrom === null) seekFrom = lastTime; closeSegment(); });
  video.addEventListener("seeked", function () {
    send("seeked", { "time-from": seekFrom === null ? 0 : seekFrom, "time-to": now() });
    seekFrom = null; lastTime = now(); if (!video.paused) segStart = now();
  });
  video.addEventListener("pause", function () {
    if (video.ended) return;
    lastTime = now(); closeSegment(); stopCounting(); send("paused");
  });
  video.addEventListener("ended", function () {
    lastTime = video.duration || now(); closeSegment(); stopCounting();
    if (!completed) { completed = true; send("completed"); }
  });
  video.addEventListener("error", function () {
    var code = video.error ? video.error.code : 0;
    showError(code === 2 ? text("network") : code === 3 ? text("decode") : code === 1 ? text("aborted") : text("format"));
  });
  window.addEventListener("pagehide", function () {
    if (!failed && segments.length + (segStart !== null ? 1 : 0)) { lastTime = now(); closeSegment(); send("terminated"); }
  });
})();
