// TCP Lab's own behaviour, loaded as a file (the CSP allows no inline script and no eval):
// keyboard shortcuts for a lab that has focus, focus kept on the control just used after htmx
// swaps the lab, the change announced in the lab's live region, and the event log scrolled to
// its newest line.
(function () {
  "use strict";
  var KEYS = { ArrowRight: "next", ArrowLeft: "back", d: "drop", r: "reset" };
  var lastKey = null;
  var swappingLabId = null; // a lab htmx is replacing: keys pressed meanwhile (focus is on the body) still go to it

  function labOf(el) { return el && el.closest ? el.closest("section.lab") : null; }

  // A share link without PUBLIC_URL is a path from the site's root: shown in full, as the
  // learner reached the page, so it can be copied as it is.
  function completeShareLinks(root) {
    root.querySelectorAll("input.share-url").forEach(function (input) {
      if (input.value.charAt(0) === "/") input.value = window.location.origin + input.value;
    });
  }

  function scrollLog(lab) {
    var log = lab && lab.querySelector(".log ol");
    if (log) log.scrollTop = log.scrollHeight;
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var lab = labOf(document.activeElement);
    if (!lab && document.activeElement === document.body && swappingLabId) lab = document.getElementById(swappingLabId);
    if (!lab) return;
    var tag = document.activeElement.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    var key = KEYS[e.key];
    if (!key) return;
    var button = lab.querySelector("button[data-key='" + key + "']");
    if (!button) return;
    e.preventDefault();
    button.click();
  });

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button");
    if (button && labOf(button)) lastKey = button.getAttribute("data-key") || button.value || null;
  });

  // htmx:load fires on the new content itself once it is in the page, so it always bubbles here.
  document.addEventListener("htmx:beforeRequest", function (e) {
    var lab = labOf(e.detail.elt);
    if (lab) swappingLabId = lab.id;
  });

  document.addEventListener("htmx:afterRequest", function (e) {
    if (e.detail.failed) swappingLabId = null; // nothing will be swapped in
  });

  document.addEventListener("htmx:load", function (e) {
    var lab = e.detail.elt;
    if (!lab || !lab.matches || !lab.matches("section.lab")) return;
    if (swappingLabId === lab.id) swappingLabId = null;
    completeShareLinks(lab);
    var live = lab.parentElement && lab.parentElement.querySelector(".lab-live");
    if (live) live.textContent = lab.getAttribute("data-announce") || "";
    scrollLog(lab);
    var again = lastKey && (lab.querySelector("button[data-key='" + lastKey + "']") || lab.querySelector("button[value='" + lastKey + "']"));
    // the same control if it is still there, else the time line's "next", else the lab itself
    (again || lab.querySelector("button[data-key='next']") || lab).focus();
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("section.lab").forEach(scrollLog);
    completeShareLinks(document);
  });
})();
