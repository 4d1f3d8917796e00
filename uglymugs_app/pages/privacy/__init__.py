"""The privacy notice: ``view`` registers it, ``state`` holds its figures."""

from uglymugs_app.pages.privacy import view

__all__ = ["view"]
