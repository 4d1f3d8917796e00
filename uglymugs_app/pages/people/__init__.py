"""The staff accounts page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.people import view

__all__ = ["view"]
