// Runs before the app hydrates, so quick exit works even while the
// connection to the server is down.
(function () {
  var DISCREET_KEY = "um.discreet";

  function exitUrl() {
    var link = document.querySelector("[data-quick-exit]");
    return (link && link.getAttribute("href")) || "about:blank";
  }

  function quickExit() {
    try { sessionStorage.clear(); } catch (error) { /* private mode */ }
    // replace(): the app is not left in the history, so Back does not return.
    window.location.replace(exitUrl());
  }
  window.umQuickExit = quickExit;

  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest && event.target.closest("[data-quick-exit]");
    if (target) {
      event.preventDefault();
      quickExit();
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    // Escape inside an open menu or dialog closes that first.
    var active = document.activeElement;
    if (active && active.closest && active.closest("[role=dialog],[role=listbox],[role=menu]")) return;
    if (document.querySelector("[role=dialog][data-state=open],[role=listbox]")) return;
    quickExit();
  });

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

  window.umForgetDraft = function () {
    try { localStorage.removeItem("um.report.draft"); } catch (error) { /* ignore */ }
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
