"""The help contacts page for admins: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.admin_contacts import view

__all__ = ["view"]
