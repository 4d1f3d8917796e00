"""Her reports: where each stands, and the conversation with the moderators."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, page_title
from uglymugs_app.components.police_consent import PoliceConsentState, police_consent_for
from uglymugs_app.components.thread import message_rows, thread
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.reports import submission as reports
from uglymugs_app.services.reports import threads
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.auth import acting_actor, authorised, in_db, message_for

REPORTERS = ("member", "outreach")
THREAD_ID = "my-thread"


def _report_id(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class MyReportsState(rx.State):
    # Only her own reports, filled after the server has checked who she is.
    reports: list[dict[str, str]] = []
    open_id: int = 0
    messages: list[dict[str, str]] = []
    error: str = ""

    @rx.event
    @authorised(*REPORTERS)
    async def load(self):
        await self._fill(self.open_id)

    @rx.event
    @authorised(*REPORTERS)
    async def open(self, report_id: str):
        """Open the thread of one of her reports (the service refuses others')."""
        await self._fill(_report_id(report_id))

    async def _fill(self, open_id: int) -> None:
        # The thread first: reading it clears that report's unread badge.
        actor, secrets = acting_actor(), current_secrets()
        self.open_id, self.messages, self.error = 0, [], ""
        if open_id:
            try:
                found = await in_db(lambda db: threads.reporter_thread(
                    db, secrets=secrets, member_id=actor.member_id, report_id=open_id))
                self.open_id, self.messages = open_id, message_rows(found)
            except ServiceError as error:
                self.error = await message_for(self, error)
        mine = await in_db(lambda db: reports.list_my_reports(
            db, secrets=secrets, member_id=actor.member_id))
        self.reports = [{
            "id": str(r.id), "status": r.status, "urgent": "yes" if r.urgent else "no",
            "region": r.region, "date": r.incident_date.isoformat(),
            "sent": r.created_at.strftime("%Y-%m-%d"), "unread": str(r.unread),
            "reason": r.decline_reason,
        } for r in mine]

    @rx.event
    @authorised(*REPORTERS)
    async def send(self, form_data: dict):
        actor, secrets = acting_actor(), current_secrets()
        wanted, body = _report_id(form_data.get("report_id")), str(form_data.get("body", ""))
        try:
            await in_db(lambda db: threads.send_reporter_message(
                db, secrets=secrets, member_id=actor.member_id, report_id=wanted,
                body=body[:4000]))
        except ServiceError as error:
            self.error = await message_for(self, error)
            return None
        return [rx.set_value(f"{THREAD_ID}-body", ""), MyReportsState.open(str(wanted))]


def _report(item: rx.Var) -> rx.Component:
    is_open = MyReportsState.open_id.to_string() == item["id"]
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.text(tr("my_reports.report"), " #", item["id"], weight="bold"),
                rx.badge(tr("report.status." + item["status"]), class_name="report-status",
                         custom_attrs={"data-status": item["status"]}),
                rx.cond(item["urgent"] == "yes", rx.badge(tr("my_reports.urgent"),
                                                         color_scheme="tomato"), rx.fragment()),
                rx.cond(item["unread"] != "0",
                        rx.badge(rx.icon("mail", size=14, aria_hidden="true"), item["unread"],
                                 color_scheme="crimson", variant="solid", class_name="unread",
                                 aria_label=tr("my_reports.unread")),
                        rx.fragment()),
                gap="2", align="center", wrap="wrap",
            ),
            rx.text(item["date"], " · ", tr("region." + item["region"]), size="2"),
            rx.cond(item["reason"] != "",
                    rx.callout(item["reason"], icon="info", class_name="decline-reason"),
                    rx.fragment()),
            rx.cond(is_open,
                    rx.vstack(
                        thread(MyReportsState.messages, on_send=MyReportsState.send,
                               element_id=THREAD_ID, report_id=MyReportsState.open_id),
                        # Her say over the police: a ready report, anonymous sharing.
                        police_consent_for(item["id"]),
                        width="100%", spacing="3"),
                    rx.button(tr("my_reports.open"), on_click=MyReportsState.open(item["id"]),
                              variant="outline", size="3", class_name="open-thread")),
            width="100%", spacing="2",
        ),
        width="100%", custom_attrs={"data-report": item["id"], "data-unread": item["unread"]},
    )


@shell_page(routes.MY_REPORTS, on_load=[MyReportsState.load, PoliceConsentState.load])
def my_reports_page() -> rx.Component:
    return rx.vstack(
        page_title("my_reports.title"),
        error_box(MyReportsState.error, "my-reports-error"),
        rx.cond(MyReportsState.reports.length() == 0,
                rx.text(tr("my_reports.empty"), id="my-reports-empty"), rx.fragment()),
        rx.foreach(MyReportsState.reports, _report),
        rx.link(tr("nav.report"), href=routes.REPORT),
        spacing="4", width="100%",
    )
