// The movie index's Options: poster size and the table's columns, kept in this browser (localStorage)
// as classes on #movies, so rows loaded later (next pages, filters) follow them without a reload.
(() => {
  const key = "radarr.movieIndex";
  const read = () => {
    try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (error) { return {}; }
  };
  const write = (options) => {
    try { localStorage.setItem(key, JSON.stringify(options)); } catch (error) { /* private mode */ }
  };
  const apply = () => {
    const options = read();
    const movies = document.getElementById("movies");
    if (!movies) return;
    ["small", "medium", "large"].forEach((size) => movies.classList.toggle(`posters-${size}`, (options.size || "medium") === size));
    const hidden = new Set(options.hiddenColumns || []);
    Array.from(movies.classList).filter((name) => name.startsWith("hide-col-")).forEach((name) => movies.classList.remove(name));
    hidden.forEach((column) => movies.classList.add(`hide-col-${column}`));
    document.querySelectorAll("input[name=poster-size]").forEach((radio) => { radio.checked = radio.value === (options.size || "medium"); });
    document.querySelectorAll("input[name=column]").forEach((box) => { box.checked = !hidden.has(box.value); });
  };
  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input.name === "poster-size") {
      write({ ...read(), size: input.value });
    } else if (input.name === "column" && input.closest("[data-index-options]")) {
      const hidden = new Set(read().hiddenColumns || []);
      if (input.checked) hidden.delete(input.value); else hidden.add(input.value);
      write({ ...read(), hiddenColumns: Array.from(hidden) });
    } else {
      return;
    }
    apply();
  });
  apply();
  document.addEventListener("htmx:afterSettle", apply);
})();
