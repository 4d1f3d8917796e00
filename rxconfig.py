"""Reflex configuration, derived from the one Settings object."""

import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from uglymugs_app.paint_first import PaintFirst
from uglymugs_app.settings import get_settings
from uglymugs_app.theme import theme_plugin

_settings = get_settings()

# With Redis: the worker serving a tab keeps its state in memory between her
# events for a few seconds instead of a Redis round trip per event (see
# uglymugs_app/runtime/tab_leases.py). An admin can still turn it off with =0.
os.environ.setdefault("REFLEX_OPLOCK_ENABLED", "1")

config = rx.Config(
    app_name="uglymugs_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    default_color_mode="dark",
    db_url=_settings.effective_database_url,
    redis_url=_settings.redis_url or None,
    # Warn (without the tab's token: runtime/log_redaction.py) only when an event
    # holds a tab's state for 5 s, not 1 s: under a burst of checks the 1 s
    # warning fired for every queued event, and writing it cost the workers
    # about a seventh of their time.
    redis_lock_warning_threshold=5000,
    # A tab's states (what her pages showed her) leave Redis after 15 idle
    # minutes, not Reflex's hour. Her login lives in the database and her
    # drafts in her browser: a tab back after that hydrates afresh.
    redis_token_expiration=15 * 60,
    plugins=[theme_plugin(), PaintFirst()],
    # Phones on prepaid data: files are precompressed with brotli (served over
    # HTTPS, about a fifth smaller than gzip) and gzip.
    frontend_compression_formats=["brotli", "gzip"],
    disable_plugins=[SitemapPlugin],
)
