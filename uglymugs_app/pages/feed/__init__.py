"""The feed page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.feed import view

__all__ = ["view"]
