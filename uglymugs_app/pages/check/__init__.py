"""The check page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.check import view

__all__ = ["view"]
