"""The device settings page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.settings import view

__all__ = ["view"]
