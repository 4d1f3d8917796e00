"""The two-factor enrolment page: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.two_factor import view

__all__ = ["view"]
