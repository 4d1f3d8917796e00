"""The built pages start the app after their first paint (uglymugs_app/paint_first.py),
checked on a page of the shape React Router writes; the served app's own pages
are covered in tests/browser/test_device_scripts.py."""

from __future__ import annotations

import json
import re

import pytest

from uglymugs_app.paint_first import late_start

PAGE = """<!DOCTYPE html><html><head><meta charSet="utf-8"/>
<link rel="modulepreload" href="/assets/manifest-1.js"/>
<link rel="modulepreload" href="/assets/entry.client-2.js"/>
<link rel="modulepreload" href="/assets/root-3.js"/>
<link rel="modulepreload" href="/assets/_check-4.js"/>
<link rel="modulepreload" href="/assets/react-5.js"/>
<link href="/assets/styles.css" rel="stylesheet"/></head><body><main>Check a number</main>
<script>window.__reactRouterContext = {};</script>
<script type="module" async="">import "/assets/manifest-1.js";
import * as route0 from "/assets/root-3.js";
import * as route1 from "/assets/_check-4.js";
<BLANK>
  window.__reactRouterRouteModules = {"root":route0,"routes/[check]._index":route1};

import("/assets/entry.client-2.js");</script></body></html>""".replace("<BLANK>", "  ")


def _value(script: str, name: str):
    return json.loads(re.search(rf"var {name} = (.*);", script).group(1))


def test_the_page_asks_for_no_chunk_until_it_has_painted():
    page = late_start(PAGE)
    assert '<link rel="modulepreload"' not in page and 'type="module"' not in page
    assert "<main>Check a number</main>" in page and "window.__reactRouterContext" in page
    script = page.split("<script>")[-1]
    assert script.index("requestAnimationFrame") > script.index("function start")
    # The same chunks, hinted together; the same modules, imported in their order.
    assert _value(script, "hints") == [
        "/assets/manifest-1.js",
        "/assets/entry.client-2.js",
        "/assets/root-3.js",
        "/assets/_check-4.js",
        "/assets/react-5.js",
    ]
    assert _value(script, "modules") == [
        {"href": "/assets/manifest-1.js", "name": ""},
        {"href": "/assets/root-3.js", "name": "route0"},
        {"href": "/assets/_check-4.js", "name": "route1"},
    ]
    assert _value(script, "routes") == {"root": "route0", "routes/[check]._index": "route1"}
    assert 'return import("/assets/entry.client-2.js")' in script
    assert late_start(page) == page  # a page is rewritten once


def test_a_page_without_the_app_is_left_alone():
    assert late_start("<html><body>offline</body></html>") == "<html><body>offline</body></html>"


def test_a_module_script_of_another_shape_stops_the_build():
    changed = PAGE.replace('import("/assets/entry.client-2.js");', "startApp();")
    with pytest.raises(ValueError, match="changed shape"):
        late_start(changed)
