"""The password reset page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.reset import view

__all__ = ["view"]
