// Notifications on this device: push subscription and the app icon's count.
// The server calls these through rx.call_script (pages/notifications/state.py,
// state/badge.py); what a promise resolves to goes back to its handler. The
// server keeps none of it in a var and trusts none of it for a decision.
(function () {
  // Whether this device is set to discreet (assets/shell.js keeps the choice).
  function isDiscreet() {
    return !!(window.umIsDiscreet && window.umIsDiscreet());
  }

  // What this browser can do: ios_install | unsupported | denied | ready | subscribed.
  async function detect() {
    const ios = /iPad|iPhone|iPod/.test(navigator.userAgent)
      || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
    const standalone = window.matchMedia('(display-mode: standalone)').matches
      || navigator.standalone === true;
    if (ios && !standalone) return {support: 'ios_install'};
    if (!('serviceWorker' in navigator) || !('PushManager' in window)
        || !('Notification' in window)) return {support: 'unsupported'};
    if (Notification.permission === 'denied') return {support: 'denied'};
    const reg = await navigator.serviceWorker.getRegistration();
    const sub = reg ? await reg.pushManager.getSubscription() : null;
    return sub ? {support: 'subscribed', endpoint: sub.endpoint, discreet: isDiscreet()}
      : {support: 'ready'};
  }

  // Runs from her tap (the permission prompt needs it). The key is public.
  // A failure comes back as {failed: why}, for the page to say in her language.
  async function subscribe() {
    try {
      const key = document.getElementById('push-key').dataset.key;
      const raw = atob(key.replace(/-/g, '+').replace(/_/g, '/'));
      const applicationServerKey = Uint8Array.from(raw, (c) => c.charCodeAt(0));
      if (await Notification.requestPermission() !== 'granted') return {denied: true};
      const reg = await withinSeconds(navigator.serviceWorker.ready, 20);
      const sub = await withinSeconds(
        reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey}), 30);
      const ua = navigator.userAgent;
      const label = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iPhone / iPad'
        : /Mac/.test(ua) ? 'Mac' : /Windows/.test(ua) ? 'Windows' : 'Browser';
      return {subscription: sub.toJSON(), label, discreet: isDiscreet()};
    } catch (error) {
      return {failed: whyFailed(error)};
    }
  }

  function withinSeconds(promise, seconds) {
    return Promise.race([promise, new Promise((resolve, reject) => setTimeout(
      () => reject(new DOMException('no answer', 'TimeoutError')), seconds * 1000))]);
  }

  // offline | blocked | service (the push service did not answer) | other
  function whyFailed(error) {
    if (!navigator.onLine) return 'offline';
    const name = error && error.name;
    if (name === 'NotAllowedError') return 'blocked';
    if (name === 'AbortError' || name === 'TimeoutError' || name === 'NetworkError') {
      return 'service';
    }
    return 'other';
  }

  // After she removed this device: the browser forgets its subscription too.
  function unsubscribe() {
    return navigator.serviceWorker.getRegistration()
      .then((reg) => reg && reg.pushManager.getSubscription())
      .then((sub) => sub && sub.unsubscribe()).catch(() => {});
  }

  // This device's push endpoint, if it has one: it names the device to the server.
  function endpoint() {
    if (!navigator.serviceWorker) return Promise.resolve({endpoint: ''});
    return navigator.serviceWorker.getRegistration()
      .then((reg) => reg && reg.pushManager.getSubscription())
      .then((sub) => ({endpoint: sub ? sub.endpoint : ''})).catch(() => ({endpoint: ''}));
  }

  // The unread count on the installed app's icon (Badging API), cleared at zero.
  function setBadge(count) {
    if (!('setAppBadge' in navigator)) return;
    (count > 0 ? navigator.setAppBadge(count) : navigator.clearAppBadge()).catch(() => {});
  }

  window.umNotifications = {detect, subscribe, unsubscribe, endpoint, setBadge};
})();
