// Settings → Indexers: the "Show advanced settings" toggle (the form works without it).
document.querySelectorAll("[data-indexer-advanced]").forEach((toggle) => {
  const form = toggle.closest("form");
  toggle.addEventListener("change", () => form.classList.toggle("show-advanced", toggle.checked));
});
