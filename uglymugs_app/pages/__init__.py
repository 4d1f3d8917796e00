"""One module per page; importing this package registers them all."""

from uglymugs_app.pages import help, home, not_found, settings

__all__ = ["help", "home", "not_found", "settings"]
