// The claims list: a "select all" checkbox for the claims on the page. It lives in the results
// fragment, which htmx replaces, so the listener is delegated from the document.
document.addEventListener("change", function (event) {
  "use strict";
  var box = event.target;
  var form = box.form;
  if (!form || !box.matches) return;
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
