"""Her reports: where each stands, and the conversation with the moderators."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, page_title
from uglymugs_app.components.police_consent import police_consent_for
from uglymugs_app.components.thread import thread
from uglymugs_app.pages.my_reports.state import THREAD_ID, MyReportsState
from uglymugs_app.state.police_consent import PoliceConsentState


def _report(item: rx.Var) -> rx.Component:
    is_open = MyReportsState.open_id.to_string() == item["id"]
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.text(tr("my_reports.report"), " #", item["id"], weight="bold"),
                rx.badge(
                    tr("report.status." + item["status"]),
                    class_name="report-status",
                    custom_attrs={"data-status": item["status"]},
                ),
                rx.cond(
                    item["urgent"] == "yes",
                    rx.badge(tr("my_reports.urgent"), color_scheme="tomato"),
                    rx.fragment(),
                ),
                rx.cond(
                    item["unread"] != "0",
                    rx.badge(
                        rx.icon("mail", size=14, aria_hidden="true"),
                        item["unread"],
                        color_scheme="crimson",
                        variant="solid",
                        class_name="unread",
                        aria_label=tr("my_reports.unread"),
                    ),
                    rx.fragment(),
                ),
                gap="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(item["date"], " · ", tr("region." + item["region"]), size="2"),
            rx.cond(
                item["reason"] != "",
                rx.callout(item["reason"], icon="info", class_name="decline-reason"),
                rx.fragment(),
            ),
            rx.cond(
                is_open,
                rx.vstack(
                    thread(
                        MyReportsState.messages,
                        on_send=MyReportsState.send,
                        element_id=THREAD_ID,
                        report_id=MyReportsState.open_id,
                    ),
                    # Her say over the police: a ready report, anonymous sharing.
                    police_consent_for(item["id"]),
                    width="100%",
                    spacing="3",
                ),
                rx.button(
                    tr("my_reports.open"),
                    on_click=MyReportsState.open(item["id"]),
                    variant="outline",
                    size="3",
                    class_name="open-thread",
                ),
            ),
            width="100%",
            spacing="2",
        ),
        width="100%",
        custom_attrs={"data-report": item["id"], "data-unread": item["unread"]},
    )


@shell_page(routes.MY_REPORTS, on_load=[MyReportsState.load, PoliceConsentState.load])
def my_reports_page() -> rx.Component:
    return rx.vstack(
        page_title("my_reports.title"),
        error_box(MyReportsState.error, "my-reports-error"),
        rx.cond(
            MyReportsState.reports.length() == 0,
            rx.text(tr("my_reports.empty"), id="my-reports-empty"),
            rx.fragment(),
        ),
        rx.foreach(MyReportsState.reports, _report),
        rx.link(tr("nav.report"), href=routes.REPORT),
        spacing="4",
        width="100%",
    )
