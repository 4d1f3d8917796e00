"""Reusable pieces of the interface."""

from uglymugs_app.components.layout import shell_page
from uglymugs_app.components.text import tr

__all__ = ["shell_page", "tr"]
