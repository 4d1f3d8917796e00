"""HTTP routes of Web Push, for the service worker (which has no websocket).

``POST /api/push/resubscribe``: the browser replaced a subscription
(``pushsubscriptionchange``); the service worker proves it held the old one
by sending its endpoint with its auth secret. ``GET /api/push/key``: the
application server key, for subscribing again without the page.
"""

from __future__ import annotations

import json
from functools import lru_cache

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from uglymugs_app.services.database import session_scope
from uglymugs_app.services.push.subscriptions import InvalidSubscriptionError, replace_endpoint
from uglymugs_app.services.security.instance_secrets import InstanceSecrets, ensure_secrets
from uglymugs_app.settings import get_settings

MAX_BODY_BYTES = 8 * 1024
NO_STORE = {"Cache-Control": "no-store"}


@lru_cache
def _secrets() -> InstanceSecrets:
    settings = get_settings()
    return ensure_secrets(settings.instance_dir, allow_generate=not settings.is_production)


def _replace(body: dict) -> bool:
    fresh = body["subscription"]
    with session_scope() as session:
        return replace_endpoint(
            session,
            secrets=_secrets(),
            old_endpoint=str(body["old_endpoint"]),
            old_auth=str(body["old_auth"]),
            endpoint=str(fresh["endpoint"]),
            p256dh=str(fresh["keys"]["p256dh"]),
            auth=str(fresh["keys"]["auth"]),
        )


async def resubscribe(request: Request) -> Response:
    """Move a subscription to its new endpoint; 204 done, 403 not proven, 400 malformed."""
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        return Response(status_code=413, headers=NO_STORE)
    try:
        replaced = await run_in_threadpool(_replace, json.loads(raw))
    except (ValueError, KeyError, TypeError, InvalidSubscriptionError):
        return Response(status_code=400, headers=NO_STORE)
    return Response(status_code=204 if replaced else 403, headers=NO_STORE)


async def application_server_key(_request: Request) -> JSONResponse:
    """The VAPID public key (public by design) a browser subscribes with."""
    key = await run_in_threadpool(lambda: _secrets().vapid_public_key)
    return JSONResponse({"key": key}, headers=NO_STORE)


def push_routes() -> list[Route]:
    """The routes to add to the app's HTTP sub-application."""
    return [
        Route("/api/push/resubscribe", resubscribe, methods=["POST"]),
        Route("/api/push/key", application_server_key, methods=["GET"]),
    ]
