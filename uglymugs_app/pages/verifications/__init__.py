"""The verification queue: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.verifications import view

__all__ = ["view"]
