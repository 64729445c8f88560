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

/* Staff idle time-out (WCAG 2.2.1): warn 5 minutes before, and let people continue. */
(function () {
  "use strict";
  var html = document.documentElement;
  var timeout = Number(html.getAttribute("data-idle-timeout"));
  var main = document.getElementById("main-content");
  if (!timeout || !main || !window.fetch) { return; }
  var warningAfter = (timeout - 300) * 1000;
  var timer;

  function warn() {
    var banner = document.createElement("div");
    banner.className = "notification-banner";
    banner.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = html.getAttribute("data-idle-warning");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = html.getAttribute("data-idle-continue");
    button.addEventListener("click", function () {
      fetch(html.getAttribute("data-keep-alive"), {
        method: "POST", credentials: "same-origin",
        headers: { "X-CSRFToken": html.getAttribute("data-csrf") }
      }).then(function (response) {
        if (response.ok) {
          text.textContent = html.getAttribute("data-idle-continued");
          button.remove();
          banner.setAttribute("role", "status");
          timer = window.setTimeout(warn, warningAfter);
        }
      });
    });
    banner.appendChild(text);
    banner.appendChild(button);
    main.insertBefore(banner, main.firstChild);
    button.focus();
  }

  timer = window.setTimeout(warn, warningAfter);
})();

/* A print button on receipts; without JavaScript the page says how to print instead. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print-button]").forEach(function (sentence) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button no-print";
    button.textContent = sentence.getAttribute("data-print-button");
    button.addEventListener("click", function () { window.print(); });
    sentence.insertAdjacentElement("beforebegin", button);
    sentence.hidden = true;
  });
})();

/* The skip link moves focus to main without adding "#main-content" to the address: a form sent
   after it would post to that address, and Chromium skips autofocus on a page whose address has
   a fragment, so the error summary would not take focus. */
(function () {
  "use strict";
  document.querySelectorAll("a.skip-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.focus();
      }
    });
  });
})();
