// The few behaviours of the pages that need a script: connection notices and keyboard focus after htmx swaps.
// No inline handlers anywhere (the Content-Security-Policy forbids them); everything hangs off document events.
(function () {
  "use strict";

  var LOST = "Không gửi được: mất kết nối. Bấm ghi lần nữa; mục này sẽ không bị ghi trùng.";
  var EXPIRED = "Phiên làm việc đã hết hạn hoặc trang đã cũ. Hãy tải lại trang rồi ghi lại.";

  function formOf(elt) {
    return elt && elt.closest ? elt.closest("form.console-form") : null;
  }

  function say(form, text) {
    var line = form && form.querySelector(".send-error");
    if (!line) return;
    line.textContent = text;
    line.hidden = !text;
  }

  function connection(text) {
    var line = document.querySelector("#live .connection");
    if (line) line.textContent = text;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    say(formOf(event.detail.elt), "");
  });

  document.addEventListener("htmx:timeout", function (event) {
    var form = formOf(event.detail.elt);
    if (form) say(form, LOST);
    else connection("· mạng chậm, đang thử lại…");
  });

  document.addEventListener("htmx:sendError", function (event) {
    var form = formOf(event.detail.elt);
    if (form) say(form, LOST);
    else connection("· mất kết nối, đang thử lại…");
  });

  document.addEventListener("htmx:responseError", function (event) {
    var form = formOf(event.detail.elt);
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (form) say(form, status === 400 || status === 403 ? EXPIRED : "Máy chủ chưa ghi được (lỗi " + status + "). Bấm ghi lần nữa.");
    else connection("· máy chủ chưa trả lời, đang thử lại…");
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful && event.detail.elt && event.detail.elt.id === "live") connection("");
  });

  // After a form comes back, put the cursor where the clerk goes next: the first wrong field, else the first field.
  document.addEventListener("htmx:afterSettle", function (event) {
    var id = event.detail.elt && event.detail.elt.id;
    if (!id || id.indexOf("form-") !== 0) return;
    var form = document.getElementById(id);
    if (!form) return;
    var target = form.querySelector("[aria-invalid=true]") ||
                 (form.querySelector(".notice") && form.querySelector("input:not([type=hidden]), select, textarea"));
    if (target) target.focus();
  });
})();
