// The review workspace. htmx and HTML do the rest: "Saving..." is hx-indicator, every save
// answers with the review's new version as an out-of-band swap, "Add source" is a <details>.
// What remains: retrying an autosave the network lost, picking a suggested source, keeping the
// article's highlight (and its scroll) in step with the panel, folding the article on a phone,
// and the keyboard shortcuts.
(function () {
  "use strict";

  // An autosave that failed for the network or the server: say so (the status holds the
  // translated words, shown by data-state) and try again, waiting longer each time.
  var retryDelay = 1000;
  function failed(event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("[data-autosave]")) return;
    var status = document.getElementById("save-status");
    if (status) status.dataset.state = "error";
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
    var status = document.getElementById("save-status");
    if (status && (status.dataset.state === "error" || status.classList.contains("htmx-request"))) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // On a narrow screen the article is a block to open above the claim, closed to begin with;
  // side by side with the claim on a wide one. The same width as app.css's breakpoint.
  var narrow = window.matchMedia("(max-width: 60rem)");
  function fitArticle() {
    var context = document.querySelector("[data-article-context]");
    if (context) context.open = !narrow.matches;
  }
  fitArticle();
  narrow.addEventListener("change", fitArticle);

  // The keyboard shortcuts need this script: the page hides what advertises them until it runs,
  // in the page and in every panel swapped in later.
  htmx.onLoad(function (content) {
    if (!content.querySelectorAll) return;
    content.querySelectorAll("[data-with-script]").forEach(function (element) {
      element.hidden = false;
    });
  });

  function openAddSource() {
    var panel = document.getElementById("add-source");
    if (!panel) return;
    panel.open = true;
    var url = panel.querySelector('[name="url"]');
    if (url) url.focus();
  }

  // A source already in the library, picked from the suggestions, fills the form's fields.
  function useSuggestion(suggestion) {
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
  }

  var toggleHelp = window.factcheckKeys.toggleHelp;

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    var suggestion = event.target.closest("[data-source-url]");
    if (suggestion) useSuggestion(suggestion);
    else if (event.target.closest("[data-shortcut-help]")) toggleHelp();
  });

  function moveClaim(step) {
    var seen = [];
    var marks = Array.prototype.filter.call(
      document.querySelectorAll("[data-review-claim]"),
      function (mark) {
        var id = mark.dataset.reviewClaim;
        if (seen.indexOf(id) >= 0) return false;
        seen.push(id);
        return true;
      }
    );
    var panel = document.getElementById("panel");
    if (!panel || !marks.length) return;
    var index = seen.indexOf(panel.dataset.claim);
    var next = marks[Math.min(Math.max(index + step, 0), marks.length - 1)];
    if (next && next.dataset.reviewClaim !== panel.dataset.claim) next.click();
  }

  // Scroll the article pane (not the page) to the current claim when it is out of sight.
  var shownClaim = null;
  function scrollToCurrent() {
    var panel = document.getElementById("panel");
    var pane = document.querySelector(".article-pane");
    if (!panel || !pane || panel.dataset.claim === shownClaim) return;
    shownClaim = panel.dataset.claim;
    var mark = pane.querySelector('[data-review-claim="' + shownClaim + '"]');
    if (!mark || pane.scrollHeight <= pane.clientHeight) return;
    var paneBox = pane.getBoundingClientRect();
    var markBox = mark.getBoundingClientRect();
    if (markBox.top < paneBox.top || markBox.bottom > paneBox.bottom) {
      pane.scrollTop += markBox.top - paneBox.top - pane.clientHeight / 3;
    }
  }
  scrollToCurrent();

  // The status class of the panel's badge ("status-in_review"...), which a submit can move.
  function shownStatus(panel) {
    var badge = panel.querySelector("#claim-meta .badge");
    if (!badge) return null;
    return Array.prototype.find.call(badge.classList, function (name) {
      return name.indexOf("status-") === 0;
    }) || null;
  }

  // Keep the highlighted claim in the article in step with the panel, and its status with
  // the panel's badge.
  document.addEventListener("htmx:afterSettle", function () {
    var panel = document.getElementById("panel");
    if (!panel) return;
    var status = shownStatus(panel);
    document.querySelectorAll("[data-review-claim]").forEach(function (mark) {
      var current = mark.dataset.reviewClaim === panel.dataset.claim;
      mark.classList.toggle("current", current);
      if (current) mark.setAttribute("aria-current", "true");
      else mark.removeAttribute("aria-current");
      if (current && status && !mark.classList.contains(status)) {
        Array.prototype.slice.call(mark.classList).forEach(function (name) {
          if (name.indexOf("status-") === 0) mark.classList.remove(name);
        });
        mark.classList.add(status);
      }
    });
    scrollToCurrent();
  });

  var typing = window.factcheckKeys.typing;

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
    // Each verdict's key is stored with it (the admin sets it) and shown beside it.
    var radio = form && /^[1-9a-z]$/.test(event.key)
      ? form.querySelector('input[name="verdict"][data-key="' + event.key + '"]')
      : null;
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      moveClaim(event.key === "j" ? 1 : -1);
    } else if (radio) {
      radio.checked = true;
      radio.focus();
      radio.dispatchEvent(new Event("change", { bubbles: true }));
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
