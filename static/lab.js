// TCP Lab's own behaviour, loaded as a file (the CSP allows no inline script and no eval):
// keyboard shortcuts for a lab that has focus (a key without its button says why, from the
// lab's data-why-* words), focus kept on the control just used after htmx swaps the lab, the
// change announced in the lab's live region, the event log scrolled to its newest line, the
// share link's copy button, and a page the browser brings back from its back/forward cache
// reloaded, so it never shows an older moment of a lab.
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

  // Said in the lab's live region (outside the part htmx swaps) and shown in the dock.
  function say(lab, text) {
    if (!text) return;
    var live = lab.parentElement && lab.parentElement.querySelector(".lab-live");
    if (live) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50); // a repeated message is read again
    }
    var hint = lab.querySelector(".key-hint");
    if (hint) hint.textContent = text;
  }

  // A prediction waiting: → checks the chosen answer, or asks for one; ← steps back. The arrow
  // keys never move the choice itself (↑ and ↓ do), so an answer is never changed unseen.
  function predictKey(lab, form, key) {
    if (key === "next") {
      if (form.querySelector("input[name=choice]:checked")) return form.querySelector("button[data-key='next']");
      say(lab, lab.getAttribute("data-why-choose"));
      var first = form.querySelector("input[name=choice]");
      if (first) first.focus();
      return null;
    }
    return undefined; // the lab's own button, if any
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
    var active = document.activeElement;
    var tag = active.tagName;
    var radio = tag === "INPUT" && active.type === "radio";
    if (!radio && (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT")) return;
    if (radio && e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    var key = KEYS[e.key];
    if (!key) return;
    e.preventDefault();
    var form = lab.querySelector("form.predict");
    var button = form ? predictKey(lab, form, key) : undefined;
    if (button === null) return;
    if (button === undefined) button = lab.querySelector("button[data-key='" + key + "']");
    if (button) button.click();
    else say(lab, lab.getAttribute("data-why-" + key));
  });

  document.addEventListener("click", function (e) {
    var copy = e.target.closest && e.target.closest(".btn-copy");
    if (!copy) return;
    var lab = labOf(copy);
    var input = copy.parentElement.querySelector("input.share-url");
    function copied() { say(lab, copy.getAttribute("data-copied")); }
    function byHand() {
      input.select();
      try {
        if (document.execCommand("copy")) { copied(); return; }
      } catch (ignored) { /* said below */ }
      say(lab, copy.getAttribute("data-copy-failed"));
    }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(copied, byHand);
    else byHand();
  });

  function showCopyButtons(root) {
    root.querySelectorAll(".btn-copy").forEach(function (b) { b.hidden = false; });
  }

  // Back (or Forward) to a lab may bring an older copy of the page: from the back/forward cache
  // (persisted), or from the HTTP cache (nothing transferred). Its forms would carry an old
  // version; fetch the lab as it is now instead. Pages sent with no-store come fresh and stay.
  function cameBackStale(e) {
    if (e.persisted) return true;
    var nav = window.performance && performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    return !!nav && nav.type === "back_forward" && nav.transferSize === 0;
  }
  window.addEventListener("pageshow", function (e) {
    if (document.querySelector("section.lab form") && cameBackStale(e)) window.location.reload();
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
    showCopyButtons(lab);
    var live = lab.parentElement && lab.parentElement.querySelector(".lab-live");
    if (live) live.textContent = lab.getAttribute("data-announce") || "";
    scrollLog(lab);
    var again = lastKey && (lab.querySelector("button[data-key='" + lastKey + "']") || lab.querySelector("button[value='" + lastKey + "']"));
    // the same control if it is still there, else the time line's "next", else the lab itself
    (again || lab.querySelector("button[data-key='next']") || lab).focus();
  });

  // A code block or table wider than a phone scrolls sideways: a keyboard must reach it to scroll it.
  function focusableWhenScrolling(root) {
    root.querySelectorAll("main pre, main table").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusableWhenScrolling(document);
    document.querySelectorAll("section.lab").forEach(scrollLog);
    completeShareLinks(document);
    showCopyButtons(document);
  });
})();
