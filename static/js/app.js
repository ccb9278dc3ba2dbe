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
  // The header menu: CSS lays it open on a desktop where the browser can style a <details>'s
  // content; elsewhere open it here on wide screens (without script the "Menu" button still works).
  // The same for the post's menu under /kelola/ (data-menu holds the media query that lays it open).
  if (window.matchMedia && !(window.CSS && CSS.supports && CSS.supports("selector(::details-content)"))) {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-menu]"), function (menu) {
      var wide = window.matchMedia(menu.getAttribute("data-menu") || "(min-width: 68rem)");
      var sync = function () { if (wide.matches) { menu.open = true; } };
      sync();
      if (wide.addEventListener) { wide.addEventListener("change", sync); }
    });
  }
})();
