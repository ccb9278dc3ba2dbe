// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) {
      el.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
    var printer = event.target.closest ? event.target.closest("[data-print]") : null;
    if (printer) {
      event.preventDefault();
      window.print();
    }
  });
})();
