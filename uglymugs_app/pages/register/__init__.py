"""The application page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.register import view

__all__ = ["view"]
