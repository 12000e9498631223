// The service worker of the clerk's console: the page shell and the static files come from this browser's
// cache when the network does not answer, so a reload while offline still shows the console with its queue
// and drafts (kept in localStorage by outbox.js). Pages are fetched from the network first; only meeting
// pages and static files are kept. {{VERSION}} changes with the static files, so a new release replaces them.
"use strict";
var VERSION = "chibo-{{VERSION}}";
var SHELL = ["/static/css/chibo.css", "/static/js/chibo.js", "/static/js/outbox.js", "/static/vendor/htmx.min.js",
             "/static/favicon.svg"];
var MEETING_PAGE = /^\/cells\/[^/]+\/meetings\/[^/]+$/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(VERSION).then(function (cache) { return cache.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key !== VERSION; })
                           .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function kept(request, response) {
  if (response.ok) {
    var copy = response.clone();
    caches.open(VERSION).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) { return kept(request, response); });
    }));
  } else if (request.mode === "navigate" && MEETING_PAGE.test(url.pathname)) {
    event.respondWith(fetch(request).then(function (response) { return kept(request, response); })
      .catch(function () {
        return caches.match(request, {ignoreSearch: true}).then(function (hit) {
          return hit || new Response("<!doctype html><meta charset=utf-8><title>Mất mạng</title>" +
            "<p>Mất mạng, và trang này chưa được mở trên máy này khi có mạng.</p>",
            {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
        });
      }));
  }
});
