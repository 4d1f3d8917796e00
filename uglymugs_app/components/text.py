"""Catalogue text as a reactive value."""

import reflex as rx

from uglymugs_app.state.ui import UiState


def tr(key: str) -> rx.Var:
    """The text for ``key`` in her current language."""
    return UiState.t[key]
