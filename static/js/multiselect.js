// Searchable multi-selects with chips: every <select multiple> (not marked data-plain) gets the chosen
// options as removable chips and a search box suggesting the others; the select stays the form's value.
// A tags select (name "tags") creates a tag typed that does not exist yet (POST to data-tag-url).
(() => {
  if (window.radarrMultiselect) return;
  window.radarrMultiselect = true;
  const tagUrl = document.currentScript && document.currentScript.dataset.tagUrl;
  let counter = 0;

  const csrfToken = (element) => {
    const field = element.closest("form")?.querySelector("[name=csrfmiddlewaretoken]")
      || document.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  };

  const labelOf = (select) => {
    const label = select.closest("label") || (select.id && document.querySelector(`label[for="${select.id}"]`));
    if (!label) return select.name;
    // the label's own words, not the option texts of the select inside it
    const words = Array.from(label.childNodes).filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent.trim()).filter(Boolean);
    return words[0] || select.name;
  };

  const enhance = (select) => {
    if (select.dataset.chips === "done" || select.dataset.plain !== undefined) return;
    select.dataset.chips = "done";
    counter += 1;
    const name = labelOf(select);
    const creates = select.name === "tags" && tagUrl;
    const box = document.createElement("div");
    box.className = "chips-select";
    const chips = document.createElement("ul");
    chips.className = "chips";
    chips.setAttribute("aria-label", `${name}: chosen`);
    const input = document.createElement("input");
    input.type = "search";
    input.setAttribute("aria-label", creates ? `Add ${name.toLowerCase()} (type a new one to create it)` : `Add to ${name}`);
    input.placeholder = creates ? "Search or create…" : "Search…";
    const list = document.createElement("datalist");
    list.id = `chips-options-${counter}`;
    input.setAttribute("list", list.id);
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");

    const render = () => {
      chips.replaceChildren();
      list.replaceChildren();
      Array.from(select.options).forEach((option) => {
        if (option.selected) {
          const chip = document.createElement("li");
          chip.className = "chip";
          const text = document.createElement("span");
          text.textContent = option.text;
          const remove = document.createElement("button");
          remove.type = "button";
          remove.className = "chip-remove";
          remove.textContent = "×";
          remove.setAttribute("aria-label", `Remove ${option.text}`);
          remove.addEventListener("click", () => {
            option.selected = false;
            select.dispatchEvent(new Event("change", { bubbles: true }));
            status.textContent = `${option.text} removed`;
            render();
            input.focus();
          });
          chip.append(text, remove);
          chips.append(chip);
        } else {
          const suggestion = document.createElement("option");
          suggestion.value = option.text;
          list.append(suggestion);
        }
      });
    };

    const choose = async () => {
      const wanted = input.value.trim();
      if (!wanted) return;
      const match = Array.from(select.options).find((option) => option.text.toLowerCase() === wanted.toLowerCase());
      if (match) {
        match.selected = true;
      } else if (creates) {
        const body = new URLSearchParams({ label: wanted });
        const response = await fetch(tagUrl, {
          method: "POST", body, headers: { "X-CSRFToken": csrfToken(select) }, credentials: "same-origin",
        });
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) {
          status.textContent = answer.error || "The tag could not be created";
          input.setCustomValidity(status.textContent);
          input.reportValidity();
          return;
        }
        let option = Array.from(select.options).find((item) => item.value === String(answer.id));
        if (!option) {
          option = new Option(answer.label, answer.id);
          select.append(option);
        }
        option.selected = true;
      } else {
        input.setCustomValidity(`No ${name.toLowerCase()} called ${wanted}`);
        input.reportValidity();
        return;
      }
      input.setCustomValidity("");
      status.textContent = `${wanted} added`;
      input.value = "";
      select.dispatchEvent(new Event("change", { bubbles: true }));
      render();
    };

    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        choose();
      } else if (event.key === "Backspace" && !input.value) {
        const chosen = Array.from(select.selectedOptions);
        if (chosen.length) {
          chosen[chosen.length - 1].selected = false;
          render();
        }
      }
    });
    input.addEventListener("input", () => {
      input.setCustomValidity("");
      // picking a suggestion from the list fills the whole label: take it at once
      if (Array.from(select.options).some((option) => !option.selected && option.text === input.value)) choose();
    });

    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    (select.closest("label") || select).after(box);  // beside its label, not inside it: one control per label
    box.append(chips, input, list, status);
    render();
  };

  const enhanceIn = (root) => {
    if (root.matches && root.matches("select[multiple]")) enhance(root);
    root.querySelectorAll?.("select[multiple]").forEach(enhance);
  };
  enhanceIn(document);
  document.addEventListener("htmx:load", (event) => enhanceIn(event.detail.elt));
})();
