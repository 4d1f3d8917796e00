"""A warning as text in one member's language.

Every structured part (severity, regions, incident types, place, appearance,
the month) is a code stored once and said here in her language; only the
moderator's summary, and free-text appearance fields the moderator chose to
publish, stay as written. Month and date names come from CLDR through the
app's one Babel locale helper (``i18n.formatting``: English as written in Europe).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from uglymugs_app.i18n import catalogue, supported
from uglymugs_app.i18n.formatting import format_date, format_month, locale
from uglymugs_app.services.warnings.lifecycle import WarningView
from uglymugs_app.vocabulary import APPEARANCE_CHOICES, APPEARANCE_TEXT_FIELDS


@dataclass(frozen=True)
class WarningText:
    """Strings and flags only: what a page shows of one warning."""

    id: int
    severity: str  # the code, for icon and colour
    severity_label: str
    summary: str
    regions: str
    incidents: list[str]
    appearance: list[str]
    place: str
    month: str
    reported: str  # "" unless reported more than once
    identifiers: list[str]
    published: str
    unread: bool = False


def warning_text(
    view: WarningView,
    language: str,
    *,
    unread: bool = False,
    words: Mapping[str, str] | None = None,
) -> WarningText:
    """``view`` in ``language`` (an unsupported code falls back to English).

    ``words``: her catalogue with the regions' current names
    (``services.regions.directory``); the shipped catalogue when not given.
    """
    lang = supported(language)
    words = words if words is not None else catalogue(lang)
    return WarningText(
        id=view.id,
        severity=view.severity,
        severity_label=words[f"severity.{view.severity}"],
        summary=view.summary,
        regions=", ".join(words.get(f"region.{code}", code) for code in view.regions),
        incidents=[words.get(f"incident.{code}", code) for code in view.incident_types],
        appearance=appearance_lines(view.appearance, lang, words),
        place=words.get(f"place.{view.place_kind}", "") if view.place_kind else "",
        month=_month(view.incident_month, lang),
        reported=(
            words["feed.warning_reported"].format(count=view.reported_count)
            if view.reported_count > 1
            else ""
        ),
        identifiers=[f"{words[f'identifier.kind.{i.kind}']}: {i.masked}" for i in view.identifiers],
        published=format_date(lang, view.published_at),
        unread=unread,
    )


def appearance_lines(described: dict, lang: str, words: Mapping[str, str]) -> list[str]:
    """His appearance as "label: value" lines in ``lang`` (codes become words)."""
    lines = []
    for name, value in sorted(described.items(), key=lambda item: _FIELD_ORDER.get(item[0], 99)):
        if name in APPEARANCE_CHOICES:
            said = words.get(f"appearance.{name}.{value}", str(value))
        elif name == "languages":
            names = locale(lang).languages
            said = ", ".join(names.get(code, code) for code in value)
        elif name in APPEARANCE_TEXT_FIELDS:
            said = str(value)  # the moderator chose to publish these words
        else:
            continue
        lines.append(f"{words.get(f'appearance.{name}', name)}: {said}")
    return lines


def _month(code: str, lang: str) -> str:
    """``"2025-03"`` as "March 2025" / "maart 2025"; empty when not published."""
    try:
        year, month = (int(part) for part in code.split("-"))
        return format_month(lang, year, month)
    except ValueError:
        return ""


_FIELD_ORDER = {
    name: index
    for index, name in enumerate(
        (
            "gender",
            "age_range",
            "height",
            "build",
            "hair",
            "skin",
            "languages",
            "accent",
            "marks",
            "vehicle_colour",
            "vehicle_make",
        )
    )
}

__all__ = ["WarningText", "appearance_lines", "warning_text"]
