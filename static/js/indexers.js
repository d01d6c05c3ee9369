// Interactive search: sort by a column heading, filter by text, show accepted releases only.
// Loaded again with each search result fragment, so every table is bound once.
document.querySelectorAll("[data-release-search]:not([data-bound])").forEach((search) => {
  search.dataset.bound = "1";
  const body = search.querySelector("tbody");
  const rows = Array.from(body.rows);
  const text = search.querySelector("[data-release-filter]");
  const approvedOnly = search.querySelector("[data-release-approved-only]");
  const filter = () => {
    const words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    rows.forEach((row) => {
      const content = row.textContent.toLowerCase();
      const shown = words.every((word) => content.includes(word))
        && (!approvedOnly.checked || row.dataset.status === "approved");
      row.hidden = !shown;
    });
  };
  text.addEventListener("input", filter);
  approvedOnly.addEventListener("change", filter);
  search.querySelectorAll("th[data-sort]").forEach((heading) => {
    heading.tabIndex = 0;
    heading.setAttribute("role", "button");
    const sort = () => {
      const column = heading.cellIndex;
      const numeric = heading.dataset.sort === "number";
      const descending = heading.getAttribute("aria-sort") !== "descending";
      search.querySelectorAll("th[aria-sort]").forEach((other) => other.removeAttribute("aria-sort"));
      heading.setAttribute("aria-sort", descending ? "descending" : "ascending");
      const value = (row) => row.cells[column].dataset.value ?? row.cells[column].textContent;
      rows.sort((a, b) => {
        const order = numeric ? Number(value(a)) - Number(value(b)) : value(a).localeCompare(value(b));
        return descending ? -order : order;
      });
      rows.forEach((row) => body.appendChild(row));
    };
    heading.addEventListener("click", sort);
    heading.addEventListener("keydown", (event) => { if (event.key === "Enter") sort(); });
  });
});
