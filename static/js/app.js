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
