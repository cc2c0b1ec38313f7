// The article page: a selection in the article text becomes a new claim's offsets (or a claim's
// new boundaries), and a click in a claim's text sets where "Split" cuts it. The character
// positions stay in hidden fields; without JavaScript the same forms show them (data-offsets)
// to be typed by hand. Then the keyboard shortcuts for triage (listed in the page's help).
(function () {
  "use strict";
  var lastSelection = null;

  // Each paragraph carries the offset where it starts (data-start16, in UTF-16 code units);
  // its text content is exactly that slice of Article.body.
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
      if (preview) preview.textContent = picked.text.trim().slice(0, 200);
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
    if (!event.target.closest) return;
    var use = event.target.closest("[data-use-selection]");
    if (use && lastSelection) {
      var form = use.closest("form");
      fill(form, lastSelection);
      var units = form.querySelector("[data-units]");
      if (units) units.value = "utf16";
      return;
    }
    // A click inside a claim's text in the list sets where "Split" cuts it.
    var text = event.target.closest("[data-claim-text]");
    if (text) {
      var selection = window.getSelection();
      if (!selection || !selection.rangeCount) return;
      var range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(selection.anchorNode, selection.anchorOffset);
      var splitForm = document.querySelector('[data-split-form="' + text.dataset.claim + '"]');
      // "at" counts code points, so count the characters before the caret the same way.
      var before = Array.from(range.toString());
      var whole = Array.from(text.textContent);
      if (!splitForm || before.length < 1 || before.length >= whole.length) return;
      splitForm.querySelector('[name="at"]').value = before.length;
      splitForm.querySelector("[data-split-button]").disabled = false;
      var preview = splitForm.querySelector("[data-split-preview]");
      if (preview) {
        preview.textContent =
          preview.dataset.label + " " + whole.slice(before.length).join("").trim().slice(0, 80);
      }
      var tools = splitForm.closest("details");
      if (tools) tools.open = true;
    }
  });

  // With JavaScript the character positions are set by selecting and clicking: hide them.
  function enhance(root) {
    root.querySelectorAll("[data-offsets]").forEach(function (offsets) {
      offsets.hidden = true;
    });
    root.querySelectorAll("[data-js-only]").forEach(function (element) {
      element.hidden = false;
    });
    root.querySelectorAll("[data-split-form]").forEach(function (form) {
      form.querySelector("[data-split-button]").disabled = !form.querySelector('[name="at"]').value;
    });
  }

  enhance(document);
  document.addEventListener("htmx:load", function (event) {
    if (event.target.querySelectorAll) enhance(event.target);
  });

  // The text and its claims are swapped in anew: an earlier selection no longer applies.
  // (Forgotten before the swap, not after it settles, so that a selection made as soon as the
  // new text shows is kept. The claim that changed takes focus through `autofocus`.)
  document.addEventListener("htmx:beforeSwap", function () {
    lastSelection = null;
    picking = null;
  });

  // Keyboard triage: j / k move between the claims of the list, a accepts the focused claim,
  // d opens its dismissal reasons (1-5 pick one, Escape closes them), u clicks the notice's
  // Undo button, ? shows the help. Each key only clicks a button of the page's plain forms.
  var picking = null;

  function claimItems() {
    return Array.prototype.slice.call(document.querySelectorAll(".claim-list > li.claim"));
  }

  function focusedClaim() {
    var active = document.activeElement;
    return active && active.closest ? active.closest(".claim-list > li.claim") : null;
  }

  function moveClaim(step) {
    var items = claimItems();
    if (!items.length) return;
    var index = items.indexOf(focusedClaim());
    var next = index < 0 ? items[step > 0 ? 0 : items.length - 1]
      : items[Math.min(Math.max(index + step, 0), items.length - 1)];
    next.focus();
    next.scrollIntoView({ block: "nearest" });
  }

  function showReasons(form, shown) {
    form.classList.toggle("picking", shown);
    form.querySelectorAll("[data-reason-key]").forEach(function (key) {
      key.hidden = !shown;
    });
  }

  function stopPicking() {
    if (!picking) return;
    showReasons(picking, false);
    var item = picking.closest("li.claim");
    picking = null;
    if (item) item.focus();
  }

  function startPicking(item) {
    var form = item && item.querySelector(".dismiss-form");
    if (!form) return;
    stopPicking();
    picking = form;
    showReasons(form, true);
    var first = form.querySelector("[data-reason]");
    if (first) first.focus();
  }

  var toggleHelp = window.factcheckKeys.toggleHelp;

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-shortcut-help]")) toggleHelp();
  });

  var typing = window.factcheckKeys.typing;

  function click(button) {
    if (!button || button.disabled) return;
    // A key can come before htmx has processed a form it just swapped in (the Undo offer):
    // processing it first (htmx does nothing to a form it has processed) keeps the request an
    // htmx one rather than a full page load.
    if (window.htmx && button.form) window.htmx.process(button.form);
    button.click();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var dialog = document.getElementById("shortcut-help");
    if (dialog && dialog.open) {
      if (event.key === "?") toggleHelp();
      return;
    }
    if (picking) {
      if (event.key === "Escape") {
        event.preventDefault();
        stopPicking();
        return;
      }
      if (/^[1-9]$/.test(event.key)) {
        event.preventDefault();
        click(picking.querySelectorAll("[data-reason]")[Number(event.key) - 1]);
        return;
      }
    }
    var item = focusedClaim();
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      stopPicking();
      moveClaim(event.key === "j" ? 1 : -1);
    } else if (event.key === "a" && item) {
      event.preventDefault();
      click(item.querySelector("[data-accept]"));
    } else if (event.key === "d" && item) {
      event.preventDefault();
      startPicking(item);
    } else if (event.key === "u") {
      event.preventDefault();
      click(document.querySelector("[data-undo]"));
    } else if (event.key === "?") {
      toggleHelp();
    }
  });
})();
