// Page behaviours that would otherwise be inline handlers (the Content-Security-Policy forbids those).
// Delegated from the document, so content swapped in by htmx behaves the same.
//   <form data-confirm="Question?">     asks before submitting; Cancel keeps the page as it is
//   <select data-autosubmit>            submits its form when the choice changes (a checkbox too)
//   <a data-scroll-to="element-id">     brings that element into view when clicked
//   <button data-folder-pick="/path/" data-folder-target="input-id">  puts the folder in that input
//   <div data-toast> (components/live.html)  leaves after TOAST_SECONDS; its [data-dismiss] closes it
(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit], input[data-autosubmit]");
    if (select && select.form) select.form.submit();
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-scroll-to]");
    var target = link && document.getElementById(link.dataset.scrollTo);
    if (target) target.scrollIntoView();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-folder-pick]");
    var input = button && document.getElementById(button.dataset.folderTarget);
    if (!input) return;
    input.value = button.dataset.folderPick.replace(/(.)\/$/, "$1");
    input.dispatchEvent(new Event("change", { bubbles: true }));
    var picker = button.closest("details");
    if (picker) picker.open = false;
  });
  var TOAST_SECONDS = 12;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-dismiss]");
    var toast = button && button.closest("[data-toast]");
    if (toast) toast.remove();
  });
  document.addEventListener("DOMContentLoaded", function () {
    var toasts = document.getElementById("toasts");
    if (!toasts) return;
    new MutationObserver(function () {
      toasts.querySelectorAll("[data-toast]:not([data-timed])").forEach(function (toast) {
        toast.dataset.timed = "1";
        window.setTimeout(function () { toast.remove(); }, TOAST_SECONDS * 1000);
      });
    }).observe(toasts, { childList: true });
  });
})();
