"""The moderators' objection queue: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.objections import view

__all__ = ["view"]
