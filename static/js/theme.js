// Theme: follows the system unless the user picked light or dark (kept in this browser only).
(function () {
  var order = ["system", "light", "dark"];
  var titles = { system: "Theme: follows the system", light: "Theme: light", dark: "Theme: dark" };
  function apply(choice) {
    if (choice === "system") document.documentElement.removeAttribute("data-theme");
    else document.documentElement.setAttribute("data-theme", choice);
    var button = document.querySelector("[data-theme-toggle]");
    if (button) button.title = titles[choice];
  }
  var saved = localStorage.getItem("theme") || "system";
  apply(saved);
  document.addEventListener("DOMContentLoaded", function () {
    apply(localStorage.getItem("theme") || "system");
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    button.addEventListener("click", function () {
      var current = localStorage.getItem("theme") || "system";
      var next = order[(order.indexOf(current) + 1) % order.length];
      localStorage.setItem("theme", next);
      apply(next);
    });
  });
})();
