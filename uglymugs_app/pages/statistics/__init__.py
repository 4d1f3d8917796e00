"""The statistics page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.statistics import view

__all__ = ["view"]
