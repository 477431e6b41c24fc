// Learning offline (progressive enhancement; every page, deferred).
// - Registers the service worker (/sw.js), which answers saved pages offline.
// - Course page (#offline-course): "Save for offline" with its size, a progress bar while the
//   course is stored (Cache Storage "course-<id>"), then "Remove offline copy"; the steps done
//   offline that wait to be sent (#offline-pending).
// - My learning and the offline page (#offline-saved): the courses saved on this device.
// - "Mark as done" offline (form #mark-done, or lesson.js at a lesson's end) is queued in
//   IndexedDB and sent to the server once online, in order; each record has its own id.
// - Online, at most every few minutes (at once on course pages and My learning), asks which
//   saved courses may still be kept and at which version: refreshes or removes copies.
// - Signing out sends what waits, then deletes every copy and record (the server's
//   Clear-Site-Data header does it too).
// What it says comes from the page (data-* attributes rendered in the page's language).
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.caches || !window.indexedDB || !window.fetch || !window.Promise) return;

  var COURSE_PREFIX = "course-";
  var STATUS_EVERY_MS = 5 * 60 * 1000;
  var STATUS_KEY = "offline-status-checked";
  // Whose copies and records this device holds (an opaque name from the status answer): a
  // learner's records are never sent, nor their copies kept, under another learner's account
  // (a shared computer where a session ended without signing out).
  var LEARNER_KEY = "offline-learner";
  var SIGN_OUT_WAIT_MS = 5000;
  var texts = document.getElementById("offline-text");

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});

  // --- Words and sizes ------------------------------------------------------------------

  function fill(template, values) {
    return (template || "").replace(/%\((\w+)\)s/g, function (whole, key) {
      return values && key in values ? values[key] : whole;
    });
  }

  function text(name, values, element) {
    var source = element || texts;
    return fill(source ? source.getAttribute("data-" + name) : "", values);
  }

  function number(value) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 }).format(value);
    } catch (error) {
      return String(Math.round(value * 10) / 10);
    }
  }

  function size(bytes) {
    bytes = Math.max(0, bytes || 0);
    if (bytes < 1024 * 1024) return text("kb", { size: number(Math.max(1, Math.round(bytes / 1024))) });
    return text("mb", { size: number(Math.round(bytes / 1024 / 1024 * 10) / 10) });
  }

  function notice(message, kind) {
    var where = document.querySelector("main .wrap") || document.body;
    var box = document.createElement("div");
    box.className = "messages offline-notice";
    var line = document.createElement("p");
    line.className = "message" + (kind ? " message-" + kind : "");
    line.setAttribute("role", kind === "error" ? "alert" : "status");
    line.textContent = message;
    box.appendChild(line);
    where.insertBefore(box, where.firstChild);
  }

  // --- IndexedDB: the queue of steps done offline, and the saved courses -------------------

  var database = null;

  function db() {
    if (!database) {
      database = new Promise(function (resolve, reject) {
        var request = indexedDB.open("offline-learning", 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore("queue", { keyPath: "id" });
          request.result.createObjectStore("courses", { keyPath: "id" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return database;
  }

  function run(storeName, mode, action) {
    return db().then(function (connection) {
      return new Promise(function (resolve, reject) {
        var transaction = connection.transaction(storeName, mode);
        var request = action(transaction.objectStore(storeName));
        transaction.oncomplete = function () { resolve(request ? request.result : undefined); };
        transaction.onerror = function () { reject(transaction.error); };
        transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }

  function all(storeName) { return run(storeName, "readonly", function (s) { return s.getAll(); }); }
  function get(storeName, key) { return run(storeName, "readonly", function (s) { return s.get(key); }); }
  function put(storeName, value) { return run(storeName, "readwrite", function (s) { return s.put(value); }); }
  function remove(storeName, key) { return run(storeName, "readwrite", function (s) { return s.delete(key); }); }
  function clear(storeName) { return run(storeName, "readwrite", function (s) { return s.clear(); }); }

  // --- Talking to the server ----------------------------------------------------------------

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, status: response.status, data: data };
        }, function () { return { ok: false, status: response.status, data: {} }; });
      });
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // --- "Mark as done" offline ------------------------------------------------------------------

  function pageIdOf(form) {
    var id = form.getAttribute("data-page-id");
    if (id) return parseInt(id, 10);
    var match = (form.getAttribute("action") || "").match(/\/(\d+)\/?$/);
    return match ? parseInt(match[1], 10) : null;
  }

  function showQueued(form) {
    var note = document.createElement("p");
    note.className = "message message-success offline-queued";
    note.setAttribute("role", "status");
    note.textContent = form.getAttribute("data-offline-message");
    form.replaceWith(note);
  }

  function queueDone(form) {
    var heading = document.querySelector("main h1");
    var record = {
      id: uuid(),
      page: pageIdOf(form),
      done_at: new Date().toISOString(),
      course: form.getAttribute("data-course-id") || "",
      title: heading ? heading.textContent.trim() : document.title,
      url: location.pathname,
      owner: localStorage.getItem(LEARNER_KEY) || "",
      seq: Date.now()
    };
    return all("queue").then(function (records) {
      // One record per step is enough: a second click adds nothing.
      var already = records.some(function (r) { return r.page === record.page && r.owner === record.owner; });
      return already ? null : put("queue", record);
    }).then(function () { showQueued(form); });
  }

  var syncing = null;

  function mine(records, learner) {
    return records.filter(function (r) { return !r.owner || !learner || r.owner === learner; });
  }

  // Who is signed in here, by the status answer; another learner than the device knew means
  // the copies on it are not theirs: they are removed (queued records stay, unsent, for
  // their owner; the answer says `otherLearner`). Resolves to the answer (null when nobody
  // is signed in or offline). One request serves the checks of a page load (10 s).
  var statusAnswer = null;

  function currentLearner() {
    var url = texts && texts.getAttribute("data-status-url");
    if (!url || !navigator.onLine) return Promise.resolve(null);
    if (statusAnswer && Date.now() - statusAnswer.at < 10000) return statusAnswer.promise;
    var promise = getJson(url).then(function (answer) {
      if (!answer.ok || !answer.data.learner) return null;
      var known = localStorage.getItem(LEARNER_KEY);
      localStorage.setItem(LEARNER_KEY, answer.data.learner);
      answer.otherLearner = Boolean(known && known !== answer.data.learner);
      return answer.otherLearner ? forgetCopies().then(function () { return answer; }) : answer;
    }, function () { return null; });
    statusAnswer = { at: Date.now(), promise: promise };
    return promise;
  }


  function sendBatch(url, learner) {
    return all("queue").then(function (records) {
      records = mine(records, learner);
      if (!records.length) return { sent: 0, more: false };
      records.sort(function (a, b) { return a.seq - b.seq; });
      var batch = records.slice(0, 200);
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), Accept: "application/json" },
        body: JSON.stringify({ records: batch.map(function (r) { return { id: r.id, page: r.page, done_at: r.done_at }; }) })
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (!data || !data.results) return { sent: 0, more: false };
        var byId = {};
        batch.forEach(function (r) { byId[r.id] = r; });
        var sent = 0;
        return data.results.reduce(function (done, result) {
          return done.then(function () {
            var record = byId[result.id];
            if (!record) return;
            if (result.status === "refused") {
              notice(text("refused", { title: record.title, reason: result.reason || "" }), "error");
            } else {
              sent += 1;
            }
            return remove("queue", record.id);
          });
        }, Promise.resolve()).then(function () {
          return { sent: sent, more: records.length > batch.length };
        });
      });
    });
  }

  function sync() {
    var url = texts && texts.getAttribute("data-sync-url");
    if (syncing) return syncing;
    if (!url || !navigator.onLine) return Promise.resolve();
    var total = 0;
    var learner = null;
    function next() {
      return sendBatch(url, learner).then(function (outcome) {
        total += outcome.sent;
        if (outcome.more && outcome.sent) return next();
      });
    }
    syncing = all("queue").then(function (records) {
      if (!records.length) return null;
      return currentLearner().then(function (answer) {
        if (!answer) return null;  // nobody signed in: the records wait for their learner
        learner = answer.data.learner;
        return next();
      });
    }).then(function () {
      if (total) notice(text("sent"), "success");
    }, function () {}).then(function () {
      syncing = null;
      return showPending();
    });
    return syncing;
  }

  function showPending() {
    var box = document.getElementById("offline-pending");
    if (!box) return Promise.resolve();
    var course = box.getAttribute("data-course-id") ||
      (document.getElementById("offline-course") || box).getAttribute("data-course-id");
    return all("queue").then(function (records) {
      var waiting = mine(records, localStorage.getItem(LEARNER_KEY))
        .filter(function (r) { return String(r.course) === String(course); });
      waiting.sort(function (a, b) { return a.seq - b.seq; });
      box.textContent = "";
      box.hidden = !waiting.length;
      if (!waiting.length) return;
      var heading = document.createElement("p");
      heading.className = "offline-pending-heading";
      heading.textContent = box.getAttribute("data-heading");
      var list = document.createElement("ul");
      waiting.forEach(function (r) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = r.url;
        link.textContent = r.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(heading);
      box.appendChild(list);
    });
  }

  // --- Saving a course ----------------------------------------------------------------------

  function cacheName(id) { return COURSE_PREFIX + id; }

  function fetchEntry(entry) {
    return fetch(entry.from || entry.url, { credentials: "same-origin", cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("not saved: " + entry.url);
      if (!response.redirected && !entry.from) return response;
      // Stored under its own URL, as a plain answer (a redirected one cannot answer a page).
      var headers = new Headers(response.headers);
      if (entry.kind === "quiz") headers.set("X-Offline-Kind", "quiz");
      return response.blob().then(function (body) {
        return new Response(body, { status: 200, statusText: "OK", headers: headers });
      });
    });
  }

  function download(copy, progress) {
    var entries = copy.urls.slice();
    var total = copy.bytes || 0;
    var done = 0;
    var position = 0;
    return caches.open(cacheName(copy.course)).then(function (cache) {
      function worker() {
        if (position >= entries.length) return Promise.resolve();
        var entry = entries[position++];
        return fetchEntry(entry).then(function (response) {
          return cache.put(entry.url, response);
        }).then(function () {
          done += entry.bytes || 0;
          if (progress) progress(Math.min(done, total), total);
          return worker();
        });
      }
      return Promise.all([worker(), worker(), worker()]).then(function () {
        // What the course no longer has goes.
        var wanted = {};
        entries.forEach(function (entry) { wanted[new URL(entry.url, location.href).href] = true; });
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (r) { return !wanted[r.url]; }).map(function (r) { return cache.delete(r); }));
        });
      });
    }).then(function () {
      return {
        id: String(copy.course),
        title: copy.title,
        version: copy.version,
        bytes: total,
        url: copy.page || (copy.urls[0] && copy.urls[0].url) || location.pathname,
        copyUrl: copy.copyUrl,
        savedAt: new Date().toISOString()
      };
    }).then(function (record) {
      return put("courses", record).then(function () { return record; });
    });
  }

  function removeCopy(id) {
    return caches.delete(cacheName(id)).then(function () { return remove("courses", String(id)); });
  }

  function courseWidget(box) {
    var id = box.getAttribute("data-course-id");
    var copyUrl = box.getAttribute("data-copy-url");

    function clearBox() { box.textContent = ""; box.hidden = false; }

    function showSaved(record) {
      clearBox();
      var line = document.createElement("p");
      line.className = "offline-saved-line";
      line.textContent = text("saved", { size: size(record.bytes) }) + " ";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link-button offline-remove";
      button.textContent = text("remove");
      button.addEventListener("click", function () {
        removeCopy(id).then(offer);
      });
      line.appendChild(button);
      box.appendChild(line);
    }

    function failed(error) {
      caches.delete(cacheName(id));
      remove("courses", String(id));
      var quota = error && error.name === "QuotaExceededError";
      offer().then(function () {
        notice(text(quota ? "no-space" : "failed", null, box), "error");
      });
    }

    function save(copy) {
      clearBox();
      var bar = document.createElement("progress");
      bar.className = "offline-progress";
      bar.max = copy.bytes || 1;
      bar.value = 0;
      var status = document.createElement("p");
      status.className = "small offline-progress-text";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      function progress(done, total) {
        bar.value = done;
        status.textContent = text("saving", { done: size(done), total: size(total) }, box);
      }
      progress(0, copy.bytes || 0);
      box.appendChild(bar);
      box.appendChild(status);
      // Kept under this page's course id (the one its lessons and the status name).
      copy.course = id;
      copy.copyUrl = copyUrl;
      copy.page = location.pathname;
      return navigator.serviceWorker.ready.then(function () {
        // Learn whose copy this is first: what is marked done in it is theirs.
        return currentLearner();
      }).then(function () {
        return download(copy, progress);
      }).then(function (record) {
        progress(record.bytes, record.bytes);
        showSaved(record);
      }, failed);
    }

    function offer() {
      box.hidden = true;
      if (!navigator.onLine) return Promise.resolve();
      return getJson(copyUrl).then(function (answer) {
        if (!answer.ok || !answer.data.urls) return;
        clearBox();
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button secondary offline-save";
        button.textContent = text("save", { size: size(answer.data.bytes) }, box);
        button.addEventListener("click", function () { save(answer.data); });
        box.appendChild(button);
      }, function () {});
    }

    return get("courses", String(id)).then(function (record) {
      return record ? showSaved(record) : offer();
    });
  }

  function savedList(section) {
    var list = section.querySelector("ul");
    return all("courses").then(function (records) {
      list.textContent = "";
      section.hidden = !records.length;
      records.sort(function (a, b) { return a.title < b.title ? -1 : 1; });
      records.forEach(function (record) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = record.url;
        link.textContent = record.title;
        var details = document.createElement("span");
        details.className = "small";
        details.textContent = " · " + text("saved", { size: size(record.bytes) }) + " ";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button offline-remove";
        button.textContent = text("remove");
        button.addEventListener("click", function () {
          removeCopy(record.id).then(function () { savedList(section); });
        });
        item.appendChild(link);
        item.appendChild(details);
        item.appendChild(button);
        list.appendChild(item);
      });
    });
  }

  // --- Keeping copies current --------------------------------------------------------------------

  function checkStatus(force) {
    if (!navigator.onLine) return Promise.resolve(false);
    return all("courses").then(function (records) {
      if (!records.length) return false;
      var last = parseInt(localStorage.getItem(STATUS_KEY) || "0", 10);
      if (!force && Date.now() - last < STATUS_EVERY_MS) return false;
      return currentLearner().then(function (answer) {
        if (!answer || !answer.data.courses) return false;
        localStorage.setItem(STATUS_KEY, String(Date.now()));
        if (answer.otherLearner) return true;  // the copies were another learner's: gone
        var allowed = answer.data.courses;
        var changed = false;
        return records.reduce(function (done, record) {
          return done.then(function () {
            var version = allowed[String(record.id)];
            if (version === undefined) {
              changed = true;
              return removeCopy(record.id).then(function () {
                notice(text("removed", { title: record.title }), "error");
              });
            }
            if (version !== record.version && record.copyUrl) {
              return getJson(record.copyUrl).then(function (copy) {
                if (!copy.ok) {
                  changed = true;
                  return removeCopy(record.id).then(function () {
                    notice(text("removed", { title: record.title }), "error");
                  });
                }
                copy.data.course = record.id;
                copy.data.copyUrl = record.copyUrl;
                copy.data.page = record.url;
                return download(copy.data).then(function () {
                  changed = true;
                  notice(text("updated"), "success");
                });
              });
            }
          });
        }, Promise.resolve()).then(function () { return changed; });
      }, function () { return false; });
    });
  }

  // --- Signing out ---------------------------------------------------------------------------

  function forgetCopies() {
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf(COURSE_PREFIX) === 0; })
        .map(function (name) { return caches.delete(name); }));
    }).then(function () {
      return clear("courses");
    });
  }

  function forgetEverything() {
    return forgetCopies().then(function () {
      return clear("queue");
    }).then(function () {
      localStorage.removeItem(STATUS_KEY);
      localStorage.removeItem(LEARNER_KEY);
    });
  }

  function isSignOut(form) {
    try {
      return /\/accounts\/logout\/$/.test(new URL(form.action, location.href).pathname);
    } catch (error) {
      return false;
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.id === "mark-done" && !navigator.onLine) {
      event.preventDefault();
      queueDone(form);
      return;
    }
    if (isSignOut(form) && !form.hasAttribute("data-offline-cleared")) {
      event.preventDefault();
      notice(text("sign-out"));
      var timeout = new Promise(function (resolve) { setTimeout(resolve, SIGN_OUT_WAIT_MS); });
      Promise.race([sync(), timeout]).catch(function () {}).then(forgetEverything).catch(function () {}).then(function () {
        form.setAttribute("data-offline-cleared", "");
        form.submit();
      });
    }
  });

  // --- This page ---------------------------------------------------------------------------

  // lesson.js hands over "Mark as done" at a lesson's end when it cannot reach the server.
  window.offlineLearning = { queueDone: queueDone, online: function () { return navigator.onLine; } };

  function thisPage() {
    var form = document.getElementById("mark-done");
    var box = document.getElementById("offline-course");
    var section = document.getElementById("offline-saved");
    var work = [];
    if (form) {
      var page = pageIdOf(form);
      work.push(all("queue").then(function (records) {
        var learner = localStorage.getItem(LEARNER_KEY);
        if (mine(records, learner).some(function (r) { return r.page === page; })) showQueued(form);
      }));
    }
    if (section) work.push(savedList(section));
    var force = Boolean(box || section);
    return Promise.all(work).then(function () {
      return sync();
    }).then(function () {
      return checkStatus(force);
    }).then(function () {
      if (section) savedList(section);
      if (box) return courseWidget(box).then(showPending);
      return showPending();
    });
  }

  window.addEventListener("online", function () {
    sync().then(function () { return checkStatus(false); });
  });

  thisPage().catch(function () {});
})();
