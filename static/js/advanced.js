// "Show advanced settings": settings marked `.advanced` hide until the box is ticked; the choice is kept
// in this browser (localStorage) for every settings page, as Radarr keeps it.
(() => {
  const key = "radarr.showAdvancedSettings";
  const root = document.documentElement;
  const apply = (shown) => {
    root.classList.add("advanced-ready");
    root.classList.toggle("advanced-shown", shown);
    document.querySelectorAll("[data-advanced-toggle]").forEach((box) => { box.checked = shown; });
  };
  let shown = false;
  try { shown = localStorage.getItem(key) === "1"; } catch (error) { shown = false; }
  apply(shown);
  document.querySelectorAll("[data-advanced-toggle]").forEach((box) => {
    box.addEventListener("change", () => {
      try { localStorage.setItem(key, box.checked ? "1" : "0"); } catch (error) { /* private mode */ }
      apply(box.checked);
    });
  });
})();
