// Runs before the app hydrates, so quick exit works even while the
// connection to the server is down.
(function () {
  var DISCREET_KEY = "um.discreet";

  function exitUrl() {
    var link = document.querySelector("[data-quick-exit]");
    return (link && link.getAttribute("href")) || window.UM_EXIT_URL || "about:blank";
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

  function applyDiscreet() {
    var discreet = false;
    try { discreet = localStorage.getItem(DISCREET_KEY) === "1"; } catch (error) { /* ignore */ }
    var manifest = document.querySelector("link[rel=manifest]");
    if (manifest) manifest.href = discreet ? "/manifest-discreet.webmanifest" : "/manifest.webmanifest";
    var touch = document.querySelector("link[rel=apple-touch-icon]");
    if (touch) touch.href = discreet ? "/icons/notes-apple-touch-icon.png" : "/icons/apple-touch-icon.png";
    var title = document.querySelector("meta[name=apple-mobile-web-app-title]");
    if (title) title.content = discreet ? "Notes" : "Ugly Mugs";
  }
  window.umSetDiscreet = function (on) {
    try { localStorage.setItem(DISCREET_KEY, on ? "1" : "0"); } catch (error) { /* ignore */ }
    applyDiscreet();
    return on;
  };
  window.umIsDiscreet = function () {
    try { return localStorage.getItem(DISCREET_KEY) === "1"; } catch (error) { return false; }
  };
  applyDiscreet();

  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();
