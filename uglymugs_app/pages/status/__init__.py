"""The applicant's status page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.status import view

__all__ = ["view"]
