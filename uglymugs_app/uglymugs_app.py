"""Builds the Reflex app: head tags, HTTP routes, pages (the theme is in rxconfig).

The manifest and home-screen icon links are added by assets/shell.js, which
chooses the normal or the discreet variant before the app renders.
"""

import reflex as rx

from uglymugs_app import pages  # noqa: F401  (registers every page)
from uglymugs_app.components.device_scripts import device_scripts
from uglymugs_app.runtime.api import make_api
from uglymugs_app.runtime.maintenance_worker import maintenance_lifespan
from uglymugs_app.runtime.push_worker import push_sender_lifespan
from uglymugs_app.runtime.security_headers import security_headers
from uglymugs_app.runtime.startup import lifespan
from uglymugs_app.runtime.tab_leases import tab_lease_lifespan
from uglymugs_app.settings import get_settings
from uglymugs_app.state.interface_hydrate import InterfaceWithHydrate
from uglymugs_app.state.session_binding import SessionBinding

_settings = get_settings()

app = rx.App(
    stylesheets=["/shell.css"],
    html_lang="en",
    head_components=[
        rx.el.meta(name="theme-color", content="#1b1726"),
        rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
        rx.el.meta(name="mobile-web-app-capable", content="yes"),
        rx.el.meta(name="apple-mobile-web-app-status-bar-style", content="black-translucent"),
        rx.el.meta(name="referrer", content="no-referrer"),
        # The device's own scripts, written into every page so they run before
        # the app's (its module script is async and calls them) without a
        # request each: as four files they waited behind the app's sixteen
        # preloaded chunks (six connections per origin over HTTP/1.1) and held
        # back the first paint. The policy allows them by hash, per page
        # (runtime/security_headers.py).
        *device_scripts(),
    ],
    # The routes first, then the headers around everything (pages included).
    api_transformer=[make_api(), security_headers],
)
# A tab's session answers only the socket that presented it.
app.add_middleware(SessionBinding())
app.add_middleware(InterfaceWithHydrate())
app.register_lifespan_task(lifespan)
# After start-up (secrets, schema): one push sender per backend worker.
app.register_lifespan_task(push_sender_lifespan)
# Housekeeping (expiry, pruning); safe when every worker runs it.
app.register_lifespan_task(maintenance_lifespan)
# With Redis: forget the lease locks of tabs that are gone.
app.register_lifespan_task(tab_lease_lifespan)
