// Interactive search: sort by any column heading, filter by text, quality, indexer, source and decision.
// Loaded again with each search result fragment, so every table is bound once.
document.querySelectorAll("[data-release-search]:not([data-bound])").forEach((search) => {
  search.dataset.bound = "1";
  const body = search.querySelector("tbody");
  const rows = Array.from(body.rows);
  const text = search.querySelector("[data-release-filter]");
  const approvedOnly = search.querySelector("[data-release-approved-only]");
  const columns = Array.from(search.querySelectorAll("[data-release-column]"));
  const count = search.querySelector("[data-release-count]");
  const filter = () => {
    const words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shownCount = 0;
    rows.forEach((row) => {
      const content = row.textContent.toLowerCase();
      const shown = words.every((word) => content.includes(word))
        && (!approvedOnly.checked || row.dataset.status === "approved")
        && columns.every((select) => !select.value || row.dataset[select.dataset.releaseColumn] === select.value);
      row.hidden = !shown;
      if (shown) shownCount += 1;
    });
    if (count) count.textContent = `${shownCount} of ${rows.length} releases shown`;
  };
  text.addEventListener("input", filter);
  approvedOnly.addEventListener("change", filter);
  columns.forEach((select) => select.addEventListener("change", filter));
  search.querySelectorAll("th[data-sort]").forEach((heading) => {
    heading.tabIndex = 0;
    heading.setAttribute("role", "button");
    const sort = () => {
      const column = heading.cellIndex;
      const numeric = heading.dataset.sort === "number";
      // a new column starts with the best (largest) first, except the rank, whose best is 1
      const current = heading.getAttribute("aria-sort");
      const firstDescending = column !== 0;
      const descending = current ? current !== "descending" : firstDescending;
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
    heading.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        sort();
      }
    });
  });
});
