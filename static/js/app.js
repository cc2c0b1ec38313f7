// Loaded on every page. What htmx and HTML do on their own stays in the templates: the response
// handling for 409 and 422 is in base.html's htmx-config, focus after a swap is `autofocus`.
// Each page that needs more loads its own file (static/js/<page>.js) in {% block scripts %}.
// No inline scripts: the Content-Security-Policy forbids them.

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
