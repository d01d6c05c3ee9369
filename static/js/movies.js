// The one thing HTMX does not do for the movie pages: "select all on this page" in the bulk editor.
document.addEventListener("change", (event) => {
  const toggle = event.target.closest("[data-select-all]");
  if (!toggle) return;
  for (const box of document.querySelectorAll('input[name="movieIds"][form="editor-form"]')) {
    box.checked = toggle.checked;
  }
});
