"""Her reports: where each stands, and the conversation with the moderators."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, notice_box, page_title
from uglymugs_app.components.police_consent import police_consent_for
from uglymugs_app.components.thread import thread
from uglymugs_app.pages.my_reports.state import THREAD_ID, MyReportsState
from uglymugs_app.state.police_consent import PoliceConsentState


def _withdraw_button(item: rx.Var, what: str) -> rx.Component:
    return rx.button(
        tr(f"withdraw.{what}"),
        on_click=MyReportsState.ask(what, item["id"]),
        variant="outline",
        color_scheme="gray",
        size="2",
        class_name=f"withdraw-{what}",
        style={"min-height": "44px"},
    )


def _withdrawal(item: rx.Var) -> rx.Component:
    """Taking back her consent to publish, or the whole report, after a confirmation."""
    asked = (MyReportsState.asking_id == item["id"]) & (MyReportsState.asking != "")
    return rx.cond(
        item["status"] == "withdrawn",
        rx.text(tr("withdraw.report.done"), size="2", class_name="withdrawn"),
        rx.cond(
            asked,
            rx.callout(
                rx.vstack(
                    rx.text(tr("withdraw." + MyReportsState.asking + ".confirm")),
                    rx.hstack(
                        rx.button(
                            tr("withdraw.yes"),
                            on_click=MyReportsState.confirm,
                            color_scheme="tomato",
                            size="2",
                            class_name="withdraw-confirm",
                        ),
                        rx.button(
                            tr("withdraw.no"),
                            on_click=MyReportsState.cancel,
                            variant="outline",
                            size="2",
                        ),
                    ),
                ),
                icon="circle-alert",
                color_scheme="amber",
                width="100%",
            ),
            rx.flex(
                rx.cond(
                    item["may_publish"] == "yes",
                    _withdraw_button(item, "consent"),
                    rx.fragment(),
                ),
                _withdraw_button(item, "report"),
                gap="2",
                wrap="wrap",
            ),
        ),
    )


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
                    _withdrawal(item),
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
        notice_box(MyReportsState.notice, "my-reports-notice"),
        rx.link(
            rx.hstack(rx.icon("shield", size=18), rx.text(tr("my_reports.police_link"))),
            href=routes.MY_POLICE_CONSENT,
            id="my-reports-police",
            style={"min-height": "44px", "display": "flex", "align-items": "center"},
        ),
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
