// The report draft lives on her device only, so a reload, a dropped
// connection or a failed submit never loses what she already told.
// It works without the server: fields are saved on every input and
// restored as soon as the form is on the page. The server only asks for
// the step to resume at (umDraft.meta) and says when to forget it.
//
// Whoever picks up the phone must not read it: the draft is stored
// encrypted (AES-GCM) under a key that lives in IndexedDB as a
// non-extractable WebCrypto key (scripts can use it, never read it out),
// and a draft left alone for 7 days is erased with its key. Without
// IndexedDB and WebCrypto nothing is stored: the draft lives in the page.
(function () {
  var KEY = "um.report.draft";
  var FORM = "report-form";
  var KEY_DATABASE = "um-draft-key";
  var KEY_STORE = "keys";
  var MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
  var memory = null;  // the last draft read or written, in this page only
  var pending = Promise.resolve();  // saves land in the order she typed
  var generation = 0;  // a clear() voids the saves queued before it

  // --- the key, kept in IndexedDB -------------------------------------
  function withKeyStore(mode, work) {
    return new Promise(function (resolve, reject) {
      var opening = indexedDB.open(KEY_DATABASE, 1);
      opening.onupgradeneeded = function () { opening.result.createObjectStore(KEY_STORE); };
      opening.onerror = function () { reject(opening.error); };
      opening.onsuccess = function () {
        var base = opening.result;
        if (!base.objectStoreNames.contains(KEY_STORE)) {
          // Made by someone else without the store: start it over.
          base.close();
          indexedDB.deleteDatabase(KEY_DATABASE);
          reject(new Error("no key store"));
          return;
        }
        var request = work(base.transaction(KEY_STORE, mode).objectStore(KEY_STORE));
        request.onsuccess = function () { base.close(); resolve(request.result); };
        request.onerror = function () { base.close(); reject(request.error); };
      };
    });
  }

  var keyPromise = null;
  function draftKey() {
    if (!keyPromise) {
      keyPromise = withKeyStore("readonly", function (store) { return store.get("draft"); })
        .then(function (found) {
          if (found) return found;
          return crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false,
                                           ["encrypt", "decrypt"])
            .then(function (made) {
              // add(), not put(): another tab may have stored one meanwhile; then use that.
              return withKeyStore("readwrite", function (store) { return store.add(made, "draft"); })
                .then(function () { return made; }, function () {
                  return withKeyStore("readonly", function (store) { return store.get("draft"); });
                });
            });
        });
      keyPromise.catch(function () { keyPromise = null; });
    }
    return keyPromise;
  }

  function canEncrypt() {
    return !!(window.indexedDB && window.crypto && crypto.subtle);
  }

  // --- encoding ---------------------------------------------------------
  function toBase64(bytes) {
    var text = "";
    new Uint8Array(bytes).forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text);
  }

  function fromBase64(text) {
    return Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); });
  }

  // --- the stored draft: {v, saved, iv, data}; only "saved" is readable --
  function stored() {
    try { return JSON.parse(localStorage.getItem(KEY) || "null"); } catch (error) { return null; }
  }

  function forget() {
    memory = null;
    try { localStorage.removeItem(KEY); } catch (error) { /* ignore */ }
  }

  function read() {
    var sealed = stored();
    if (!sealed) { memory = null; return Promise.resolve(null); }
    if (!sealed.saved || Date.now() - sealed.saved > MAX_AGE_MS || !canEncrypt()) {
      expire();
      return Promise.resolve(null);
    }
    return draftKey().then(function (key) {
      return crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(sealed.iv) }, key,
                                   fromBase64(sealed.data));
    }).then(function (plain) {
      memory = JSON.parse(new TextDecoder().decode(plain));
      return memory;
    }).catch(function () {
      // Its key is gone (storage cleared) or it was damaged: it cannot be read.
      forget();
      return null;
    });
  }

  function write(draft) {
    memory = draft;
    if (!canEncrypt()) return Promise.resolve();
    var iv = crypto.getRandomValues(new Uint8Array(12));
    var plain = new TextEncoder().encode(JSON.stringify(draft));
    return draftKey().then(function (key) {
      return crypto.subtle.encrypt({ name: "AES-GCM", iv: iv }, key, plain);
    }).then(function (sealed) {
      // A submit may have forgotten the draft while this was being encrypted.
      if (memory !== draft) return;
      localStorage.setItem(KEY, JSON.stringify(
        { v: 1, saved: Date.now(), iv: toBase64(iv), data: toBase64(sealed) }));
    }).catch(function () { /* full, private mode: the page still holds it */ });
  }

  // Past its time: the draft and its key go.
  function expire() {
    forget();
    keyPromise = null;
    try { if (window.indexedDB) indexedDB.deleteDatabase(KEY_DATABASE); } catch (error) { /* ignore */ }
  }

  function queue(step) {
    var mine = generation;
    var run = function () { return mine === generation ? step() : null; };
    pending = pending.then(run, run);
    return pending;
  }

  // --- the form -----------------------------------------------------------
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); });
    return [hex.slice(0, 4), hex.slice(4, 6), hex.slice(6, 8), hex.slice(8, 10), hex.slice(10)]
      .map(function (part) { return part.join(""); }).join("-");
  }

  function form() { return document.getElementById(FORM); }

  function fieldsOf(element) {
    var values = {};
    Array.prototype.forEach.call(element.elements, function (input) {
      // The step the page shows is the server's; the draft keeps its own copy.
      if (!input.name || input.name === "step") return;
      if (input.type === "checkbox") values[input.name] = input.checked;
      else if (input.type === "radio") { if (input.checked) values[input.name] = input.value; }
      else values[input.name] = input.value;
    });
    return values;
  }

  function fill(element, values) {
    Array.prototype.forEach.call(element.elements, function (input) {
      if (!input.name || !(input.name in values)) return;
      if (input.type === "checkbox") input.checked = !!values[input.name];
      else if (input.type === "radio") input.checked = values[input.name] === input.value;
      else input.value = values[input.name];
    });
  }

  // The form as it is now, over the draft's step and row count.
  function save() {
    var element = form();
    if (!element || element.getAttribute("data-restored") !== "yes") return pending;
    var fields = fieldsOf(element);
    return queue(function () {
      var draft = Object.assign({}, memory || {});
      draft.fields = fields;
      draft.client_id = fields.client_id;
      return write(draft);
    });
  }

  // Put a draft (or a fresh id) into the form the first time it appears.
  var restoring = false;
  function restore(element) {
    if (restoring || element.getAttribute("data-restored") === "yes") return;
    restoring = true;
    queue(read).then(function (draft) {
      if (draft && draft.fields) fill(element, draft.fields);
      var id = element.elements.namedItem("client_id");
      if (id && !id.value) id.value = (draft && draft.client_id) || newId();
      element.setAttribute("data-restored", "yes");
      restoring = false;
    });
  }

  // Only once React has hydrated the page: hydrating a textarea resets its value.
  function watch() {
    var element = form();
    if (element && document.querySelector("#app-ready[data-ready=yes]")) restore(element);
  }

  // On any page of the app, not only the report form: an old draft goes as
  // soon as the app is opened.
  var found = stored();
  if (found && (!found.saved || Date.now() - found.saved > MAX_AGE_MS)) expire();

  document.addEventListener("input", function (event) {
    if (event.target && event.target.form && event.target.form.id === FORM) save();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.form && event.target.form.id === FORM) save();
  }, true);
  new MutationObserver(watch).observe(document.documentElement,
    { childList: true, subtree: true, attributes: true, attributeFilter: ["data-ready"] });

  window.umDraft = {
    // Where to resume: the step, how many identifier rows she opened, and
    // which report she has begun since the last one was sent (if any).
    meta: function () {
      return queue(read).then(function (draft) {
        return { step: (draft && draft.step) || 0, rows: (draft && draft.rows) || 1,
                 started: !!draft, client_id: (draft && draft.client_id) || "" };
      });
    },
    remember: function (step, rows) {
      save();
      return queue(function () {
        var draft = Object.assign({}, memory || {});
        draft.step = step;
        draft.rows = rows;
        return write(draft);
      });
    },
    // After a successful submit: forget it, and start the next one empty.
    clear: function () {
      generation += 1;
      forget();
      var element = form();
      if (element) {
        element.reset();
        element.elements.namedItem("client_id").value = newId();
      }
    },
  };
})();
