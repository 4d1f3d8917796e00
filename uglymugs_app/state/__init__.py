"""Shared Reflex states. They import nothing from pages or components."""

from uglymugs_app.state.ui import UiState

__all__ = ["UiState"]
