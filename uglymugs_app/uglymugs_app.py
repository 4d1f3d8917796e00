"""Builds the Reflex app: head tags, HTTP routes, pages (the theme is in rxconfig).

The manifest and home-screen icon links are added by assets/shell.js, which
chooses the normal or the discreet variant before the app renders.
"""

import reflex as rx

from uglymugs_app import pages  # noqa: F401  (registers every page)
from uglymugs_app.runtime.api import make_api
from uglymugs_app.runtime.maintenance_worker import maintenance_lifespan
from uglymugs_app.runtime.push_worker import push_sender_lifespan
from uglymugs_app.runtime.security_headers import security_headers
from uglymugs_app.runtime.startup import lifespan
from uglymugs_app.runtime.tab_leases import tab_lease_lifespan
from uglymugs_app.settings import get_settings
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
        # Plain elements, so they are in the served HTML and run before the app.
        # They block the first paint (~0.1 s in Lighthouse's simulation) on
        # purpose: the app's module script is async, so a deferred script could
        # run after the app has called it. shell.js also chooses a discreet
        # device's icon and title before anything shows.
        rx.el.script(src="/shell.js"),
        # Keeps the report draft on the device, also while the connection is down.
        rx.el.script(src="/report_draft.js"),
        # Push subscription and the icon's unread count, called by the states.
        rx.el.script(src="/notifications.js"),
        # The check page's logic: the answer is never stale, also while the
        # connection is down. It fetches the private check's engine (RFC 9497
        # VOPRF, phone parsing: /private_check.js) when the check page opens.
        rx.el.script(src="/check.js"),
    ],
    # The routes first, then the headers around everything (pages included).
    api_transformer=[make_api(), security_headers],
)
# A tab's session answers only the socket that presented it.
app.add_middleware(SessionBinding())
app.register_lifespan_task(lifespan)
# After start-up (secrets, schema): one push sender per backend worker.
app.register_lifespan_task(push_sender_lifespan)
# Housekeeping (expiry, pruning); safe when every worker runs it.
app.register_lifespan_task(maintenance_lifespan)
# With Redis: forget the lease locks of tabs that are gone.
app.register_lifespan_task(tab_lease_lifespan)
