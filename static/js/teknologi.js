// Enhancement only: on wide screens the catalogue's filters start open (on phones they stay folded
// so the results come first). Without JavaScript the filters are one tap away.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 56rem)").matches) {
    return;
  }
  document.querySelectorAll("details[data-buka-lebar]").forEach(function (el) {
    el.open = true;
  });
})();
