// The report draft lives on her device only, so a reload, a dropped
// connection or a failed submit never loses what she already told.
// It works without the server: fields are saved on every input and
// restored as soon as the form is on the page. The server only asks for
// the step to resume at (umDraft.meta) and says when to forget it.
(function () {
  var KEY = "um.report.draft";
  var FORM = "report-form";

  function read() {
    try { return JSON.parse(localStorage.getItem(KEY) || "null"); } catch (error) { return null; }
  }

  function write(draft) {
    try { localStorage.setItem(KEY, JSON.stringify(draft)); } catch (error) { /* full or private */ }
  }

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

  function save() {
    var element = form();
    if (!element) return;
    var draft = read() || {};
    draft.fields = fieldsOf(element);
    draft.client_id = draft.fields.client_id;
    write(draft);
  }

  // Put a draft (or a fresh id) into the form the first time it appears.
  function restore(element) {
    if (element.getAttribute("data-restored") === "yes") return;
    var draft = read();
    if (draft && draft.fields) fill(element, draft.fields);
    var id = element.elements.namedItem("client_id");
    if (id && !id.value) id.value = (draft && draft.client_id) || newId();
    element.setAttribute("data-restored", "yes");
  }

  // Only once React has hydrated the page: hydrating a textarea resets its value.
  function watch() {
    var element = form();
    if (element && document.querySelector("#app-ready[data-ready=yes]")) restore(element);
  }

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
      var draft = read();
      return { step: (draft && draft.step) || 0, rows: (draft && draft.rows) || 1,
               started: !!draft, client_id: (draft && draft.client_id) || "" };
    },
    remember: function (step, rows) {
      save();
      var draft = read() || {};
      draft.step = step;
      draft.rows = rows;
      write(draft);
    },
    // After a successful submit: forget it, and start the next one empty.
    clear: function () {
      try { localStorage.removeItem(KEY); } catch (error) { /* ignore */ }
      var element = form();
      if (element) {
        element.reset();
        element.elements.namedItem("client_id").value = newId();
      }
    },
  };
})();
