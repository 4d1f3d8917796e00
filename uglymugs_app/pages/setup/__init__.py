"""The first admin's setup page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.setup import view

__all__ = ["view"]
