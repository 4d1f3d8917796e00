"""The applicant's page: where her application stands, the moderator's
questions and her answers, and what she can add."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.device_alerts import device_alerts, subscribe_button
from uglymugs_app.components.exchange import exchange_entry
from uglymugs_app.components.forms import error_box, field, notice_box, page_title, submit
from uglymugs_app.pages.status.notify_state import SUBSCRIBE
from uglymugs_app.pages.status.notify_state import StatusNotifyState as Notify
from uglymugs_app.pages.status.state import StatusState
from uglymugs_app.state.auth import AuthState


def _entry(item: rx.Var) -> rx.Component:
    return exchange_entry(
        item,
        writer=rx.cond(
            item["from"] == "staff", tr("status.exchange.moderator"), tr("status.exchange.you")
        ),
        link_key="status.exchange.link",
    )


def _exchange() -> rx.Component:
    return rx.cond(
        StatusState.exchange.length() > 0,
        rx.vstack(
            rx.heading(tr("status.exchange"), size="4", as_="h2"),
            rx.foreach(StatusState.exchange, _entry),
            id="exchange",
            width="100%",
        ),
        rx.fragment(),
    )


def _answer_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(
                rx.cond(
                    StatusState.status == "expired",
                    tr("status.answer.again"),
                    tr("status.answer"),
                ),
                html_for="status-answer",
                style={"font-weight": "600"},
            ),
            rx.el.textarea(
                name="answer",
                id="status-answer",
                rows=3,
                style={"width": "100%", "font-size": "16px"},
            ),
            field("status.answer.link", "evidence", id="status-evidence", type_="url"),
            submit("status.send", "status-send"),
            width="100%",
        ),
        on_submit=StatusState.answer,
        reset_on_submit=True,
        width="100%",
    )


def _code_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            field("status.code", "code", id="status-code", required=True),
            submit("status.code.send", "status-code-send", variant="outline"),
            width="100%",
        ),
        on_submit=StatusState.add_code,
        width="100%",
    )


def _this_device() -> rx.Component:
    """Her device told of the decision (push; the browser's side is notifications.js)."""

    return rx.card(
        rx.vstack(
            rx.heading(tr("status_notify.title"), size="4", as_="h2"),
            rx.text(tr("status_notify.body"), size="2"),
            rx.el.span(id="push-key", hidden=True, custom_attrs={"data-key": Notify.vapid_key}),
            error_box(Notify.error, "status-notify-error"),
            device_alerts(
                Notify.support,
                subscribe=subscribe_button(
                    "status_notify.subscribe",
                    rx.call_script(SUBSCRIBE, callback=Notify.subscribed),
                ),
                on_key="status_notify.on",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


@shell_page(routes.STATUS, on_load=[StatusState.load, Notify.load])
def status_page() -> rx.Component:
    can_add = (
        (StatusState.status == "pending")
        | (StatusState.status == "more_info")
        | (StatusState.status == "expired")
    )
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
                    ("expired", tr("status.expired")),
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
        _exchange(),
        error_box(StatusState.error, "status-error"),
        _this_device(),
        notice_box(StatusState.notice, "status-notice"),
        rx.cond(can_add, _answer_form(), rx.fragment()),
        rx.cond(
            StatusState.status != "pending",
            rx.cond(can_add, _code_form(), rx.fragment()),
            rx.fragment(),
        ),
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
