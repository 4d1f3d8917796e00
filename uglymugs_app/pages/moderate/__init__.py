"""The moderate page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.moderate import view

__all__ = ["view"]
