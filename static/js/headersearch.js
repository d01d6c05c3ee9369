// The header's movie search: "s" or "/" focuses it (as Radarr's shortcut), Escape leaves it, Enter opens
// the first match, the arrow keys move through the matches.
(() => {
  const form = document.querySelector("[data-header-search]");
  if (!form) return;
  const input = form.querySelector("input[type=search]");
  const results = form.querySelector(".header-search-results");
  const links = () => Array.from(results.querySelectorAll("a"));
  const typing = (element) => element && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
  document.addEventListener("keydown", (event) => {
    if ((event.key === "s" || event.key === "/") && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(document.activeElement)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  form.addEventListener("keydown", (event) => {
    const all = links();
    const index = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      results.replaceChildren();
      input.blur();
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(index + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && all.length) {
      event.preventDefault();
      if (index <= 0) input.focus(); else all[index - 1].focus();
    } else if (event.key === "Enter" && document.activeElement === input && all.length) {
      event.preventDefault();
      window.location.assign(all[0].href);
    }
  });
})();
