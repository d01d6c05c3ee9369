// Quality profile editor: drag-to-order for the quality list and a cutoff list that follows the
// "Allowed" boxes; quality sizes: range sliders that mirror their number inputs.
// Without this file everything still works through the ↑ ↓ buttons and plain number inputs.
(function () {
  "use strict";

  function enableDragging(list) {
    let dragged = null;
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest("li");
      if (!dragged) return;
      dragged.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.key);
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      const over = event.target.closest("li");
      if (!over || over === dragged) return;
      const box = over.getBoundingClientRect();
      const below = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, below ? over.nextSibling : over);
    });
    list.addEventListener("drop", function (event) {
      event.preventDefault();
    });
    list.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("dragging");
      dragged = null;
      // the hidden "item" inputs travel with their rows, so the posted order is the order shown
    });
  }

  function followAllowed(form) {
    const cutoff = form.querySelector("[data-cutoff]");
    if (!cutoff) return;
    form.querySelectorAll("[data-allowed]").forEach(function (box) {
      box.addEventListener("change", function () {
        const option = cutoff.querySelector('option[data-key="' + box.value + '"]');
        if (!option) return;
        option.hidden = option.disabled = !box.checked;
        if (!box.checked && option.selected) {
          const first = cutoff.querySelector("option:not([disabled])");
          if (first) first.selected = true;
        }
      });
    });
  }

  function linkSliders(root) {
    root.querySelectorAll("input[type=range][data-size-for]").forEach(function (slider) {
      const number = document.getElementById(slider.dataset.sizeFor);
      if (!number) return;
      slider.addEventListener("input", function () { number.value = slider.value; });
      number.addEventListener("input", function () { if (number.value !== "") slider.value = number.value; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-quality-items]").forEach(enableDragging);
    document.querySelectorAll("[data-profile-editor]").forEach(followAllowed);
    linkSliders(document);
  });
})();
