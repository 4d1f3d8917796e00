"""Reflex configuration, derived from the one Settings object."""

import reflex as rx

from uglymugs_app.settings import get_settings

_settings = get_settings()

config = rx.Config(
    app_name="uglymugs_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    default_color_mode="dark",
    db_url=_settings.effective_database_url,
    redis_url=_settings.redis_url or None,
    plugins=[rx.plugins.RadixThemesPlugin()],
    disable_plugins=["reflex.plugins.sitemap.SitemapPlugin"],
)
