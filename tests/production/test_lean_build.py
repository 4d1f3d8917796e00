"""What a phone downloads before the first paint, in the production build.

The start page's stylesheet holds none of Radix's responsive variants (the
build drops them: uglymugs_app/theme.py), the device's own scripts are in the
page, not four more requests, and the app's chunks are not among what the
first paint shares the connection with.
"""

from __future__ import annotations

import gzip
import re
import urllib.request

from tests.production.conftest import needs_servers
from uglymugs_app.components.device_scripts import DEVICE_SCRIPTS, script_text

pytestmark = needs_servers

STYLESHEET = re.compile(r'<link[^>]*rel="stylesheet"[^>]*>')
VARIANT_RULE = re.compile(r"\.(?:xs|sm|md|lg|xl)\\:rt-")
# Gzipped, as sent: 65 KB with the variants, 41 KB without.
STYLESHEET_LIMIT = 48_000


def _get(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def test_the_start_page_links_a_lean_stylesheet_and_carries_its_scripts(production_server):
    page = _get(production_server.url + "/").decode()
    links = [tag for tag in STYLESHEET.findall(page) if "/assets/" in tag]
    assert len(links) == 1, links
    href = re.search(r'href="([^"]+)"', links[0]).group(1)
    stylesheet = _get(production_server.url + href)
    assert not VARIANT_RULE.search(stylesheet.decode()), "Radix's responsive variants shipped"
    assert b".rt-Button" in stylesheet and b".rt-r-size-2" in stylesheet  # the rest stays
    assert len(gzip.compress(stylesheet, 9)) <= STYLESHEET_LIMIT
    # The app's chunks are asked for after the first paint (uglymugs_app/paint_first.py).
    assert 'rel="modulepreload"' not in page and 'type="module"' not in page
    for name in DEVICE_SCRIPTS:
        assert f'src="/{name}"' not in page
        assert script_text(name) in page, f"{name} is not in the page"
