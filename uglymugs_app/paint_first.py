"""Paint first, then load the app: the built pages fetch the app's scripts only
after the browser has shown them.

Every page is served drawn (prerendered HTML) with its stylesheet. React
Router's output also asks for the page's ~16 script chunks (about 220 KB
compressed) from the head, so on a phone's slow connection they share it with
the stylesheet, which the first paint waits for (over HTTP/1.1 the stylesheet
gets one of six connections). After the build, this plugin rewrites each page:
the chunk hints and the module script that starts the app become one small
script that, once a frame has been painted, adds the same hints and imports
the same modules in the same order. She sees the page as soon as its HTML and
stylesheet are in; it becomes interactive when the chunks are (they still
load in parallel, not one after another). If the connection drops before
they are all in, the page stays as drawn and loads again when the phone is
back online. A page opened in the background
starts at once (it has nothing to paint).

A page whose script does not have the shape this expects stops the build (a
new React Router must be looked at, not silently served half-rewritten).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import reflex as rx

_HINT = re.compile(r'<link rel="modulepreload" href="(?P<href>[^"]+)"/>')
_START = re.compile(r'<script type="module" async="">(?P<code>.*?)</script>', re.DOTALL)
_BARE_IMPORT = re.compile(r'^import "(?P<href>[^"]+)";$', re.MULTILINE)
_NAMED_IMPORT = re.compile(r'^import \* as (?P<name>\w+) from "(?P<href>[^"]+)";$', re.MULTILINE)
_ROUTE_MODULES = re.compile(
    r"^\s*window\.__reactRouterRouteModules = \{(?P<pairs>.*)\};$", re.MULTILINE
)
_PAIR = re.compile(r'"(?P<route>[^"]+)":(?P<name>\w+)')
_ENTRY = re.compile(r'^import\("(?P<href>[^"]+)"\);$', re.MULTILINE)
# Adds the hints, imports the modules in order, then the entry (which hydrates).
_LATE_START = """(function () {
  var hints = %(hints)s;
  var modules = %(modules)s;
  var routes = %(routes)s;
  var started = false;
  function start() {
    if (started) return;
    started = true;
    hints.forEach(function (href) {
      var link = document.createElement("link");
      link.rel = "modulepreload";
      link.href = href;
      document.head.appendChild(link);
    });
    var loaded = {};
    modules
      .reduce(function (before, module) {
        return before.then(function () {
          return import(module.href).then(function (namespace) {
            if (module.name) loaded[module.name] = namespace;
          });
        });
      }, Promise.resolve())
      .then(function () {
        var routeModules = {};
        Object.keys(routes).forEach(function (route) {
          routeModules[route] = loaded[routes[route]];
        });
        window.__reactRouterRouteModules = routeModules;
        return import(%(entry)s);
      })
      .catch(unloaded);
  }
  // The connection dropped while the app was on its way: the page stays as
  // drawn, and is loaded again when the phone is back online (or, if it
  // never went offline, once after a few seconds; not in a loop).
  function unloaded() {
    document.documentElement.setAttribute("data-app", "unloaded");
    window.addEventListener("online", function () { location.reload(); }, { once: true });
    if (!navigator.onLine) return;
    try {
      var last = Number(sessionStorage.getItem("um.app.retried") || 0);
      if (Date.now() - last < 60000) return;
      sessionStorage.setItem("um.app.retried", String(Date.now()));
    } catch (e) {
      return;
    }
    setTimeout(function () { location.reload(); }, 5000);
  }
  if (document.visibilityState === "visible") {
    requestAnimationFrame(function () { setTimeout(start, 0); });
  } else {
    start();
  }
})();"""


def late_start(page: str) -> str:
    """A built page that fetches the app's scripts after its first paint."""
    starts = _START.findall(page)
    if not starts:
        return page  # not a page of the app (or already rewritten)
    if len(starts) != 1:
        raise ValueError("a page with more than one module script")
    code = starts[0]
    imports = [*_BARE_IMPORT.finditer(code), *_NAMED_IMPORT.finditer(code)]
    modules = [
        {"href": found["href"], "name": found.groupdict().get("name") or ""}
        for found in sorted(imports, key=lambda found: found.start())
    ]
    route_modules = _ROUTE_MODULES.search(code)
    entry = _ENTRY.search(code)
    rest = code
    for pattern in (_BARE_IMPORT, _NAMED_IMPORT, _ROUTE_MODULES, _ENTRY):
        rest = pattern.sub("", rest)
    if route_modules is None or entry is None or rest.strip() or not modules:
        raise ValueError(f"React Router's module script changed shape:\n{code}")
    routes = {pair["route"]: pair["name"] for pair in _PAIR.finditer(route_modules["pairs"])}
    script = _LATE_START % {
        "hints": json.dumps([found["href"] for found in _HINT.finditer(page)]),
        "modules": json.dumps(modules),
        "routes": json.dumps(routes),
        "entry": json.dumps(entry["href"]),
    }
    page = _HINT.sub("", page)
    if "modulepreload" in page:
        raise ValueError("a chunk hint of another shape is left in the page")
    return _START.sub(lambda _: f"<script>{script}</script>", page, count=1)


class PaintFirst(rx.plugins.Plugin):
    """Rewrites every built page with ``late_start`` (before Reflex compresses them)."""

    def post_build(self, **context: Any) -> None:
        static_dir: Path = context["static_dir"]
        for page in static_dir.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            rewritten = late_start(text)
            if rewritten != text:
                page.write_text(rewritten, encoding="utf-8")
