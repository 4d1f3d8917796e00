"""The on-call rota page for admins: ``view`` registers it, ``state`` holds its state."""

from uglymugs_app.pages.on_call import view

__all__ = ["view"]
