"""The police requests page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.police_requests import view

__all__ = ["view"]
