"""The public objection page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.objection import view

__all__ = ["view"]
