"""Plain HTTP routes beside Reflex's websocket: health for probes."""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from uglymugs_app.runtime.push_api import push_routes
from uglymugs_app.services.database import database_reachable
from uglymugs_app.services.maintenance.migrations import is_at_head
from uglymugs_app.settings import get_settings


async def health(_request: Request) -> JSONResponse:
    """Database reachable and schema current; 503 otherwise. No details leak."""
    reachable = database_reachable()
    current = False
    if reachable:
        try:
            current = is_at_head(get_settings().effective_database_url)
        except Exception:
            current = False
    healthy = reachable and current
    return JSONResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": reachable,
            "schema_current": current,
        },
        status_code=200 if healthy else 503,
        headers={"Cache-Control": "no-store"},
    )


def make_api() -> Starlette:
    """A fresh sub-application per rx.App (a shared one breaks test harnesses)."""
    return Starlette(routes=[Route("/api/health", health), *push_routes()])
