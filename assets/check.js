// The check never shows a stale answer. A plain script (loaded before the app
// hydrates), because it must work exactly when the connection to the server
// does not.
//
// At each submit of #check-form: the previous answer is hidden at once and
// "Checking…" shown (html[data-check=pending]); the check gets a fresh number
// (hidden input "seq") that the server echoes as #check-answer[data-answered].
// Only an answer carrying the number of her last check is shown. Offline, or
// with no answer within WAIT_MS, a large "Not checked — no connection" stays
// until the answer arrives (html[data-check=offline]). A check made while the
// phone is offline is held back and sent when it is online again.
//
// A number shared from another app reaches the service worker as a POST
// (share target); it hands the text over here, in memory, so it never
// appears in the address bar, the history or the server's router state.
(function () {
  var WAIT_MS = 5000;
  var pending = null; // { seq, timer, held }

  function setState(state) {
    document.documentElement.setAttribute("data-check", state);
  }

  function form() { return document.getElementById("check-form"); }

  function answeredFor(seq) {
    var answer = document.getElementById("check-answer");
    return !!answer && answer.getAttribute("data-answered") === seq;
  }

  function settle() {
    if (pending && answeredFor(pending.seq)) {
      clearTimeout(pending.timer);
      pending = null;
      setState("answered");
    }
  }

  function newSeq() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }

  window.addEventListener("submit", function (event) {
    var target = event.target;
    if (!target || target.id !== "check-form") return;
    var seq = newSeq();
    var field = target.querySelector("input[name=seq]");
    if (field) field.value = seq;
    if (pending) clearTimeout(pending.timer);
    pending = { seq: seq, timer: null, held: false };
    if (navigator.onLine === false) {
      // Not sent: nothing would answer it. She sees at once it was not done.
      event.preventDefault();
      event.stopImmediatePropagation();
      pending.held = true;
      setState("offline");
      return;
    }
    setState("pending");
    pending.timer = setTimeout(function () {
      if (pending && pending.seq === seq && !answeredFor(seq)) setState("offline");
    }, WAIT_MS);
  }, true);

  window.addEventListener("offline", function () {
    if (pending) setState("offline");
  });

  window.addEventListener("online", function () {
    // The check she could not send goes now; its answer says what it is for.
    if (pending && pending.held && form()) {
      pending.held = false;
      form().requestSubmit();
    }
  });

  new MutationObserver(settle).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-answered"],
  });

  function checkWhenReady(text, triesLeft) {
    var input = document.getElementById("check-input");
    var ready = document.querySelector("#app-ready[data-ready=yes]");
    if (!input || !ready || !form()) {
      if (triesLeft > 0) setTimeout(function () { checkWhenReady(text, triesLeft - 1); }, 200);
      return;
    }
    input.value = text.slice(0, Number(input.getAttribute("maxlength")) || 300);
    form().requestSubmit();
  }

  // A home-screen app installed with the old manifest still shares by GET
  // (/check?q=...): take the number out of the address before the app reads
  // it, so it reaches neither the history nor the router state.
  var legacyShared = null;
  (function takeFromAddress() {
    var params = new URLSearchParams(window.location.search);
    if (window.location.pathname.replace(/\/$/, "") !== "/check" || !params.has("q")) return;
    legacyShared = params.get("q");
    window.history.replaceState(null, "", "/check");
  })();

  function takeShared() {
    if (legacyShared) {
      checkWhenReady(legacyShared, 50);
      legacyShared = null;
      return;
    }
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!worker || typeof MessageChannel === "undefined") return;
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) {
      var text = event.data && event.data.text;
      if (text) checkWhenReady(String(text), 50);
    };
    worker.postMessage({ type: "um-take-shared" }, [channel.port2]);
  }

  window.umCheck = {
    // The check page was (re)opened: no answer from an earlier visit counts.
    mounted: function () {
      if (pending) clearTimeout(pending.timer);
      pending = null;
      setState("idle");
      takeShared();
    },
  };
})();
