"""The applicant's page: where her application stands, and what she can add."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, page_title, submit
from uglymugs_app.pages.status.notify_state import SUBSCRIBE
from uglymugs_app.pages.status.notify_state import StatusNotifyState as Notify
from uglymugs_app.pages.status.state import StatusState
from uglymugs_app.state.auth import AuthState


def _more_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.select(
                rx.el.option(tr("register.evidence.ad_link"), value="ad_link"),
                rx.el.option(tr("register.evidence.invite"), value="invite"),
                name="evidence_kind",
                id="status-evidence-kind",
                aria_label=tr("register.evidence"),
                style={"min-height": "44px", "width": "100%"},
            ),
            field("register.evidence.value", "evidence", id="status-evidence", required=True),
            submit("status.send", "status-send"),
            width="100%",
        ),
        on_submit=StatusState.add_evidence,
        width="100%",
    )


def _this_device() -> rx.Component:
    """Her device told of the decision (push; the browser's side is notifications.js)."""

    def say(key: str, element_id: str, colour: str = "gray") -> rx.Component:
        return rx.callout(tr(key), icon="info", color_scheme=colour, id=element_id, width="100%")

    return rx.card(
        rx.vstack(
            rx.heading(tr("status_notify.title"), size="4", as_="h2"),
            rx.text(tr("status_notify.body"), size="2"),
            rx.el.span(id="push-key", hidden=True, custom_attrs={"data-key": Notify.vapid_key}),
            error_box(Notify.error, "status-notify-error"),
            rx.match(
                Notify.support,
                ("ios_install", say("notify.ios_install", "ios-install", "amber")),
                ("unsupported", say("notify.unsupported", "push-unsupported")),
                ("denied", say("notify.denied", "push-denied", "amber")),
                ("subscribed", say("status_notify.on", "push-on", "grass")),
                (
                    "ready",
                    rx.button(
                        rx.icon("bell-ring", aria_hidden="true"),
                        tr("status_notify.subscribe"),
                        on_click=rx.call_script(SUBSCRIBE, callback=Notify.subscribed),
                        id="notify-me",
                        size="3",
                        style={"min-height": "44px"},
                    ),
                ),
                rx.spinner(),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


@shell_page(routes.STATUS, on_load=[StatusState.load, Notify.load])
def status_page() -> rx.Component:
    return rx.vstack(
        page_title("status.title"),
        rx.cond(
            AuthState.working_name != "",
            rx.text(tr("status.hello"), " ", AuthState.working_name),
            rx.fragment(),
        ),
        rx.card(
            rx.text(
                rx.match(
                    StatusState.status,
                    ("pending", tr("status.pending")),
                    ("more_info", tr("status.more_info")),
                    ("rejected", tr("status.rejected")),
                    tr("status.loading"),
                ),
                id="application-status",
                data_status=StatusState.status,
            ),
            width="100%",
        ),
        rx.cond(
            StatusState.message != "",
            rx.callout(
                StatusState.message, icon="message-circle", id="moderator-message", width="100%"
            ),
            rx.fragment(),
        ),
        error_box(StatusState.error, "status-error"),
        rx.cond(StatusState.status == "more_info", _more_form(), rx.fragment()),
        _this_device(),
        rx.button(
            tr("account.log_out"),
            on_click=AuthState.log_out,
            variant="outline",
            id="log-out",
            size="3",
        ),
        spacing="4",
        width="100%",
    )
