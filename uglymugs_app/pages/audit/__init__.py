"""The audit log page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.audit import view

__all__ = ["view"]
