// TCP Lab's own behaviour, loaded as a file (the CSP allows no inline script and no eval):
// keyboard shortcuts for a lab that has focus (a key without its button says why, from the
// lab's data-why-* words), focus kept on the control just used after htmx swaps the lab, the
// change announced in the lab's live region, the event log scrolled to its newest line, the
// share link's copy button, a tapped segment of the phone's ladder shown in full beside it, and
// a page the browser brings back from its back/forward cache reloaded, so it never shows an
// older moment of a lab.
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

  // Said in the lab's live region (outside the part htmx swaps).
  function announce(lab, text) {
    var live = lab && lab.parentElement && lab.parentElement.querySelector(".lab-live");
    if (!live || !text) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50); // a repeated message is read again
  }

  // Said in the lab's live region and shown in the dock.
  function say(lab, text) {
    if (!text) return;
    announce(lab, text);
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

  // The phone's ladder: each segment is a link to its headers (without JavaScript, that is where a
  // tap leads). Here a tap, Enter or Space opens the lab's note under the ladder instead: the
  // segment's title (whole notation, when sent, its fate) with its notation as code, a link to
  // its headers and a Close button; Escape or Close puts it away and focus back on the segment.
  function segLinks(root) {
    root.querySelectorAll("section.lab").forEach(function (lab) {
      var note = lab.querySelector(".seg-note");
      if (!note) return;
      lab.querySelectorAll("a.seg-link").forEach(function (a) {
        a.setAttribute("aria-expanded", "false");
        a.setAttribute("aria-controls", note.id);
      });
    });
  }

  function openNote(link) {
    var lab = labOf(link);
    var note = lab && lab.querySelector(".seg-note");
    if (!note) return false;
    var title = link.querySelector("title");
    var sentence = title ? title.textContent : "";
    var notation = link.getAttribute("data-notation") || "";
    var text = note.querySelector(".seg-note-text");
    var at = notation ? sentence.indexOf(notation) : -1;
    text.textContent = "";
    if (at < 0) {
      text.textContent = sentence;
    } else {
      var code = document.createElement("code");
      code.textContent = notation;
      text.appendChild(document.createTextNode(sentence.slice(0, at)));
      text.appendChild(code);
      text.appendChild(document.createTextNode(sentence.slice(at + notation.length)));
    }
    var headers = note.querySelector(".seg-note-headers");
    headers.setAttribute("href", link.getAttribute("href"));
    headers.setAttribute("data-seg", link.getAttribute("data-seg"));
    lab.querySelectorAll("a.seg-link[aria-expanded=true]").forEach(function (a) { a.setAttribute("aria-expanded", "false"); });
    link.setAttribute("aria-expanded", "true");
    note.setAttribute("data-seg", link.getAttribute("data-seg"));
    note.hidden = false;
    showAboveDock(lab, note);
    announce(lab, sentence);
    return true;
  }

  // Scrolls the page just enough for el to clear the dock stuck to the bottom of the screen (a
  // phone's dock is taller than the page's scroll padding), never past el's own top.
  function showAboveDock(lab, el) {
    var dock = lab.querySelector(".dock");
    var box = el.getBoundingClientRect();
    var limit = dock ? Math.min(dock.getBoundingClientRect().top, window.innerHeight) : window.innerHeight;
    var by = Math.min(box.bottom + 8 - limit, box.top - 8);
    if (by > 0) window.scrollBy(0, by);
  }

  function closeNote(note) {
    var lab = labOf(note);
    note.hidden = true;
    var opener = lab.querySelector("a.seg-link[aria-expanded=true]");
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      opener.focus();
    }
  }

  var showingHeaders = null; // the inspector slot a note's link is filling: brought into view once filled

  document.addEventListener("click", function (e) {
    if (e.button !== 0 || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || !e.target.closest) return;
    var link = e.target.closest("a.seg-link");
    if (link && openNote(link)) {
      e.preventDefault();
      return;
    }
    var close = e.target.closest(".seg-note-close");
    if (close) {
      closeNote(close.closest(".seg-note"));
      return;
    }
    var headers = e.target.closest(".seg-note-headers");
    var lab = headers && labOf(headers);
    var form = lab && lab.querySelector("form.inspect-form");
    var select = form && form.querySelector("select[name=seg]");
    var seg = select && headers.getAttribute("data-seg");
    // the link goes to the headers' page, also for a segment the list leaves out (a host lab offers its latest)
    if (!select || !window.htmx || !form.requestSubmit || !select.querySelector("option[value='" + seg + "']")) return;
    e.preventDefault();
    select.value = seg;
    showingHeaders = form.getAttribute("hx-target");
    form.requestSubmit();
  });

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || !e.target.closest) return;
    var link = e.target.closest("a.seg-link");
    if (link && e.key === " ") {
      e.preventDefault();
      openNote(link);
      return;
    }
    if (e.key !== "Escape") return;
    var lab = labOf(e.target);
    var note = lab && lab.querySelector(".seg-note");
    if (note && !note.hidden && (link || note.contains(e.target))) closeNote(note);
  });

  document.addEventListener("htmx:afterSwap", function (e) {
    if (!showingHeaders || !e.detail.target || "#" + e.detail.target.id !== showingHeaders) return;
    showingHeaders = null;
    var heading = e.detail.target.querySelector("h3");
    if (!heading) return;
    heading.setAttribute("tabindex", "-1");
    heading.scrollIntoView({ block: "start" }); // the tables below it, clear of the dock
    heading.focus({ preventScroll: true });
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
    segLinks(lab.parentElement || document);
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
    segLinks(document);
  });
})();
