"""State of the police page: the request log, lookups, answers and exports."""

import dataclasses
from datetime import date

import reflex as rx

from uglymugs_app.i18n import supported
from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.police import intelligence_csv as intelligence
from uglymugs_app.services.police import report_pdf as police_report
from uglymugs_app.services.police import requests as police_requests
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised

RECORDED = "police.request.recorded"


def _text(form_data: dict, name: str, limit: int = 2000) -> str:
    return str(form_data.get(name, ""))[:limit]


def _invalid() -> InvalidInput:
    # A number or date the form cannot have sent: the form's own message.
    return InvalidInput("police.request.invalid")


def _number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _invalid() from None


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _invalid() from None


@dataclasses.dataclass
class AnswerItem:
    at: str
    answer: str
    shared: str
    report: str
    details: bool


@dataclasses.dataclass
class MatchItem:
    """A report naming what police asked about, unmasked (moderators only)."""

    report: str
    status: str
    region: str
    date: str
    identifiers: str
    consent: bool
    may_confirm: bool


@dataclasses.dataclass
class RequestItem:
    id: str
    received_on: str
    unit: str
    officer: str
    case_number: str
    reason: str
    identifier: str
    answers: list[AnswerItem]
    matches: list[MatchItem]


class PoliceRequestsState(rx.State):
    requests: list[RequestItem] = []
    ready: list[dict[str, str]] = []
    # The police-ready PDF's language: Dutch for police, or the one she chooses.
    pdf_language: str = police_report.POLICE_LANGUAGE
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised(*STAFF)
    async def load(self):
        actor, secrets = acting_actor(), current_secrets()
        log = await in_db(
            lambda db: police_requests.list_requests(db, secrets=secrets, actor=actor)
        )
        ready = await in_db(lambda db: police_report.consented_reports(db, actor=actor))
        self.requests = [
            RequestItem(
                id=str(r.id),
                received_on=r.received_on.isoformat(),
                unit=r.unit,
                officer=r.officer,
                case_number=r.case_number,
                reason=r.reason,
                identifier=r.identifier,
                matches=[],
                answers=[
                    AnswerItem(
                        a.recorded_at.strftime("%Y-%m-%d %H:%M"),
                        a.answer,
                        a.shared,
                        str(a.report_id or ""),
                        a.shared_details,
                    )
                    for a in r.answers
                ],
            )
            for r in log
        ]
        self.ready = [
            {"id": str(r.id), "date": r.incident_date.isoformat(), "region": r.region}
            for r in ready
        ]

    @rx.event
    @authorised(*STAFF)
    async def record_request(self, form_data: dict):
        actor, secrets = acting_actor(), current_secrets()

        def record(db):
            request = police_requests.RequestInput(
                received_on=_date(_text(form_data, "received_on", 10)),
                unit=_text(form_data, "unit", 200),
                officer=_text(form_data, "officer", 200),
                case_number=_text(form_data, "case_number", 100),
                reason=_text(form_data, "reason"),
                identifier_kind=_text(form_data, "identifier_kind", 10),
                identifier=_text(form_data, "identifier", 200),
                platform=_text(form_data, "platform", 20) or None,
            )
            police_requests.record_request(db, secrets=secrets, actor=actor, request=request)

        recorded = await attempt(self, record, notice=RECORDED)
        return None if recorded.refused else PoliceRequestsState.load

    @rx.event
    @authorised(*STAFF)
    async def look_up(self, request_id: str):
        actor, secrets = acting_actor(), current_secrets()
        found = await attempt(
            self,
            lambda db: police_requests.matching_reports(
                db, secrets=secrets, actor=actor, request_id=_number(request_id)
            ),
        )
        if found.refused:
            return None
        items = [
            MatchItem(
                str(m.report_id),
                m.status,
                m.region,
                m.incident_date.isoformat(),
                ", ".join(m.identifiers),
                m.police_report_consent,
                m.may_confirm,
            )
            for m in found.value
        ]
        self.requests = [
            dataclasses.replace(r, matches=items) if r.id == str(request_id) else r
            for r in self.requests
        ]
        return None

    @rx.event
    @authorised(*STAFF)
    async def record_answer(self, form_data: dict):
        """``request_id``, ``answer``, ``shared`` and ``report_id``; whether sharing
        was allowed is read from her consent by the service."""
        actor, secrets = acting_actor(), current_secrets()
        report = _text(form_data, "report_id", 12).strip()
        recorded = await attempt(
            self,
            lambda db: police_requests.record_answer(
                db,
                secrets=secrets,
                actor=actor,
                request_id=_number(form_data.get("request_id")),
                answer=_text(form_data, "answer", 1000),
                shared=_text(form_data, "shared", 1000),
                report_id=_number(report) if report else None,
            ),
            notice=RECORDED,
        )
        return None if recorded.refused else PoliceRequestsState.load

    @rx.event
    @authorised(*STAFF)
    async def download_pdf(self, report_id: str):
        """Refused by the service (and audited) unless she consented."""
        actor, secrets, settings = acting_actor(), current_secrets(), get_settings()
        language = supported(self.pdf_language)
        pdf = await attempt(
            self,
            lambda db: police_report.police_report_pdf(
                db,
                secrets=secrets,
                settings=settings,
                actor=actor,
                report_id=_number(report_id),
                language=language,
            ),
        )
        if pdf.refused:
            return None
        return rx.download(data=pdf.value, filename=f"report-{int(report_id)}-police.pdf")

    @rx.event
    @authorised(*STAFF)
    async def choose_pdf_language(self, language: str):
        self.pdf_language = supported(str(language))

    @rx.event
    @authorised(*STAFF)
    async def download_csv(self):
        actor, secrets = acting_actor(), current_secrets()
        text = await in_db(lambda db: intelligence.anonymised_csv(db, secrets=secrets, actor=actor))
        return rx.download(data=text, filename="incidents-anonymised.csv")
