"""The report page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.report import view

__all__ = ["view"]
