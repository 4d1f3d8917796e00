"""The report form as the browser sends it, read into a ``ReportSubmission``.

Pure functions (no Reflex), so every rule is unit-tested without a browser.
Each step is checked on its own, so she hears about a mistake on the step
where she made it, in her language (the errors are catalogue keys).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from uglymugs_app.services.errors import InvalidInput, ServiceError
from uglymugs_app.services.identifiers.kinds import IdentifierKind
from uglymugs_app.services.identifiers.normalisation import normalise
from uglymugs_app.services.reports.content import clean_appearance
from uglymugs_app.services.reports.submission import IdentifierInput, ReportSubmission
from uglymugs_app.state.form_data import picked, ticked
from uglymugs_app.vocabulary import (
    APPEARANCE_CHOICES,
    APPEARANCE_TEXT_FIELDS,
    PARTS_OF_DAY,
    PLACE_KINDS,
)

# Rows always on the page (hidden until she adds them), so a restored draft
# finds its fields; the service allows more, nobody types more on a phone.
IDENTIFIER_ROWS = 8
IDENTIFIER_KINDS = tuple(kind.value for kind in IdentifierKind)
STEPS = ("danger", "when", "what", "who", "wishes")
LAST_STEP = len(STEPS) - 1
SENT_TITLE = "report-sent-title"

# Languages he may have spoken, shown in their own name (no translation needed).
SPOKEN_LANGUAGES = {
    "nl": "Nederlands",
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "pt": "Português",
    "pl": "Polski",
    "ro": "Română",
    "bg": "Български",
    "hu": "Magyar",
    "tr": "Türkçe",
    "ar": "العربية",
}
WISHES = (
    "may_publish",
    "share_with_police_anonymously",
    "wants_police_help",
    "wants_case_worker_contact",
)


def step_title(step: int) -> str:
    """The id of a step's heading, where the keyboard focus goes when it is shown."""
    return f"report-step-{STEPS[step]}"


def _text(form: dict, name: str, limit: int = 200) -> str:
    return str(form.get(name, "") or "").strip()[:limit]


def identifier_inputs(form: dict) -> list[tuple[int, IdentifierInput]]:
    """The rows she filled in, with their row number."""
    rows = []
    for row in range(IDENTIFIER_ROWS):
        value = _text(form, f"id_value_{row}", 254)
        if not value:
            continue
        kind = _text(form, f"id_kind_{row}") or "phone"
        platform = _text(form, f"id_platform_{row}") or None
        rows.append((row, IdentifierInput(kind, value, platform if kind == "handle" else None)))
    return rows


def identifier_errors(form: dict, country: str | None = None) -> list[str]:
    """One error key per row ('' where the row is fine or empty); ``country``:
    where a national number is read first, as the report will store it."""
    errors = [""] * IDENTIFIER_ROWS
    for row, item in identifier_inputs(form):
        try:
            normalise(kind=item.kind, raw=item.value, platform=item.platform, country=country)
        except ServiceError as error:
            errors[row] = error.key
    return errors


def appearance(form: dict) -> dict:
    described: dict = {name: _text(form, f"look_{name}") for name in APPEARANCE_CHOICES}
    for name in APPEARANCE_TEXT_FIELDS:
        described[name] = _text(form, f"look_{name}")
    described["languages"] = [code for code in picked(form, "spoke") if code in SPOKEN_LANGUAGES]
    return described


def incident_date(form: dict) -> date:
    try:
        return date.fromisoformat(_text(form, "incident_date", 10))
    except ValueError:
        raise InvalidInput("report.incident_date.invalid") from None


def step_error(step: int, form: dict, *, regions: Sequence[str]) -> str:
    """The first problem on ``step`` as a catalogue key, '' when it is complete.

    ``regions``: those offered now (the database's, read by the caller).
    Identifier rows are reported separately by ``identifier_errors``.
    """
    try:
        if step == 1:
            incident_date(form)
            for name, allowed in (
                ("part_of_day", PARTS_OF_DAY),
                ("region", regions),
                ("place_kind", PLACE_KINDS),
            ):
                if _text(form, name) not in allowed:
                    raise InvalidInput(f"report.{name}.invalid")
        elif step == 2 and not picked(form, "incident"):
            raise InvalidInput("report.incident_types.invalid")
        elif step == 3:
            clean_appearance(appearance(form))
    except ServiceError as error:
        return error.key
    return ""


def client_id(form: dict) -> uuid.UUID:
    try:
        return uuid.UUID(_text(form, "client_id", 40))
    except ValueError:
        raise InvalidInput("report.client_id.invalid") from None


def submission(form: dict, country: str | None = None) -> ReportSubmission:
    """The whole form; the service validates it again before storing."""
    return ReportSubmission(
        client_id=client_id(form),
        incident_date=incident_date(form),
        part_of_day=_text(form, "part_of_day"),
        region=_text(form, "region"),
        place_kind=_text(form, "place_kind"),
        incident_types=picked(form, "incident"),
        narrative=_text(form, "narrative", 10_000),
        area=_text(form, "area"),
        urgent=_text(form, "danger") == "yes",
        identifiers=[item for _, item in identifier_inputs(form)],
        appearance=appearance(form),
        phone_country=country,
        **{wish: ticked(form, wish) for wish in WISHES},
    )
