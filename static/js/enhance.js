/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  var html = document.documentElement;
  var labels = {
    show: html.getAttribute("data-show-password") || "Show password",
    hide: html.getAttribute("data-hide-password") || "Hide password"
  };

  // A show/hide button beside each password field; without JavaScript the field stays as it is.
  document.querySelectorAll("input[type=password]").forEach(function (input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary password-toggle";
    button.setAttribute("aria-controls", input.id);
    button.textContent = labels.show;
    button.addEventListener("click", function () {
      var showing = input.type === "text";
      input.type = showing ? "password" : "text";
      button.textContent = showing ? labels.show : labels.hide;
    });
    input.insertAdjacentElement("afterend", button);
  });
})();
