// Reaching the end of a lesson records it as done, as "Mark as done" does.
// Without JavaScript the button still works; this only saves a click. Without a connection
// the step is kept on the device and sent later (offline.js).
(function () {
  "use strict";
  var form = document.getElementById("mark-done");
  var end = document.getElementById("lesson-end");
  if (!form || !end || !("IntersectionObserver" in window) || !window.fetch) return;
  var openedAt = Date.now();
  var sent = false;
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      // Ignore a lesson short enough to fit on the screen at once until it has been open a while.
      if (!entry.isIntersecting || sent || Date.now() - openedAt < 15000) return;
      sent = true;
      observer.disconnect();
      // Offline, the step waits on the device (static/js/offline.js sends it later).
      var offline = window.offlineLearning;
      if (offline && !offline.online()) {
        offline.queueDone(form);
        return;
      }
      var data = new FormData(form);
      data.delete("next");
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) {
          if (!result) return;
          var note = document.createElement("p");
          note.className = "message message-success";
          note.setAttribute("role", "status");
          note.textContent = form.getAttribute("data-done-message");
          form.replaceWith(note);
        })
        .catch(function () {
          if (offline) offline.queueDone(form);
          else sent = false;
        });
    });
  });
  observer.observe(end);
  // Re-check periodically, so that a short lesson is recorded once it has been open long enough.
  setInterval(function () { if (!sent) { observer.unobserve(end); observer.observe(end); } }, 5000);
})();
