"""Rare actions for members, apart from the queue: ``view`` registers the page."""

from uglymugs_app.pages.member_codes import view

__all__ = ["view"]
