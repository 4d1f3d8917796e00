"""The notifications page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.notifications import view

__all__ = ["view"]
