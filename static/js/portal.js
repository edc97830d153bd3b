// Progressive enhancement only: every page works without this file.
// After htmx swaps a question, move focus to the new heading so screen readers announce it.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail && event.detail.target;
  if (!target) { return; }
  var heading = target.querySelector("h1, legend h1, [data-focus]");
  if (heading) {
    if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
    heading.focus();
    var title = target.querySelector("[data-page-title]");
    if (title) { document.title = title.getAttribute("data-page-title"); }
  }
});
