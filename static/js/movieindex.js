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

// The filter builder: each row offers only its field's operators; "Add condition" copies the blank
// row, × removes a row; either re-runs the filters (the form's change event).
(() => {
  const syncOperators = (row) => {
    const field = row.querySelector("[data-condition-field]");
    const type = row.querySelector("[data-condition-type]");
    const kind = field.selectedOptions[0]?.dataset.kind || "";
    Array.from(type.options).forEach((option) => { option.hidden = Boolean(kind) && option.dataset.kind !== kind; });
    if (type.selectedOptions[0]?.hidden) type.value = Array.from(type.options).find((option) => !option.hidden)?.value || "";
  };
  const bind = (root) => root.querySelectorAll?.("[data-condition]").forEach(syncOperators);
  document.addEventListener("change", (event) => {
    const row = event.target.closest("[data-condition]");
    if (row && event.target.matches("[data-condition-field]")) syncOperators(row);
  });
  document.addEventListener("click", (event) => {
    const add = event.target.closest("[data-condition-add]");
    const remove = event.target.closest("[data-condition-remove]");
    if (add) {
      const rows = add.closest("[data-conditions]").querySelectorAll("[data-condition]");
      const copy = rows[rows.length - 1].cloneNode(true);
      copy.querySelectorAll("input").forEach((input) => { input.value = ""; });
      copy.querySelector("[data-condition-field]").value = "";
      add.before(copy);
      syncOperators(copy);
      copy.querySelector("[data-condition-field]").focus();
    } else if (remove) {
      const row = remove.closest("[data-condition]");
      const form = row.closest("form");
      if (row.parentElement.querySelectorAll("[data-condition]").length > 1) row.remove();
      else row.querySelectorAll("input, select").forEach((input) => { input.value = ""; });
      form?.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
  bind(document);
})();
