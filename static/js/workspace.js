// The review workspace: autosave status, fresh versions after every save, keyboard shortcuts.
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.closest) return false;
    return Boolean(target.closest("input, textarea, select, [contenteditable]"));
  }

  // Every save answers with the review's new version: all forms on the page carry it next.
  document.body.addEventListener("reviewSaved", function (event) {
    var detail = event.detail || {};
    document.querySelectorAll("[data-review-version]").forEach(function (input) {
      input.value = detail.version;
    });
    var conflict = document.getElementById("conflict");
    if (conflict && conflict.closest("#panel")) {
      conflict.innerHTML = "";
      conflict.removeAttribute("role");
      conflict.classList.remove("conflict");
    }
  });

  // Unsaved edits: say so, and retry when the network or the server failed.
  var retryDelay = 1000;
  function status(text, state) {
    var element = document.querySelector("[data-save-status]");
    if (!element) return;
    element.textContent = text;
    element.dataset.state = state;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt.matches && event.detail.elt.matches("[data-autosave]")) {
      status(document.documentElement.lang === "en" ? "Saving…" : "…", "saving");
    }
  });
  function failed(event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("[data-autosave]")) return;
    var code = event.detail.xhr ? event.detail.xhr.status : 0;
    if (code === 409 || code === 422) return; // shown by the swapped fragment
    status("Not saved, retrying…", "error");
    window.setTimeout(function () {
      if (document.body.contains(form)) htmx.trigger(form, "retrySave");
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) retryDelay = 1000;
  });
  window.addEventListener("beforeunload", function (event) {
    var element = document.querySelector("[data-save-status]");
    if (element && (element.dataset.state === "error" || element.dataset.state === "saving")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // "Add source" shows the inline form; without JavaScript the form is simply always shown.
  function collapseAddSource() {
    document.querySelectorAll("[data-add-source-form][data-collapsible]").forEach(function (form) {
      form.hidden = true;
    });
  }
  document.addEventListener("DOMContentLoaded", collapseAddSource);
  document.addEventListener("htmx:afterSettle", collapseAddSource);
  function openAddSource() {
    var button = document.querySelector("[data-add-source]");
    var form = document.querySelector("[data-add-source-form]");
    if (!button || !form) return;
    form.hidden = false;
    button.setAttribute("aria-expanded", "true");
    var url = form.querySelector('[name="url"]');
    if (url) url.focus();
  }
  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    if (event.target.closest("[data-add-source]")) {
      openAddSource();
      return;
    }
    var suggestion = event.target.closest("[data-source-url]");
    if (suggestion) {
      var form = suggestion.closest("form");
      var fields = { url: "sourceUrl", title: "sourceTitle", publisher: "sourcePublisher",
                     kind: "sourceKind", published_on: "sourcePublished" };
      Object.keys(fields).forEach(function (name) {
        var input = form.querySelector('[name="' + name + '"]');
        var value = suggestion.dataset[fields[name]];
        if (input && value) input.value = value;
      });
      suggestion.closest("[data-source-suggestions]").innerHTML = "";
      var quote = form.querySelector('[name="quote"]');
      if (quote) quote.focus();
      return;
    }
    if (event.target.closest("[data-shortcut-help]")) toggleHelp();
  });

  function toggleHelp() {
    var dialog = document.getElementById("shortcut-help");
    if (!dialog) return;
    if (dialog.open) dialog.close();
    else dialog.showModal();
  }

  function moveClaim(step) {
    var marks = Array.prototype.slice.call(document.querySelectorAll("[data-review-claim]"));
    var seen = [];
    marks = marks.filter(function (mark) {
      var id = mark.dataset.reviewClaim;
      if (seen.indexOf(id) >= 0) return false;
      seen.push(id);
      return true;
    });
    var panel = document.getElementById("panel");
    if (!panel || !marks.length) return;
    var index = seen.indexOf(panel.dataset.claim);
    var next = marks[Math.min(Math.max(index + step, 0), marks.length - 1)];
    if (next && next.dataset.reviewClaim !== panel.dataset.claim) next.click();
  }

  // Keep the highlighted claim in the article in step with the panel.
  document.addEventListener("htmx:afterSettle", function () {
    var panel = document.getElementById("panel");
    if (!panel) return;
    document.querySelectorAll("[data-review-claim]").forEach(function (mark) {
      var current = mark.dataset.reviewClaim === panel.dataset.claim;
      mark.classList.toggle("current", current);
      if (current) mark.setAttribute("aria-current", "true");
      else mark.removeAttribute("aria-current");
    });
  });

  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("panel")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Enter" && event.shiftKey && !typing(event.target)) {
      var submit = document.querySelector("[data-submit-review]");
      if (submit) {
        event.preventDefault();
        submit.click();
      }
      return;
    }
    if (typing(event.target)) return;
    var form = document.getElementById("review-form");
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      moveClaim(event.key === "j" ? 1 : -1);
    } else if (/^[1-9]$/.test(event.key) && form) {
      var radio = form.querySelector('input[name="verdict"][data-key="' + event.key + '"]');
      if (radio) {
        radio.checked = true;
        radio.focus();
        radio.dispatchEvent(new Event("change", { bubbles: true }));
      }
    } else if (event.key === "e") {
      event.preventDefault();
      openAddSource();
    } else if (event.key === "s" && form) {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === "?") {
      toggleHelp();
    }
  });
})();
