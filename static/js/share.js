// The public-report panel: "Copy link" puts the public address on the clipboard. Without
// JavaScript the button stays hidden and the address is selectable text in a read-only field.
(function () {
  "use strict";

  function showButtons(root) {
    root.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function say(button, text) {
    var status = button.parentElement.querySelector(".share-copied");
    if (status) status.textContent = text;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) return;
    var input = document.getElementById(button.dataset.copy);
    if (!input) return;
    input.focus();
    input.select();  // selected at least, for Ctrl+C, if the clipboard is refused
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(input.value).then(
      function () { say(button, button.dataset.copied || "Copied."); },
      function () { say(button, ""); }
    );
  });

  document.addEventListener("DOMContentLoaded", function () { showButtons(document); });
  // The panel is swapped in again after sharing or changing its indexing.
  document.addEventListener("htmx:load", function (event) { showButtons(event.target); });
})();
