"""Service results as the dashboard's plain rows, and its forms as service input.

No Reflex here: these are pure conversions, unit-tested on their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from uglymugs_app.i18n.formatting import locale
from uglymugs_app.models import ReportStatus
from uglymugs_app.services.actors import Actor
from uglymugs_app.services.identifiers.kinds import MATCHABLE_KINDS
from uglymugs_app.services.reports.content import IdentifierView, ReportContent
from uglymugs_app.services.reports.moderation import QueueItem, ReportDetail
from uglymugs_app.services.reports.repeat_offenders import LinkedReport
from uglymugs_app.services.warnings.lifecycle import (
    WarningCorrection,
    WarningView,
    warning_for_moderator,
)
from uglymugs_app.services.warnings.publishing import WarningDraft
from uglymugs_app.state.form_data import picked
from uglymugs_app.vocabulary import (
    APPEARANCE_CHOICES,
    DEFAULT_PUBLISHED_APPEARANCE,
)

# An erased report is an empty numbered row: nothing to list or open.
STATUSES = tuple(status.value for status in ReportStatus if status != ReportStatus.ERASED)
APPEARANCE_FIELDS = (*APPEARANCE_CHOICES, "languages", "accent", "marks", "vehicle_make")
WISHES = (
    "may_publish",
    "share_with_police_anonymously",
    "wants_police_help",
    "wants_case_worker_contact",
)


def number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def known_status(value) -> str:
    return value if value in STATUSES else ""


def known_region(value, known: Sequence[str]) -> str:
    """The filter's region when it is one the database knows (retired ones too)."""
    return value if value in known else ""


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def queue_row(item: QueueItem) -> dict[str, str]:
    return {
        "id": str(item.id),
        "status": item.status,
        "urgent": _yes(item.urgent),
        "repeat": _yes(item.repeat),
        "region": item.region,
        "date": item.incident_date.isoformat(),
        "received": item.created_at.strftime("%Y-%m-%d %H:%M"),
        "unread": str(item.unread),
        "contact_now": _yes(item.contact_now),
        "handler": item.handler,
        "review": item.review,
    }


def detail_fields(detail: ReportDetail) -> dict[str, str]:
    content = detail.content
    return {
        **queue_row(detail.item),
        "on_behalf": _yes(detail.on_behalf),
        "part_of_day": content.part_of_day,
        "place_kind": content.place_kind,
        "area": content.area,
        "narrative": content.narrative,
        "reported_count": str(detail.reported_count),
        "decline_reason": detail.decline_reason,
        "may_publish": _yes(bool(content.wishes.get("may_publish"))),
        "warning_id": str(detail.warning_id or ""),
    }


def wishes(content: ReportContent) -> list[str]:
    return [wish for wish in WISHES if content.wishes.get(wish)]


def appearance_rows(described: dict, language: str = "en") -> list[dict[str, str]]:
    """One row per described field; coded values keep their code for translation,
    and the languages he spoke are named in hers ("Dutch, English", not "nl, en")."""
    rows = []
    for name in APPEARANCE_FIELDS:
        if name not in described:
            continue
        value = described[name]
        coded = name in APPEARANCE_CHOICES
        rows.append(
            {
                "name": name,
                "code": value if coded else "",
                "text": "" if coded else _said(name, value, language),
                "default": _yes(name in DEFAULT_PUBLISHED_APPEARANCE),
            }
        )
    return rows


def _said(name: str, value: object, language: str) -> str:
    if name == "languages" and isinstance(value, list):
        names = locale(language).languages
        return ", ".join(names.get(str(code), str(code)) for code in value)
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def identifier_row(view: IdentifierView) -> dict[str, str]:
    return {
        "id": str(view.id),
        "kind": view.kind,
        "value": view.value,
        "masked": view.masked,
        "publishable": _yes(view.kind in MATCHABLE_KINDS),
    }


def linked_row(link: LinkedReport) -> dict[str, str]:
    return {
        "id": str(link.report_id),
        "status": link.status,
        "received": link.created_at.strftime("%Y-%m-%d"),
        "kinds": ", ".join(link.kinds),
        "warning_id": str(link.warning_id or ""),
    }


def published_warning(
    session: Session, *, actor: Actor, warning_id: int | None
) -> WarningView | None:
    if warning_id is None:
        return None
    return warning_for_moderator(session, actor=actor, warning_id=warning_id)


def warning_fields(view: WarningView | None) -> tuple[dict[str, str], list[dict[str, str]]]:
    if view is None:
        return {}, []
    return (
        {
            "id": str(view.id),
            "summary": view.summary,
            "severity": view.severity,
            "regions": ",".join(view.regions),
            "status": view.status,
            "version": str(view.version),
            "reported_count": str(view.reported_count),
            "month": view.incident_month,
            "review": view.review_reason,
        },
        [{"kind": i.kind, "masked": i.masked, "id": str(i.id)} for i in view.identifiers],
    )


def warning_draft(form: dict) -> WarningDraft:
    """The composer's choices; a ticked box is ``<group>:<value>``."""
    include = picked(form, "include")
    return WarningDraft(
        summary=str(form.get("summary", ""))[:1000],
        severity=str(form.get("severity", "")),
        regions=picked(form, "warning_region") or None,
        identifier_ids=[number(i) for i in picked(form, "publish_identifier")],
        appearance_fields=[f for f in picked(form, "publish_look") if f in APPEARANCE_FIELDS],
        include_incident_types="incident_types" in include,
        include_month="month" in include,
        include_place_kind="place_kind" in include,
    )


def correction(form: dict) -> WarningCorrection:
    summary = str(form.get("summary", "")).strip()[:1000]
    severity = str(form.get("severity", ""))
    return WarningCorrection(
        summary=summary or None,
        severity=severity or None,
        regions=picked(form, "warning_region") or None,
        # The service removes only rows of this warning, whatever ids arrive.
        remove_identifier_ids=[n for n in map(number, picked(form, "remove_identifier")) if n],
    )
