// The clerk's outbox: an entry that cannot be sent now is kept in this browser and sent again, in order,
// by itself, when the connection returns. Each entry keeps the event_id its form gave it, so the server
// stores it once however many times it is sent (a lost answer, a timeout, a reload, a restart). Typed text
// is kept per form until it is sent. Written by hand: Workbox and its kin queue fetch() requests in a
// service worker, but these forms are sent by htmx, and the page must show the queue and the truth.
(function () {
  "use strict";

  var page = location.pathname;
  var QUEUE = "chibo-outbox:" + page;
  var DRAFT = "chibo-draft:" + page + ":";
  var TIMEOUT = 15000;
  var RETRY = 3000;
  var sending = false;
  var confirmed = [];  // what the server said it stored, newest last: {seqs, title, gist}
  var PHONE = window.matchMedia("(max-width: 61.99rem)");

  function read(key, empty) {
    try { return JSON.parse(localStorage.getItem(key)) || empty; } catch (e) { return empty; }
  }
  function queue() { return read(QUEUE, []); }
  function keep(items) { localStorage.setItem(QUEUE, JSON.stringify(items)); show(); }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16)), h = "";
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) h += (b[i] + 256).toString(16).slice(1);
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  // htmx names the form in its events, or, once the form has been swapped out, the panel it was in.
  function consoleForm(elt) {
    if (!elt || !elt.closest) return null;
    return elt.closest("form.console-form") || (elt.querySelector && elt.querySelector("form.console-form"));
  }
  var inFlight = {};  // form id → what was sent: the form element itself is replaced by the answer
  function fieldsOf(form) {
    var out = [];
    new FormData(form).forEach(function (value, name) { if (typeof value === "string") out.push([name, value]); });
    return out;
  }
  function titleOf(form) {
    var summary = form.closest("details") && form.closest("details").querySelector("summary");
    return summary ? summary.firstChild.textContent.trim() : form.id;
  }
  function gist(fields) {
    for (var i = 0; i < fields.length; i++) {
      var name = fields[i][0], value = fields[i][1];
      if (["summary", "text", "reason", "description", "name", "subject", "note"].indexOf(name) >= 0 && value.trim()) {
        var words = value.trim().replace(/\s+/g, " ");
        return words.length > 60 ? words.slice(0, 57) + "…" : words;
      }
    }
    return "";
  }

  // -- what the clerk sees ------------------------------------------------------------------------
  function show() {
    var box = document.getElementById("outbox");
    if (!box) return;
    var items = queue();
    box.hidden = !items.length && !confirmed.length;
    var count = box.querySelector(".outbox-count"), list = box.querySelector(".outbox-items");
    count.textContent = items.length ? items.length + " mục chưa gửi" + (navigator.onLine ? "" : " · đang mất mạng, sẽ tự gửi khi có mạng")
                                     : "Mọi mục đã gửi.";
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "outbox-item " + (item.state || "waiting");
      li.textContent = item.title + (item.gist ? ": " + item.gist : "") + " — " +
        (item.state === "sending" ? "đang gửi…" : item.state === "refused" ? "bị từ chối: " + item.note
         : item.note ? "chưa gửi được (" + item.note + "), sẽ thử lại" : "chờ gửi");
      if (item.state === "refused" || item.state === "waiting") {
        var open = document.createElement("button");
        open.type = "button"; open.className = "link";
        open.textContent = item.state === "refused" ? "Mở lại để sửa" : "Sửa";
        open.addEventListener("click", function () { item.state === "refused" ? reopen(item) : edit(item); });
        li.appendChild(document.createTextNode(" ")); li.appendChild(open);
      }
      list.appendChild(li);
    });
    // The last stored entries, fewer on a phone, where the box must not cover the form being typed in.
    confirmed.slice(PHONE.matches ? -1 : -3).forEach(function (said) {
      var li = document.createElement("li");
      li.className = "outbox-item stored";
      li.textContent = "Đã ghi " + seqRange(said.seqs) + ": " + said.title + (said.gist ? ": " + said.gist : "");
      list.appendChild(li);
    });
    // Sticky only while something waits: a queue must stay in sight, a confirmation need not.
    box.classList.toggle("waiting", items.length > 0);
  }

  // "23, 24, 25, 27" → "#23–25, 27 (4 mục)": a roll-call stores one entry per member present.
  function seqRange(header) {
    var seqs = header.split(",").map(function (s) { return parseInt(s, 10); }).filter(function (n) { return !isNaN(n); });
    var runs = [], start = null, last = null;
    seqs.forEach(function (n) {
      if (start !== null && n === last + 1) { last = n; return; }
      if (start !== null) runs.push(start === last ? String(start) : start + "–" + last);
      start = last = n;
    });
    if (start !== null) runs.push(start === last ? String(start) : start + "–" + last);
    return "#" + runs.join(", ") + (seqs.length > 2 ? " (" + seqs.length + " mục)" : "");
  }
  function remember(seqs, title, said) {
    confirmed.push({seqs: seqs, title: title, gist: said || ""});
    confirmed = confirmed.slice(-3);
  }

  function status(form, text) {
    var line = form && form.querySelector(".send-state");
    if (!line && form) {
      line = document.createElement("p");
      line.className = "send-state"; line.setAttribute("role", "status");
      form.querySelector("button[type=submit]").insertAdjacentElement("beforebegin", line);
    }
    if (line) { line.textContent = text; line.hidden = !text; }
  }

  // -- drafts: typed text kept per form until sent --------------------------------------------------
  function saveDraft(form) {
    var fields = fieldsOf(form).filter(function (p) { return p[0] !== "csrf_token"; });
    localStorage.setItem(DRAFT + form.id, JSON.stringify(fields));
  }
  function dropDraft(id) { localStorage.removeItem(DRAFT + id); }
  function fill(form, fields) {
    var values = {};
    fields.forEach(function (p) { (values[p[0]] = values[p[0]] || []).push(p[1]); });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrf_token" || !(el.name in values)) return;
      if (el.type === "checkbox" || el.type === "radio") el.checked = values[el.name].indexOf(el.value) >= 0;
      else el.value = values[el.name][0];
    });
  }
  function restoreDraft(form) {
    var fields = read(DRAFT + form.id, null);
    if (!fields) return;
    fill(form, fields);
    var details = form.closest("details");
    if (details) details.open = true;  // the panel with the half-typed entry is the one to finish
    status(form, "Đã khôi phục nội dung đang gõ dở.");
  }

  // -- the queue ----------------------------------------------------------------------------------
  // Vietnam time to the minute, as the forms' "lúc" field writes it (Vietnam keeps no summer time).
  function vietnamMinute() { return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 16); }

  function tapTime(fields) {
    // A "lúc" left as the page showed it means "now when sent" (console_forms.occurred_at); an entry
    // that waits in the queue must keep the moment it was tapped, not the moment it finally gets through.
    var value = function (name) { return (fields.filter(function (p) { return p[0] === name; })[0] || [])[1]; };
    if (value("occurred_at") === undefined || value("occurred_at") !== value("occurred_at_shown")) return fields;
    var now = vietnamMinute();
    return fields.map(function (p) {
      return p[0] === "occurred_at" ? [p[0], now] : p[0] === "occurred_at_shown" ? [p[0], ""] : p;
    });
  }

  function enqueue(form, path, fields, why, sent) {
    if (!sent) fields = tapTime(fields);
    var id = (fields.filter(function (p) { return p[0] === "event_id"; })[0] || [])[1] || newId();
    var items = queue().filter(function (i) { return i.id !== id; });
    items.push({id: id, form: form.id, path: path, fields: fields, title: titleOf(form), gist: gist(fields),
                note: why, state: "waiting"});
    keep(items);
    // The form is free again for the next entry, under a new event_id; what was typed is in the queue.
    form.reset();
    var hidden = form.querySelector("input[name=event_id]");
    if (hidden) hidden.value = newId();
    dropDraft(form.id);
    status(form, why === "không có trả lời"
      ? "Máy chủ chưa trả lời: chưa biết đã ghi hay chưa. Mục này nằm trong hộp “chưa gửi” và sẽ được gửi lại " +
        "(máy chủ không ghi trùng). Có thể ghi tiếp."
      : "Chưa gửi được vì mất mạng: đã giữ lại trong hộp “chưa gửi”, sẽ tự gửi khi có mạng. Có thể ghi tiếp.");
    setTimeout(pump, navigator.onLine ? RETRY : 0);
  }

  function update(id, change) {
    keep(queue().map(function (i) { return i.id === id ? Object.assign(i, change) : i; }));
  }

  function pump() {
    if (sending || !navigator.onLine) return;
    var item = queue().filter(function (i) { return i.state !== "refused"; })[0];
    if (!item) return;
    sending = true;
    update(item.id, {state: "sending"});
    var abort = new AbortController(), timer = setTimeout(function () { abort.abort(); }, TIMEOUT);
    fetch(item.path, {method: "POST", body: new URLSearchParams(item.fields), credentials: "same-origin",
                      headers: {"HX-Request": "true"}, signal: abort.signal})
      .then(function (response) {
        return response.text().then(function (html) { return {response: response, html: html}; });
      })
      .then(function (answer) {
        clearTimeout(timer); sending = false;
        var stored = answer.response.headers.get("X-Chibo-Stored");
        if (stored !== null) {
          keep(queue().filter(function (i) { return i.id !== item.id; }));
          remember(stored, item.title, item.gist);
          show();
          setTimeout(pump, 0);
        } else if (answer.response.headers.get("X-Chibo-Refused") !== null) {
          var alert = new DOMParser().parseFromString(answer.html, "text/html").querySelector(".alert, .error");
          update(item.id, {state: "refused", note: alert ? alert.textContent.trim().replace(/\s+/g, " ") : "xem lại mẫu",
                           html: answer.html});
          setTimeout(pump, 0);
        } else {
          update(item.id, {state: "waiting", note: "máy chủ trả lời " + answer.response.status});
          setTimeout(pump, RETRY * 3);
        }
      })
      .catch(function () {
        // Offline, or no answer in time: the entry may or may not be stored; sent again under its event_id,
        // the server stores it once and says so.
        clearTimeout(timer); sending = false;
        update(item.id, {state: "waiting", note: navigator.onLine ? "không có trả lời" : "mất mạng"});
        setTimeout(pump, RETRY);
      });
  }

  // A waiting entry taken back into its form, under its own event_id: if an earlier send did reach the
  // server, sending the edited text is answered with the choice of a correction (console_forms.REUSED).
  function edit(item) {
    var form = document.getElementById(item.form);
    if (!form || sending) return;
    keep(queue().filter(function (i) { return i.id !== item.id; }));
    fill(form, item.fields);
    var details = form.closest("details");
    if (details) details.open = true;
    saveDraft(form);
    status(form, "Sửa rồi bấm ghi: mục này giữ nguyên mã của nó, nên không bị ghi thành hai.");
    var first = form.querySelector("textarea, input[type=text]");
    if (first) first.focus();
  }

  function reopen(item) {
    var fresh = new DOMParser().parseFromString(item.html || "", "text/html").getElementById(item.form);
    var here = document.getElementById(item.form);
    if (fresh && here) {
      here.replaceWith(fresh);
      if (window.htmx) htmx.process(fresh);
      var details = fresh.closest("details");
      if (details) details.open = true;
    }
    keep(queue().filter(function (i) { return i.id !== item.id; }));
  }

  // -- htmx's sending, watched ----------------------------------------------------------------------
  document.addEventListener("htmx:confirm", function (event) {
    var form = consoleForm(event.detail.elt);
    if (!form || event.detail.elt !== form || navigator.onLine) return;
    event.preventDefault();  // offline: straight to the queue, no request that would only fail
    enqueue(form, form.getAttribute("hx-post") || form.action, fieldsOf(form), "mất mạng");
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = consoleForm(event.detail.elt);
    if (!form) return;
    // Kept exactly as sent: sent again, the same body under the same event_id is the same entry to the server.
    inFlight[form.id] = {path: event.detail.requestConfig.path, fields: fieldsOf(form), title: titleOf(form)};
    // The last entry's green "Đã ghi" goes: until the server answers, nothing new is known to be stored.
    Array.prototype.forEach.call(form.querySelectorAll(".notice"), function (old) { old.remove(); });
    status(form, "Đang gửi…");
  });

  function lost(event) {
    var form = consoleForm(event.detail.elt);
    var sent = form && inFlight[form.id];
    if (!sent) return;
    event.stopImmediatePropagation();
    delete inFlight[form.id];
    enqueue(form, sent.path, sent.fields, event.type === "htmx:timeout" ? "không có trả lời" : "mất mạng",
            true);
  }
  document.addEventListener("htmx:timeout", lost, true);
  document.addEventListener("htmx:sendError", lost, true);

  // After a form is stored, it folds and the one a meeting usually needs next opens; what was stored is
  // said in the outbox box, which stays at the top of the console, so the clerk sees it without scrolling.
  // Forms that come one at a time, in the order of a meeting (domain.md); those that repeat (a guest, a
  // speech, a task…) stay open for the next one, with the cursor back in their first field (chibo.js).
  var NEXT = {"attendance": "guest", "agenda": "report", "conclusion": "approval", "approval": "close"};

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = consoleForm(event.detail.elt), xhr = event.detail.xhr;
    if (!form || !xhr || !xhr.status) return;
    status(form, "");
    var stored = xhr.getResponseHeader("X-Chibo-Stored");
    if (stored === null) return;
    dropDraft(form.id);
    var sent = inFlight[form.id] || {fields: [], title: form.id};
    delete inFlight[form.id];
    if (stored) remember(stored, sent.title, gist(sent.fields));
    show();
    var name = form.id.replace(/^form-/, ""), next = NEXT[name];
    if (next && document.getElementById("muc-" + next)) {
      var here = document.getElementById("muc-" + name);
      if (here) here.open = false;
      document.getElementById("muc-" + next).open = true;
    }
    if (PHONE.matches) toConsoleTop();
  });

  // On a phone the console's top is what was stored (the outbox) and the open form under it, with the other
  // forms' buttons below its own (chibo.css): the first screen holds what the clerk types into next.
  function toConsoleTop() {
    var area = document.getElementById("ghi");
    if (area) area.scrollIntoView({block: "start"});
  }

  // On a phone one panel is open at a time: opening one folds the others (what they hold stays, drafts too),
  // and it moves to the top of the console, so the page follows it there when it has gone out of sight.
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!PHONE.matches || !opened.open || !opened.matches || !opened.matches(".console details.panel")) return;
    Array.prototype.forEach.call(document.querySelectorAll(".console details.panel[open]"), function (other) {
      if (other !== opened) other.open = false;
    });
    if (opened.getBoundingClientRect().top < 0) toConsoleTop();
  }, true);

  document.addEventListener("input", function (event) {
    var form = consoleForm(event.target);
    if (form) saveDraft(form);
  });
  document.addEventListener("change", function (event) {
    var form = consoleForm(event.target);
    if (form) saveDraft(form);
  });

  window.addEventListener("online", function () { show(); pump(); });
  window.addEventListener("offline", show);

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.console-form"), restoreDraft);
    // Entries caught mid-send by a reload or a closed browser are sent again: the server stores each once.
    keep(queue().map(function (i) { return i.state === "sending" ? Object.assign(i, {state: "waiting"}) : i; }));
    pump();
    setInterval(pump, RETRY * 5);
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () {});
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
