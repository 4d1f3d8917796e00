"""The fixed vocabularies of reports and warnings.

Stored values are these codes; the UI translates them (keys such as
``incident.physical_violence``), so a warning is shown in each member's own
language and only the moderator's summary stays as written.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from uglymugs_app.settings import get_settings


@cache
def _whole_country() -> str:
    """The code meaning "the whole country" (``regions_file``): a warning for it
    reaches everyone, a subscription for it receives every region.

    The regions themselves live in the database (``services/regions``); the
    shipped file only seeds a new installation. Read on first use, not at
    import: importing the models reads no file.
    """
    data = json.loads(get_settings().regions_file.read_text(encoding="utf-8"))
    return str(data["whole_country"])


def __getattr__(name: str) -> Any:
    """``WHOLE_COUNTRY``, loaded lazily."""
    if name == "WHOLE_COUNTRY":
        return _whole_country()
    raise AttributeError(name)


# Kinds of work and genders a member may give to filter her alerts later.
WORK_KINDS = ("window", "club", "escort", "home", "street", "online")
MEMBER_GENDERS = ("woman", "man", "trans_woman", "trans_man", "non_binary")
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
PLACE_KINDS = ("his_home", "hotel", "car", "my_workplace", "outdoors", "online_only")
INCIDENT_TYPES = (
    "physical_violence",
    "sexual_violence",
    "robbery",
    "refused_to_pay",
    "stealthing",
    "threats",
    "stalking",
    "weapon",
    "drugging",
    "other",
)
# Severity of a warning, lowest first (a device's minimum is one of these).
SEVERITIES = ("low", "medium", "high")
HANDLE_PLATFORMS = (
    "whatsapp",
    "telegram",
    "signal",
    "snapchat",
    "instagram",
    "x",
    "facebook",
    "tiktok",
    "onlyfans",
    "kinky",
    "sexjobs",
    "hookers",
    "redlights",
    "other",
)

# Appearance: controlled fields (translatable codes) and short free-text fields.
APPEARANCE_CHOICES: dict[str, tuple[str, ...]] = {
    "gender": ("man", "woman", "other"),
    "age_range": ("under_25", "25_34", "35_44", "45_54", "55_64", "65_plus"),
    "height": ("short", "average", "tall"),
    "build": ("slim", "average", "athletic", "heavy"),
    "hair": ("bald", "short", "long", "grey", "dark", "blond", "red"),
    "skin": ("light", "medium", "dark"),
    "vehicle_colour": (
        "black",
        "white",
        "grey",
        "silver",
        "blue",
        "red",
        "green",
        "other",
    ),
}
# ISO 639-1 codes of languages he spoke, plus an accent note.
APPEARANCE_LIST_FIELDS = ("languages",)
APPEARANCE_TEXT_FIELDS = ("accent", "marks", "vehicle_make")
APPEARANCE_TEXT_MAX = 200

# Published by default. Free text (marks, accent, vehicle make) is left out
# unless the moderator picks it: her own words are never published verbatim.
DEFAULT_PUBLISHED_APPEARANCE = (
    "gender",
    "age_range",
    "height",
    "build",
    "hair",
    "skin",
    "languages",
    "vehicle_colour",
)
