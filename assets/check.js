// The check page in the browser: the private check and a never-stale answer.
// A plain script (loaded before the app hydrates), because it must work
// exactly when the connection to the server does not.
//
// Private: at each submit of #check-form, what she typed is read here and
// never sent (the input has no name). Every reading of it is normalised and
// blinded by assets/private_check.js (fetched when the check page opens, not
// with every page: it is most of a page's script); only the blinded elements go into the
// form (hidden input "blinded"). The server's evaluation comes back through
// umCheck.evaluated; the proof is verified, the readings are unblinded and
// looked up in the check table the page got when it opened, and the answer
// is shown from the warnings the page already holds. After a check nothing
// is sent, match or not. Without WebCrypto or the bundle she is told the
// private check is unavailable here, and nothing is sent.
//
// Never stale: the previous answer is hidden at once and "Checking…" shown
// (html[data-check=pending]); the check gets a fresh number (hidden input
// "seq") that the evaluation echoes. Only an answer carrying the number of
// her last check is shown. Offline, or with no answer within WAIT_MS, a large
// "Not checked — no connection" stays until the answer arrives
// (html[data-check=offline]). A check made while the phone is offline is held
// back and sent when it is online again.
//
// A number shared from another app reaches the service worker as a POST
// (share target); it hands the text over here, in memory, so it never
// appears in the address bar, the history or the server's router state.
(function () {
  var WAIT_MS = 5000;
  var pending = null; // { seq, timer, held, secret, readings }
  var setup = null; // { table, country, words } from the server when the page opens
  var setupData = null; // the same as it came, until the engine is there to index it
  var engineLoad = null; // the one fetch of assets/private_check.js
  var engineMissing = false; // it could not be fetched while the phone was online
  var UNAVAILABLE = "The private check does not work on this device. Nothing was sent.";

  function root() { return document.documentElement; }
  function setState(state) { root().setAttribute("data-check", state); }
  function form() { return document.getElementById("check-form"); }
  function byId(id) { return document.getElementById(id); }
  function wordOf(data, key) { return (data && data.words[key]) || key; }
  function word(key) { return wordOf(setup, key); }

  function setText(id, text) {
    var element = byId(id);
    if (element) element.textContent = text || "";
  }

  function showCards(ids) {
    var style = byId("check-shown-cards");
    if (!style) {
      style = document.createElement("style");
      style.id = "check-shown-cards";
      document.head.appendChild(style);
    }
    style.textContent = ids.map(function (id) {
      return '#check-cards > [data-check-card="' + Number(id) + '"] { display: block !important; }';
    }).join("\n");
  }

  // Everything an earlier answer showed goes away.
  function clearAnswer() {
    root().setAttribute("data-check-outcome", "");
    root().setAttribute("data-check-error", "");
    ["check-error-text", "check-searched", "check-matched", "checks-left"].forEach(function (id) {
      setText(id, "");
    });
    showCards([]);
  }

  function showError(message) {
    clearAnswer();
    setText("check-error-text", message);
    root().setAttribute("data-check-error", "yes");
  }

  function readings(values) {
    return values.map(function (value) {
      return word("identifier.kind." + value.kind) + " " + value.masked;
    }).join(" \u00b7 ");
  }

  function showAnswer(found, left) {
    var shown = window.umPrivate.described(pending.readings);
    setText("check-searched", word("check.searched").replace("{kind}", readings(shown)));
    if (found.matched.length) {
      var matched = window.umPrivate.described(found.matched);
      setText("check-matched", word("check.found_by").replace("{kind}", readings(matched)));
    }
    setText("checks-left", left);
    showCards(found.warnings);
    root().setAttribute("data-check-outcome", found.warnings.length ? "found" : "none");
  }

  function settle() {
    if (!pending) return;
    clearTimeout(pending.timer);
    pending = null;
    setState("answered");
  }

  // The private check's engine, fetched once; resolves to it, or null.
  function loadEngine() {
    if (window.umPrivate) return Promise.resolve(window.umPrivate);
    if (!engineLoad) {
      engineLoad = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = "/private_check.js";
        script.onload = function () {
          engineMissing = !window.umPrivate;
          resolve(window.umPrivate || null);
        };
        script.onerror = function () {
          // Offline: tried again when she is back online. Online: blocked.
          engineLoad = null;
          engineMissing = navigator.onLine !== false;
          script.remove();
          resolve(null);
        };
        document.head.appendChild(script);
      });
    }
    return engineLoad;
  }

  // The table is indexed once the engine is there; a held check then goes.
  function applySetup() {
    var engine = window.umPrivate;
    if (!setupData || !engine) return;
    setup = {
      version: setupData.table.version,
      country: setupData.country,
      words: setupData.words,
      table: engine.indexTable(setupData.table),
    };
    setTimeout(sendHeld, 0);
  }

  function newSeq() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }

  function refuse(event, message) {
    event.preventDefault();
    event.stopImmediatePropagation();
    if (pending) clearTimeout(pending.timer);
    pending = null;
    showError(message);
    setState("answered");
  }

  window.addEventListener("submit", function (event) {
    var target = event.target;
    if (!target || target.id !== "check-form") return;
    var seq = newSeq();
    var field = target.querySelector("input[name=seq]");
    if (field) field.value = seq;
    var blindedField = target.querySelector("input[name=blinded]");
    if (blindedField) blindedField.value = "";
    if (pending) clearTimeout(pending.timer);
    pending = null;
    var engine = window.umPrivate;
    if (engine ? !engine.available() : engineMissing) {
      refuse(event, setupData ? wordOf(setupData, "private_check.unavailable") : UNAVAILABLE);
      return;
    }
    if (navigator.onLine === false || !setup) {
      // Not sent: nothing would answer it (or the table has not come yet).
      // She sees at once it was not done; it goes when the page can.
      event.preventDefault();
      event.stopImmediatePropagation();
      pending = { seq: seq, timer: null, held: true };
      setState("offline");
      return;
    }
    var input = byId("check-input"), kind = byId("check-kind");
    var found;
    try {
      found = engine.candidates(input ? input.value : "", {
        kind: (kind && kind.value) || null, country: setup.country,
      });
    } catch (error) {
      refuse(event, error && error.key ? word(error.key) : word("private_check.unavailable"));
      return;
    }
    var blinded = engine.blindReadings(found);
    blindedField.value = JSON.stringify(blinded.blinded);
    var tableField = target.querySelector("input[name=table]");
    if (tableField) tableField.value = setup.version;
    pending = { seq: seq, timer: null, held: false, secret: blinded.secret, readings: found };
    setState("pending");
    pending.timer = setTimeout(function () {
      if (pending && pending.seq === seq) setState("offline");
    }, WAIT_MS);
  }, true);

  window.addEventListener("offline", function () {
    if (pending) setState("offline");
  });

  // The check she could not send goes now (blinded afresh); its answer says what it is for.
  function sendHeld() {
    if (pending && pending.held && setup && navigator.onLine !== false && form()) {
      pending.held = false;
      form().requestSubmit();
    }
  }

  window.addEventListener("online", function () {
    if (window.umPrivate) sendHeld();
    else if (setupData) loadEngine().then(applySetup);
  });

  function checkWhenReady(text, triesLeft) {
    var input = byId("check-input");
    var ready = document.querySelector("#app-ready[data-ready=yes]");
    if (!input || !ready || !form() || !setup) {
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
    // The page opened: the table (kept in memory only), her country, the words.
    setup: function (data) {
      setupData = data;
      if (window.umPrivate) applySetup();
      else loadEngine().then(applySetup);
    },
    // The engine, fetched if it is not here yet (the RFC test loads it so).
    engine: loadEngine,
    // The check page was (re)opened: no answer from an earlier visit counts.
    mounted: function () {
      loadEngine();
      if (pending) clearTimeout(pending.timer);
      pending = null;
      clearAnswer();
      setState("idle");
      takeShared();
    },
    // The server's evaluation of her last check: finish it here.
    evaluated: function (answer) {
      if (!pending || pending.held || answer.seq !== pending.seq) return;
      // The table changed since the page opened: the new one came with the answer.
      if (answer.setup) window.umCheck.setup(answer.setup);
      var current = pending;
      window.umPrivate.finishCheck(current.secret, answer, setup.table).then(function (found) {
        if (pending !== current) return;
        clearAnswer();
        showAnswer(found, answer.left);
        settle();
      }, function () {
        if (pending !== current) return;
        showError(word("private_check.failed"));
        settle();
      });
    },
    // The server refused her last check (her limit, a malformed request).
    refused: function (answer) {
      if (!pending || answer.seq !== pending.seq) return;
      showError(answer.message);
      settle();
    },
  };
})();
