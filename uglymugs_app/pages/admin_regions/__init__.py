"""The regions page for admins: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.admin_regions import view

__all__ = ["view"]
