// Loaded on every page. What htmx and HTML do on their own stays in the templates: the response
// handling for 409 and 422 is in base.html's htmx-config, focus after a swap is `autofocus`.
// Each page that needs more loads its own file (static/js/<page>.js) in {% block scripts %}.
// No inline scripts: the Content-Security-Policy forbids them.

// What the pages with keyboard shortcuts share (the workspace, the article page).
window.factcheckKeys = {
  // Whether a key press is typing in a field, where no shortcut may fire.
  typing: function (target) {
    "use strict";
    if (!target || !target.closest) return false;
    return Boolean(target.closest("input, textarea, select, [contenteditable]"));
  },
  // Open or close the page's list of shortcuts (a <dialog id="shortcut-help">).
  toggleHelp: function () {
    "use strict";
    var dialog = document.getElementById("shortcut-help");
    if (!dialog) return;
    if (dialog.open) dialog.close();
    else dialog.showModal();
  },
};

// After a fragment is swapped in: focus the first field with an error, or the alert, so
// keyboard and screen reader users land where the problem is.
// (The event's target is the new content: with outerHTML, detail.target is the replaced element.)
document.addEventListener("htmx:afterSettle", function (event) {
  "use strict";
  var target = event.target;
  if (!target || !target.querySelector) return;
  var invalid = target.querySelector(
    '[aria-invalid="true"], .field-error input, .field-error textarea, .field-error select'
  );
  if (invalid) {
    invalid.focus();
    return;
  }
  var alert = target.querySelector('[role="alert"]');
  if (alert) {
    alert.setAttribute("tabindex", "-1");
    alert.focus();
  }
});

// A request htmx swaps nothing for (401, 403, 5xx: base.html's htmx-config) must not look like
// a success: say what happened, in words base.html translates, and leave the form as it is,
// with what the user typed. The message goes once a later request succeeds.
(function () {
  "use strict";
  var messages = { 401: "loggedOutMessage", 403: "forbiddenMessage" };

  function notice() {
    return document.getElementById("request-error");
  }

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var key = messages[status] || (status >= 500 ? "serverErrorMessage" : null);
    var shown = notice();
    if (!key || !shown) return;
    shown.textContent = document.body.dataset[key];
    shown.hidden = false;
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var shown = notice();
    if (event.detail.successful && shown && !shown.hidden) {
      shown.hidden = true;
      shown.textContent = "";
    }
  });

  // Logging in again (in another tab) gives the session a new CSRF secret, in its cookie:
  // send that one, so this page's kept text can be saved without reloading it.
  document.addEventListener("htmx:configRequest", function (event) {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (!match) return;
    var token = decodeURIComponent(match[1]);
    event.detail.headers["X-CSRFToken"] = token;
    if (event.detail.formData && event.detail.formData.has("csrfmiddlewaretoken")) {
      event.detail.formData.set("csrfmiddlewaretoken", token);
    }
  });
})();
