// Ugly Mugs service worker.
// Caches only the static shell (offline page, manifests, icons). Never the
// websocket, never API responses, never anything that holds member data.
const CACHE = "uglymugs-shell-v1";
const OFFLINE_URL = "/offline.html";
const PRECACHE = [
  OFFLINE_URL,
  "/manifest.webmanifest",
  "/manifest-discreet.webmanifest",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/icons/notes-192.png",
  "/icons/notes-512.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

// A number shared from another app (the manifest's share target) arrives as
// a POST, so it is never in a URL, the history or the server's router state.
// It waits here, in memory only, until the check page takes it (check.js).
const SHARE_PATH = "/check/share";
const SHARE_TTL_MS = 60000;
let shared = null;

function takeShare(request) {
  return request.formData().catch(() => new FormData()).then((data) => {
    const text = ["text", "url"].map((name) => data.get(name)).filter(Boolean).join(" ");
    shared = text ? { text: String(text).slice(0, 300), at: Date.now() } : null;
    // 303: the page is fetched with GET; Back does not post the number again.
    return Response.redirect(new URL("/check", self.location.origin).href, 303);
  });
}

self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "um-take-shared" || !event.ports[0]) return;
  const fresh = shared && Date.now() - shared.at < SHARE_TTL_MS ? shared.text : "";
  shared = null;
  event.ports[0].postMessage({ text: fresh });
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === SHARE_PATH) {
    event.respondWith(takeShare(request));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    // Network first: the page is always fresh; offline she gets a calm page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL)));
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  }
  // Everything else (the app's scripts, /_event, /api/...) goes straight to
  // the network and is never stored.
});

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  // Without a readable payload, the neutral words: a lock screen may be watched.
  const title = data.title || "Notes";
  // The server names the icon: the notepad for a device set to discreet.
  const icon = typeof data.icon === "string" && data.icon.startsWith("/icons/")
    ? data.icon : "/icons/icon-192.png";
  const options = {
    body: data.body || "",
    tag: data.tag || undefined,
    icon,
    data: { url: data.url || "/" },
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((list) => {
      for (const client of list) {
        if ("focus" in client) {
          client.navigate(target);
          return client.focus();
        }
      }
      return self.clients.openWindow(target);
    })
  );
});

// The browser replaced the subscription (keys rotated, expired). Subscribe
// again and tell the server, proving with the old endpoint and its auth
// secret that this is the same device. No login is available here.
self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil((async () => {
    const old = event.oldSubscription ? event.oldSubscription.toJSON() : null;
    // Without the old subscription nothing proves who we are: the app
    // registers again the next time it is opened.
    if (!old || !old.keys || !old.keys.auth) return;
    let fresh = event.newSubscription;
    if (!fresh) {
      const response = await fetch("/api/push/key", { credentials: "omit" });
      const { key } = await response.json();
      fresh = await self.registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: key,
      });
    }
    await fetch("/api/push/resubscribe", {
      method: "POST",
      credentials: "omit",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        old_endpoint: old.endpoint,
        old_auth: old.keys.auth,
        subscription: fresh.toJSON(),
      }),
    });
  })());
});
