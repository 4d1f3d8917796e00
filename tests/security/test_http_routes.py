"""The app's own HTTP routes refuse a visitor without a session.

Routes are read from ``make_api()``, so a route added later is requested here
without touching this file. A route may answer an anonymous visitor only if
it is in ``PUBLIC`` with the reason; nothing it answers may hold a sentinel.
"""

from __future__ import annotations

import re

import httpx
import pytest
from starlette.routing import BaseRoute, Mount, Route

from tests.security.roles import leaks
from tests.security.sentinels import Seeded
from uglymugs_app.runtime.api import make_api

PUBLIC = {
    "/api/health": "for load balancers and probes: says only ok/unavailable and two "
    "booleans about the database, nothing about any member",
    "/api/push/key": "the VAPID public key, public by design: a browser needs it to "
    "subscribe, and it opens nothing",
}
# Routes that prove the caller by something other than a session, and how a
# request without that proof ends.
OWN_PROOF = {
    "/api/push/resubscribe": (
        "the service worker has no session: it proves it held the "
        "old subscription by its endpoint and auth secret; "
        "malformed -> 400, unproven -> 403",
        {400, 403, 413},
    ),
}
# An anonymous request to a protected route may end only like this.
REFUSED = {401, 403, 404, 405}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _routes(routes: list[BaseRoute], prefix: str = "") -> list[Route]:
    found: list[Route] = []
    for route in routes:
        if isinstance(route, Mount):
            found += _routes(route.routes or [], prefix + route.path)
        elif isinstance(route, Route):
            found.append(Route(prefix + route.path, route.endpoint, methods=route.methods))
    return found


ROUTES = _routes(make_api().routes)


def _url(path: str, seeded: Seeded) -> str:
    """Fill path parameters with ids of someone else's things."""
    ids = {"report": seeded.targets.report_id, "warning": seeded.targets.warning_id}

    def fill(match: re.Match) -> str:
        name = match.group(1).split(":")[0]
        return str(next((v for k, v in ids.items() if k in name), seeded.targets.member_id))

    return re.sub(r"\{([^}]+)\}", fill, path)


def test_every_listed_route_exists():
    """A stale entry would hide a route that was renamed and never reviewed."""
    assert set(PUBLIC) | set(OWN_PROOF) <= {route.path for route in ROUTES}


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.path)
def test_route_refuses_anonymous(route: Route, api_url: str, seeded: Seeded):
    problems = []
    with httpx.Client(base_url=api_url, timeout=10, follow_redirects=False) as client:
        for method in METHODS:
            response = client.request(
                method, _url(route.path, seeded), json={"member_id": seeded.targets.member_id}
            )
            found = leaks(
                [{"body": response.text, "headers": dict(response.headers)}],
                seeded.forbidden["anonymous"],
            )
            if found:
                problems.append(f"{method} sent {found}")
            allowed = route.methods is not None and method in route.methods
            refused = OWN_PROOF[route.path][1] if route.path in OWN_PROOF else REFUSED
            if allowed and route.path not in PUBLIC and response.status_code not in refused:
                problems.append(f"{method} answered {response.status_code} without a session")
    assert not problems, f"{route.path}: " + "; ".join(problems)
