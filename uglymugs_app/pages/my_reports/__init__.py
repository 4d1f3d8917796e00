"""Her reports page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.my_reports import view

__all__ = ["view"]
