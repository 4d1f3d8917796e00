"""The start page: ``view`` registers it, ``state`` holds a member's start."""

from uglymugs_app.pages.home import view

__all__ = ["view"]
