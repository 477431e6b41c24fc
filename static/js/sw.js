// The service worker of the installable app (served at /sw.js with its settings first).
// It keeps nothing but the app's own pages and assets (cache "app-<version>", at install)
// and the courses a learner saved (one cache per course, "course-<id>", filled by
// offline.js). Never the admin, the API, accounts, quizzes or management pages, never
// anything but GET. Pages: the network first; offline, the saved copy, else the offline page.
/*OFFLINE_CONFIG*/
(function () {
  "use strict";
  var config = self.OFFLINE_CONFIG || { offlinePages: {}, assets: [], version: "dev", defaultLanguage: "sr-latn" };
  var APP_CACHE = "app-" + config.version;
  var COURSE_PREFIX = "course-";
  // Paths (after the language prefix, if any) never stored nor answered from a cache.
  var NEVER = [
    /^\/admin(\/|$)/, /^\/api\//, /^\/csp-report\//, /^\/i18n\//,
    /^\/certificates\/issuer\//, /^\/sw\.js$/,
    /^\/[a-z-]+\/accounts\//, /^\/[a-z-]+\/account\//, /^\/[a-z-]+\/manage\//,
    /^\/[a-z-]+\/learning\/quizzes\//, /^\/[a-z-]+\/learning\/offline\//
  ];

  function never(url) {
    if (url.origin !== self.location.origin) return true;
    for (var i = 0; i < NEVER.length; i++) {
      if (NEVER[i].test(url.pathname)) return true;
    }
    return false;
  }

  function offlinePageFor(url) {
    var first = url.pathname.split("/")[1];
    return config.offlinePages[first] || config.offlinePages[config.defaultLanguage];
  }

  self.addEventListener("install", function (event) {
    var urls = [];
    Object.keys(config.offlinePages).forEach(function (code) { urls.push(config.offlinePages[code]); });
    urls = urls.concat(config.assets);
    event.waitUntil(
      caches.open(APP_CACHE).then(function (cache) {
        // Without the learner's cookies: these pages are the same for everyone.
        return Promise.all(urls.map(function (url) {
          return fetch(new Request(url, { credentials: "omit", cache: "reload" })).then(function (response) {
            if (response.ok) return cache.put(url, response);
          });
        }));
      }).then(function () { return self.skipWaiting(); })
    );
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(
      caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("app-") === 0 && name !== APP_CACHE;
        }).map(function (name) { return caches.delete(name); }));
      }).then(function () { return self.clients.claim(); })
    );
  });

  function courseCaches() {
    return caches.keys().then(function (names) {
      return names.filter(function (name) { return name.indexOf(COURSE_PREFIX) === 0; });
    });
  }

  // The saved copy of a URL, in whichever course holds it.
  function savedCopy(request) {
    return courseCaches().then(function (names) {
      return names.reduce(function (found, name) {
        return found.then(function (response) {
          if (response) return response;
          return caches.open(name).then(function (cache) { return cache.match(request, { ignoreVary: true }); });
        });
      }, Promise.resolve(undefined));
    });
  }

  // A page or file already saved with a course is refreshed from a good network answer
  // (never a quiz's placeholder, which stands in for a page that needs the server).
  function refreshSaved(request, response) {
    if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) return Promise.resolve();
    return courseCaches().then(function (names) {
      return Promise.all(names.map(function (name) {
        return caches.open(name).then(function (cache) {
          return cache.match(request, { ignoreVary: true }).then(function (old) {
            if (!old || old.headers.get("X-Offline-Kind") === "quiz") return;
            // A saved page is only replaced by the same learner's page: not by what an
            // anonymous reader (a session that ended) or another learner is shown.
            if (old.headers.get("X-Offline-Learner") !== response.headers.get("X-Offline-Learner")) return;
            return cache.put(request, response.clone());
          });
        });
      }));
    });
  }

  // Another rendition of the same image (images/<name>.<filter>.<ext>), if any is saved.
  function otherRendition(url) {
    var match = url.pathname.match(/^(.*\/images\/[^\/.]+)\./);
    if (!match) return Promise.resolve(undefined);
    var stem = match[1] + ".";
    return courseCaches().then(function (names) {
      return names.reduce(function (found, name) {
        return found.then(function (response) {
          if (response) return response;
          return caches.open(name).then(function (cache) {
            return cache.keys().then(function (requests) {
              for (var i = 0; i < requests.length; i++) {
                if (new URL(requests[i].url).pathname.indexOf(stem) === 0) return cache.match(requests[i]);
              }
            });
          });
        });
      }, Promise.resolve(undefined));
    });
  }

  function fromNetwork(event, request) {
    return fetch(request).then(function (response) {
      event.waitUntil(refreshSaved(request, response.clone()));
      return response;
    });
  }

  function navigation(event, url) {
    var request = event.request;
    var excluded = never(url);
    return (excluded ? fetch(request) : fromNetwork(event, request)).catch(function () {
      var saved = excluded ? Promise.resolve(undefined) : savedCopy(request);
      return saved.then(function (response) {
        if (response) return response;
        return caches.open(APP_CACHE).then(function (cache) { return cache.match(offlinePageFor(url), { ignoreVary: true }); });
      }).then(function (response) {
        return response || Response.error();
      });
    });
  }

  function resource(event, url) {
    var request = event.request;
    return fromNetwork(event, request).catch(function () {
      return savedCopy(request).then(function (response) {
        return response || caches.match(request, { cacheName: APP_CACHE, ignoreVary: true });
      }).then(function (response) {
        if (response) return response;
        if (request.destination === "image") return otherRendition(url);
      }).then(function (response) {
        return response || Response.error();
      });
    });
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") return;
    var url = new URL(request.url);
    if (request.mode === "navigate") {
      event.respondWith(navigation(event, url));
      return;
    }
    if (never(url)) return;
    event.respondWith(resource(event, url));
  });
})();
