"""What the server does once when it starts (never at import)."""

import contextlib
import gc
import logging

from uglymugs_app.runtime.log_redaction import redact_logs
from uglymugs_app.services.database import session_scope
from uglymugs_app.services.maintenance.migrations import is_at_head, upgrade_to_head
from uglymugs_app.services.members.login import issue_setup_token
from uglymugs_app.services.regions.defaults import seed_database
from uglymugs_app.services.security.instance_secrets import current_secrets, ensure_secrets
from uglymugs_app.settings import get_settings

log = logging.getLogger("uglymugs")


def prepare_installation() -> None:
    """Secrets present and schema at head, or refuse to start in production."""
    settings = get_settings()
    ensure_secrets(settings.instance_dir, allow_generate=not settings.is_production)
    url = settings.effective_database_url
    if settings.is_production:
        if not is_at_head(url):
            raise RuntimeError("database schema is not current: run `uglymugs migrate` first")
    else:
        upgrade_to_head(url)
    # A new installation's regions (the shipped defaults); nothing once it has its own.
    seed_database(url)


def setup_link() -> str | None:
    """A one-time link for the first admin while none exists, else None."""
    settings = get_settings()
    with session_scope() as session:
        token = issue_setup_token(session, secrets=current_secrets(), settings=settings)
    if token is None:
        return None
    return f"{settings.public_base_url.rstrip('/')}/setup?token={token}"


def show_app_logs() -> None:
    """Send the app's own log lines (counts, status codes, never identifiers) to stderr.

    Migrations configure logging from alembic.ini, which leaves the root
    logger at WARNING: without a handler of its own, the push sender's and
    the maintenance rounds' INFO lines would never reach an admin.
    """
    app_log = logging.getLogger("uglymugs")
    if app_log.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [%(name)s] %(message)s"))
    app_log.addHandler(handler)
    app_log.setLevel(get_settings().log_level)
    app_log.propagate = False


def freeze_start_up_objects() -> None:
    """Keep the objects every worker builds at start out of the garbage collector's scans.

    A worker holds a few hundred thousand long-lived objects (modules, the
    compiled pages). Each full collection walked all of them and stopped the
    worker for 150-350 ms, every 20-30 s under load: the slowest checks of
    bench/check_load.py were those pauses. Frozen, a full collection takes
    20-50 ms (measured there).
    """
    gc.collect()
    gc.freeze()


@contextlib.asynccontextmanager
async def lifespan():
    # First: no later line of the app or the framework may carry a payload,
    # a token or an address.
    redact_logs()
    prepare_installation()
    show_app_logs()
    link = setup_link()
    if link:
        # The console is the one place only the person installing can see.
        print(f"No admin yet. Create the first admin (link valid once): {link}", flush=True)
    freeze_start_up_objects()
    yield
