// Result page, progressive enhancement only: show the print buttons where JavaScript runs, and
// print every folded part open (issue 13). Without JavaScript the buttons stay hidden.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    var item = button.closest(".js-print-item");
    if (item) { item.hidden = false; }
    button.addEventListener("click", function () { window.print(); });
  });
});
var openedForPrint = [];
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details:not([open])").forEach(function (details) {
    details.open = true;
    openedForPrint.push(details);
  });
});
window.addEventListener("afterprint", function () {
  openedForPrint.forEach(function (details) { details.open = false; });
  openedForPrint = [];
});
