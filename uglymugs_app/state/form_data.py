"""Reading what a form sent: which boxes she ticked.

A browser sends a ticked checkbox as "on" (or its value) and leaves an
unticked one out; a hand-made event may send "", false or "off". All of
those mean unticked, in every form, so the rule lives here once.
"""

from collections.abc import Mapping

_UNTICKED = (None, "", False, "off")


def ticked(form_data: Mapping, name: str) -> bool:
    """Whether the checkbox ``name`` was ticked."""
    return form_data.get(name) not in _UNTICKED


def picked(form_data: Mapping, name: str) -> list[str]:
    """The codes ticked in a group of checkboxes named ``name:<code>`` (``choices``)."""
    prefix = f"{name}:"
    return [
        key[len(prefix) :] for key in form_data if key.startswith(prefix) and ticked(form_data, key)
    ]
