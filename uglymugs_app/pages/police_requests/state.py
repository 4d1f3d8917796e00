"""State of the police page: the request log, lookups, answers and exports."""

import dataclasses
from datetime import date

import reflex as rx

from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.police import intelligence_csv as intelligence
from uglymugs_app.services.police import report_pdf as police_report
from uglymugs_app.services.police import requests as police_requests
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.auth import acting_actor, authorised, in_db, message_for
from uglymugs_app.state.ui import UiState


def _text(form_data: dict, name: str, limit: int = 2000) -> str:
    return str(form_data.get(name, ""))[:limit]


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
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised(*STAFF)
    async def load(self):
        actor, secrets = acting_actor(), current_secrets()
        log = await in_db(lambda db: police_requests.list_requests(
            db, secrets=secrets, actor=actor))
        ready = await in_db(lambda db: police_report.consented_reports(db, actor=actor))
        self.requests = [RequestItem(
            id=str(r.id), received_on=r.received_on.isoformat(), unit=r.unit,
            officer=r.officer, case_number=r.case_number, reason=r.reason,
            identifier=r.identifier, matches=[],
            answers=[AnswerItem(a.recorded_at.strftime("%Y-%m-%d %H:%M"), a.answer, a.shared,
                                str(a.report_id or ""), a.shared_details)
                     for a in r.answers],
        ) for r in log]
        self.ready = [{"id": str(r.id), "date": r.incident_date.isoformat(),
                       "region": r.region} for r in ready]

    @rx.event
    @authorised(*STAFF)
    async def record_request(self, form_data: dict):
        actor, secrets = acting_actor(), current_secrets()
        try:
            request = police_requests.RequestInput(
                received_on=date.fromisoformat(_text(form_data, "received_on", 10)),
                unit=_text(form_data, "unit", 200), officer=_text(form_data, "officer", 200),
                case_number=_text(form_data, "case_number", 100),
                reason=_text(form_data, "reason"),
                identifier_kind=_text(form_data, "identifier_kind", 10),
                identifier=_text(form_data, "identifier", 200))
            await in_db(lambda db: police_requests.record_request(
                db, secrets=secrets, actor=actor, request=request))
        except (ServiceError, ValueError) as error:
            return await self._failed(error)
        return await self._done("police.request.recorded")

    @rx.event
    @authorised(*STAFF)
    async def look_up(self, request_id: str):
        actor, secrets = acting_actor(), current_secrets()
        try:
            found = await in_db(lambda db: police_requests.matching_reports(
                db, secrets=secrets, actor=actor, request_id=int(request_id)))
        except (ServiceError, ValueError) as error:
            return await self._failed(error)
        items = [MatchItem(str(m.report_id), m.status, m.region, m.incident_date.isoformat(),
                           ", ".join(m.identifiers), m.police_report_consent) for m in found]
        self.requests = [dataclasses.replace(r, matches=items) if r.id == str(request_id)
                         else r for r in self.requests]
        return None

    @rx.event
    @authorised(*STAFF)
    async def record_answer(self, form_data: dict):
        """``request_id``, ``answer``, ``shared`` and ``report_id``; whether sharing
        was allowed is read from her consent by the service."""
        actor, secrets = acting_actor(), current_secrets()
        try:
            report = _text(form_data, "report_id", 12).strip()
            await in_db(lambda db: police_requests.record_answer(
                db, secrets=secrets, actor=actor, request_id=int(form_data["request_id"]),
                answer=_text(form_data, "answer", 1000), shared=_text(form_data, "shared", 1000),
                report_id=int(report) if report else None))
        except (ServiceError, ValueError, KeyError) as error:
            return await self._failed(error)
        return await self._done("police.request.recorded")

    @rx.event
    @authorised(*STAFF)
    async def download_pdf(self, report_id: str):
        """Refused by the service (and audited) unless she consented."""
        actor, secrets, settings = acting_actor(), current_secrets(), get_settings()
        language = (await self.get_state(UiState)).language
        try:
            pdf = await in_db(lambda db: police_report.police_report_pdf(
                db, secrets=secrets, settings=settings, actor=actor,
                report_id=int(report_id), language=language))
        except (ServiceError, ValueError) as error:
            return await self._failed(error)
        return rx.download(data=pdf, filename=f"report-{int(report_id)}-police.pdf")

    @rx.event
    @authorised(*STAFF)
    async def download_csv(self):
        actor, secrets = acting_actor(), current_secrets()
        text = await in_db(lambda db: intelligence.anonymised_csv(
            db, secrets=secrets, actor=actor))
        return rx.download(data=text, filename="incidents-anonymised.csv")

    async def _failed(self, error: Exception):
        self.notice = ""
        self.error = await message_for(self, error) if isinstance(error, ServiceError) else (
            (await self.get_state(UiState)).t["police.request.invalid"])

    async def _done(self, key: str):
        self.error, self.notice = "", (await self.get_state(UiState)).t[key]
        return PoliceRequestsState.load
