// The workbench's own JavaScript: small, no inline scripts (the Content-Security-Policy forbids them).
(function () {
  "use strict";
  if (!window.htmx) return;

  // htmx 2 ignores 4xx/5xx by default. We answer 409 (edit conflict) and 422 (invalid input) on
  // purpose with a fragment to show, so swap those; other errors stay unswapped.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409", swap: true, error: false },
    { code: "422", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
    { code: "...", swap: true },
  ];
})();

// Drag and drop a file onto the article text box: it goes into the form's file field.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-dropzone]").forEach(function (zone) {
    var form = zone.closest("form");
    var input = form && form.querySelector('input[type="file"]');
    if (!input) return;
    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
    zone.addEventListener("dragleave", function () {
      zone.classList.remove("dragging");
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("dragging");
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  });
});

// Text selection in the article body -> offsets into Article.body. Each paragraph carries the
// offset where it starts (data-start); its text content is exactly that slice of the body.
(function () {
  "use strict";
  var lastSelection = null;

  function paragraphOf(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element && element.closest("[data-selectable] p[data-start]");
  }

  function offsetOf(container, offset) {
    var paragraph = paragraphOf(container);
    if (!paragraph) return null;
    var range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEnd(container, offset);
    return Number(paragraph.dataset.start16) + range.toString().length;
  }

  function currentSelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    return { start: start, end: end, text: selection.toString() };
  }

  function fill(form, picked) {
    ["start", "end", "text"].forEach(function (name) {
      var input = form.querySelector('[name="' + name + '"]');
      if (input) input.value = picked[name];
    });
  }

  function showSelection() {
    var picked = currentSelection();
    if (picked) lastSelection = picked;
    document.querySelectorAll("[data-selection-bar]").forEach(function (bar) {
      bar.hidden = !picked;
      if (!picked) return;
      fill(bar.querySelector("[data-selection-form]"), picked);
      var preview = bar.querySelector("[data-selection-preview]");
      if (preview) preview.textContent = "“" + picked.text.trim().slice(0, 200) + "”";
    });
    document.querySelectorAll("[data-use-selection]").forEach(function (button) {
      button.hidden = !lastSelection;
    });
  }

  document.addEventListener("mouseup", function (event) {
    if (event.target.closest && event.target.closest("[data-selectable]")) showSelection();
  });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey && paragraphOf(event.target)) showSelection();
  });

  document.addEventListener("click", function (event) {
    var use = event.target.closest && event.target.closest("[data-use-selection]");
    if (use && lastSelection) {
      var form = use.closest("form");
      fill(form, lastSelection);
      var units = form.querySelector("[data-units]");
      if (units) units.value = "utf16";
      return;
    }
    // A click inside a claim's text in the list sets where "Split" cuts it.
    var text = event.target.closest && event.target.closest("[data-claim-text]");
    if (text) {
      var selection = window.getSelection();
      if (!selection || !selection.rangeCount) return;
      var range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(selection.anchorNode, selection.anchorOffset);
      var splitForm = document.querySelector('[data-split-form="' + text.dataset.claim + '"]');
      // "at" counts code points, so count the characters before the caret the same way.
      var codePoints = Array.from(range.toString()).length;
      if (splitForm && codePoints > 0) splitForm.querySelector('[name="at"]').value = codePoints;
    }
  });

  // After htmx swaps the workspace, focus the claim that changed so keyboard users stay put.
  document.addEventListener("htmx:afterSettle", function () {
    var holder = document.querySelector("[data-focus]");
    var element = holder && document.getElementById(holder.dataset.focus);
    if (holder) holder.removeAttribute("data-focus");
    if (element) element.focus();
    lastSelection = null;
  });
})();

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

// After a fragment is swapped in: focus the first field with an error, so keyboard and screen
// reader users land where the problem is.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.target || event.detail.elt;
  if (!target || !target.querySelector) return;
  var invalid = target.querySelector('[aria-invalid="true"], .field-error input, .field-error textarea, .field-error select');
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

// Claims list: a "select all" checkbox for the claims on the page. It lives in the results
// fragment, which htmx replaces, so the listener is delegated from the document.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches) return;
    var form = box.form;
    if (!form) return;
    if (box.matches("[data-select-all]")) {
      form.querySelectorAll('input[type="checkbox"][name="' + box.dataset.selectAll + '"]')
        .forEach(function (item) { item.checked = box.checked; });
      return;
    }
    var all = form.querySelector("[data-select-all]");
    if (!all || box.name !== all.dataset.selectAll) return;
    var items = Array.prototype.slice.call(
      form.querySelectorAll('input[type="checkbox"][name="' + box.name + '"]')
    );
    var checked = items.filter(function (item) { return item.checked; }).length;
    all.checked = checked === items.length;
    all.indeterminate = checked > 0 && checked < items.length;
  });
})();
