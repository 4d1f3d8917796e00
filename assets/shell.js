// Runs before the app hydrates, so quick exit works even while the
// connection to the server is down.
(function () {
  var DISCREET_KEY = "um.discreet";

  var EXITED_KEY = "um.exited";
  var EXIT_URL_KEY = "um.exit_url";
  // GOV.UK's "Exit this page": Shift pressed three times within five seconds.
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;

  function exitUrl() {
    var link = document.querySelector("[data-quick-exit]");
    var remembered = null;
    try { remembered = sessionStorage.getItem(EXIT_URL_KEY); } catch (error) { /* private mode */ }
    return (link && link.getAttribute("href")) || remembered || "about:blank";
  }

  function hideScreen() {
    document.documentElement.style.visibility = "hidden";
  }

  function quickExit(options) {
    // Blank first: the neutral site may take a moment to load.
    hideScreen();
    var url = exitUrl();
    if (options && options.eraseDraft && window.umForgetDraft) window.umForgetDraft();
    try {
      sessionStorage.clear();
      // Only this tab's marker that she left, for the pages Back could show.
      sessionStorage.setItem(EXITED_KEY, "1");
      sessionStorage.setItem(EXIT_URL_KEY, url);
    } catch (error) { /* private mode */ }
    // replace(): the app is not left in the history, so Back does not return.
    window.location.replace(url);
  }
  window.umQuickExit = quickExit;

  // A page of the app shown again by Back or Forward after Exit (from the
  // back-forward cache, or loaded again) blanks itself and leaves at once.
  function leaveIfBackAfterExit(restored) {
    var exited = false;
    try { exited = sessionStorage.getItem(EXITED_KEY) === "1"; } catch (error) { /* ignore */ }
    if (!exited) return;
    var entry = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    if (restored || (entry && entry.type === "back_forward")) {
      hideScreen();
      window.location.replace(exitUrl());
    } else {
      // She opened the app again herself.
      try { sessionStorage.removeItem(EXITED_KEY); } catch (error) { /* ignore */ }
    }
  }
  leaveIfBackAfterExit(false);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) leaveIfBackAfterExit(true);
  });

  // Moving between the app's pages replaces the history entry instead of
  // adding one: the app holds a single entry, the one Exit replaces.
  history.pushState = function (state, title, url) {
    return history.replaceState(state, title, url);
  };

  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest && event.target.closest("[data-quick-exit]");
    if (target) {
      event.preventDefault();
      quickExit({ eraseDraft: target.getAttribute("data-quick-exit") === "erase-draft" });
    }
  }, true);

  function typingIn(element) {
    if (!element) return false;
    if (element.isContentEditable) return true;
    var tag = element.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    return tag === "INPUT" && !/^(button|submit|reset|checkbox|radio|range|color|file|image)$/i
      .test(element.type || "");
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var active = document.activeElement;
    // Escape in a field clears or leaves the field, not the app.
    if (typingIn(active)) return;
    // Escape inside an open menu or dialog closes that first.
    if (active && active.closest && active.closest("[role=dialog],[role=listbox],[role=menu]")) return;
    if (document.querySelector("[role=dialog][data-state=open],[role=listbox]")) return;
    quickExit();
  });

  // Shift alone, three times: works in a field too (Shift alone types nothing).
  var shiftPresses = 0;
  var shiftTimer = null;
  var otherKeySinceShift = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") { otherKeySinceShift = false; return; }
    otherKeySinceShift = true;
    shiftPresses = 0;
  }, true);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || otherKeySinceShift) return;
    shiftPresses += 1;
    clearTimeout(shiftTimer);
    if (shiftPresses >= SHIFT_PRESSES) {
      shiftPresses = 0;
      quickExit();
      return;
    }
    shiftTimer = setTimeout(function () { shiftPresses = 0; }, SHIFT_WINDOW_MS);
  }, true);

  // The manifest, home-screen icon and title are made here, not by the app,
  // so the discreet choice applies before anything is rendered.
  function headTag(tag, attributes) {
    var element = document.head.querySelector(tag + "[data-um-shell='" + attributes.key + "']");
    if (!element) {
      element = document.createElement(tag);
      element.setAttribute("data-um-shell", attributes.key);
      document.head.appendChild(element);
    }
    Object.keys(attributes.set).forEach(function (name) { element.setAttribute(name, attributes.set[name]); });
  }

  function applyDiscreet() {
    var discreet = window.umIsDiscreet();
    headTag("link", { key: "manifest", set: { rel: "manifest",
      href: discreet ? "/manifest-discreet.webmanifest" : "/manifest.webmanifest" } });
    headTag("link", { key: "touch-icon", set: { rel: "apple-touch-icon",
      href: discreet ? "/icons/notes-apple-touch-icon.png" : "/icons/apple-touch-icon.png" } });
    // The tab's icon too (without it the browser asks for /favicon.ico, the
    // neutral one): a glance at her open tabs must not give the app away.
    headTag("link", { key: "icon", set: { rel: "icon", type: "image/png",
      href: discreet ? "/icons/notes-192.png" : "/icons/icon-192.png" } });
    headTag("meta", { key: "app-title", set: { name: "apple-mobile-web-app-title",
      content: discreet ? "Notes" : "Ugly Mugs" } });
  }
  window.umIsDiscreet = function () {
    try { return localStorage.getItem(DISCREET_KEY) === "1"; } catch (error) { return false; }
  };
  window.umSetDiscreet = function (on) {
    try { localStorage.setItem(DISCREET_KEY, on ? "1" : "0"); } catch (error) { /* ignore */ }
    applyDiscreet();
    return on;
  };
  applyDiscreet();

  // The draft and the key that opens it (assets/report_draft.js).
  window.umForgetDraft = function () {
    try { localStorage.removeItem("um.report.draft"); } catch (error) { /* ignore */ }
    try { if (window.indexedDB) indexedDB.deleteDatabase("um-draft-key"); } catch (error) { /* ignore */ }
  };

  // "Clear this device": nothing of the app may stay behind in this browser.
  window.umClearDevice = async function () {
    try { localStorage.clear(); sessionStorage.clear(); } catch (error) { /* ignore */ }
    document.cookie.split(";").forEach(function (cookie) {
      var name = cookie.split("=")[0].trim();
      if (name) document.cookie = name + "=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
    });
    try {
      if ("serviceWorker" in navigator) {
        var registrations = await navigator.serviceWorker.getRegistrations();
        for (var i = 0; i < registrations.length; i++) {
          var push = registrations[i].pushManager;
          var subscription = push && await push.getSubscription();
          if (subscription) await subscription.unsubscribe();
          await registrations[i].unregister();
        }
      }
      if (window.caches) {
        var names = await caches.keys();
        await Promise.all(names.map(function (name) { return caches.delete(name); }));
      }
      if (window.indexedDB && indexedDB.databases) {
        var bases = await indexedDB.databases();
        bases.forEach(function (base) { if (base.name) indexedDB.deleteDatabase(base.name); });
      }
    } catch (error) { /* best effort: storage is already gone */ }
    window.location.replace("/");
  };

  // Move the keyboard focus to an element as soon as React shows it: the
  // server's call can arrive before the render that un-hides the element.
  window.umFocus = function (id, keepScroll) {
    var tries = 0;
    (function attempt() {
      var element = document.getElementById(id);
      if (element && element.getClientRects().length) element.focus({ preventScroll: !!keepScroll });
      else if (tries++ < 60) requestAnimationFrame(attempt);
    })();
  };

  function registerWorker() {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }
  if ("serviceWorker" in navigator) {
    // This script may arrive after the load event (it is added by the app).
    if (document.readyState === "complete") registerWorker();
    else window.addEventListener("load", registerWorker);
  }
})();
