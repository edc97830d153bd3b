// Progressive enhancement only: every page works without this file.
// htmx gives focus back to the element whose id had it before a swap. Every question uses the
// same ids ("answer", "answer-no"), so after a step Tab went on from the option with the
// previous answer's id (issue 13). Let go of the focus before the swap instead.
document.addEventListener("htmx:beforeSwap", function () {
  var active = document.activeElement;
  if (active && active !== document.body && active.blur) { active.blur(); }
});
// After htmx swaps a question, move focus to the new heading so screen readers announce it;
// Tab then goes on to the first option.
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
