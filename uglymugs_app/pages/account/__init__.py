"""The account page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.account import view

__all__ = ["view"]
