"""The moderator's dashboard: the queue beside the open report (two panes on a tablet)."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.choices import select
from uglymugs_app.components.forms import error_box, notice_box, page_title, submit
from uglymugs_app.components.thread import thread
from uglymugs_app.pages.moderate import compose as actions
from uglymugs_app.pages.moderate.case import CaseState
from uglymugs_app.pages.moderate.case_view import case_bar, notes_card
from uglymugs_app.pages.moderate.live_queue import QueueWatchState
from uglymugs_app.pages.moderate.sections import STATUSES
from uglymugs_app.pages.moderate.state import THREAD_ID, ModerationState
from uglymugs_app.state.ui import UiState

M = ModerationState


def _badge_if(condition, key: str, color: str, class_name: str) -> rx.Component:
    return rx.cond(
        condition, rx.badge(tr(key), color_scheme=color, class_name=class_name), rx.fragment()
    )


def _filters() -> rx.Component:
    return rx.form(
        rx.vstack(
            select(
                "moderate.filter.status", "status", STATUSES, "report.status", id="filter-status"
            ),
            select(
                "moderate.filter.region",
                "region",
                UiState.known_regions,
                "region",
                id="filter-region",
            ),
            submit("moderate.filter", "apply-filter", variant="outline"),
            width="100%",
            spacing="2",
        ),
        on_submit=M.filter,
        width="100%",
    )


def _queue_item(item: rx.Var) -> rx.Component:
    chosen = M.selected.to_string() == item["id"]
    return rx.box(
        rx.flex(
            rx.text("#", item["id"], weight="bold"),
            _badge_if(item["urgent"] == "yes", "moderate.urgent", "tomato", "urgent"),
            _badge_if(item["contact_now"] == "yes", "urgent.contact_now", "tomato", "contact-now"),
            _badge_if(item["repeat"] == "yes", "moderate.repeat", "amber", "repeat"),
            _badge_if(item["review"] != "", "moderate.review", "crimson", "review"),
            rx.cond(
                item["unread"] != "0",
                rx.badge(
                    rx.icon("mail", size=14, aria_hidden="true"),
                    item["unread"],
                    variant="solid",
                    class_name="unread",
                ),
                rx.fragment(),
            ),
            # Who handles it (case work): colleagues see it in the list.
            rx.cond(
                item["handler"] != "",
                rx.badge(
                    rx.icon("user-check", size=14, aria_hidden="true"),
                    item["handler"],
                    variant="outline",
                    class_name="queue-handler",
                    aria_label=tr("case.handler.other"),
                ),
                rx.fragment(),
            ),
            gap="1",
            align="center",
            wrap="wrap",
        ),
        rx.text(
            tr("report.status." + item["status"]), " · ", tr("region." + item["region"]), size="2"
        ),
        rx.text(item["received"], size="1", color=rx.color("gray", 11)),
        on_click=M.select(item["id"]),
        role="button",
        tab_index=0,
        padding="0.5rem",
        border_radius="0.5rem",
        cursor="pointer",
        min_height="44px",
        background=rx.cond(chosen, rx.color("accent", 4), rx.color("gray", 2)),
        custom_attrs={"data-report": item["id"], "data-urgent": item["urgent"]},
        class_name="queue-item",
    )


def _queue() -> rx.Component:
    return rx.vstack(
        _filters(),
        rx.cond(
            M.queue.length() == 0,
            rx.text(tr("moderate.queue.empty"), id="queue-empty"),
            rx.fragment(),
        ),
        rx.foreach(M.queue, _queue_item),
        id="queue",
        spacing="2",
        width="100%",
    )


def _fact(key: str, value: rx.Component | rx.Var) -> rx.Component:
    return rx.text(rx.text(tr(key), weight="bold", as_="span"), ": ", value, size="2")


def _report() -> rx.Component:
    d = M.detail
    return rx.vstack(
        rx.flex(
            rx.heading(
                tr("my_reports.report"), " #", d["id"], size="5", as_="h2", id="detail-title"
            ),
            rx.badge(
                tr("report.status." + d["status"]),
                id="detail-status",
                custom_attrs={"data-status": d["status"]},
            ),
            _badge_if(d["urgent"] == "yes", "moderate.urgent", "tomato", "urgent"),
            _badge_if(d["repeat"] == "yes", "moderate.repeat", "amber", "repeat"),
            _badge_if(d["on_behalf"] == "yes", "moderate.on_behalf", "blue", "on-behalf"),
            gap="2",
            align="center",
            wrap="wrap",
        ),
        _fact(
            "report.incident_date",
            rx.text(d["date"], " · ", tr("part." + d["part_of_day"]), as_="span"),
        ),
        _fact("report.region", rx.text(tr("region." + d["region"]), " · ", d["area"], as_="span")),
        _fact("report.place_kind", tr("place." + d["place_kind"])),
        rx.flex(
            rx.foreach(M.incident_types, lambda code: rx.badge(tr("incident." + code))),
            gap="1",
            wrap="wrap",
        ),
        rx.blockquote(d["narrative"], id="detail-narrative", white_space="pre-wrap"),
        rx.foreach(
            M.appearance,
            lambda row: _fact(
                "appearance." + row["name"],
                rx.cond(
                    row["code"] != "",
                    tr("appearance." + row["name"] + "." + row["code"]),
                    row["text"],
                ),
            ),
        ),
        rx.heading(tr("moderate.identifiers"), size="3", as_="h3"),
        rx.foreach(
            M.identifiers,
            lambda item: rx.text(
                tr("identifier.kind." + item["kind"]),
                ": ",
                rx.code(item["value"]),
                " → ",
                item["masked"],
                class_name="detail-identifier",
                size="2",
            ),
        ),
        rx.heading(tr("report.wishes"), size="3", as_="h3"),
        rx.foreach(M.wishes, lambda wish: rx.text("✓ ", tr("report.wish." + wish), size="2")),
        # Police-ready PDF and police requests live on their own page; the PDF
        # button there appears only for reports whose reporter consented.
        rx.link(tr("nav.police_requests"), href=routes.POLICE_REQUESTS, id="to-police-page"),
        rx.cond(
            d["decline_reason"] != "",
            _fact("report.decline_reason", d["decline_reason"]),
            rx.fragment(),
        ),
        _fact(
            "moderate.reported_count", rx.text(d["reported_count"], id="reported-count", as_="span")
        ),
        rx.foreach(
            M.linked,
            lambda link: rx.button(
                tr("moderate.linked"),
                " #",
                link["id"],
                " (",
                link["kinds"],
                ")",
                on_click=M.select(link["id"]),
                variant="ghost",
                class_name="linked-report",
            ),
        ),
        width="100%",
        spacing="2",
    )


def _detail() -> rx.Component:
    return rx.vstack(
        case_bar(),
        _report(),
        rx.card(
            rx.vstack(
                rx.heading(tr("moderate.thread"), size="4", as_="h3"),
                rx.text(tr("moderate.thread.hint"), size="2"),
                thread(
                    CaseState.messages, on_send=M.send, element_id=THREAD_ID, report_id=M.selected
                ),
                width="100%",
            ),
            width="100%",
        ),
        notes_card(),
        rx.cond(
            M.detail["warning_id"] != "",
            actions.published(),
            rx.cond(
                (M.detail["status"] == "received") | (M.detail["status"] == "in_conversation"),
                rx.vstack(actions.compose(), actions.decline(), width="100%"),
                rx.fragment(),
            ),
        ),
        id="report-detail",
        width="100%",
        spacing="3",
    )


@shell_page(routes.MODERATE, on_load=[ModerationState.load, QueueWatchState.start, CaseState.start])
def moderate_page() -> rx.Component:
    return rx.vstack(
        page_title("moderate.title"),
        # Errors about the draft show beside it (compose.py); the rest up here.
        error_box(rx.cond(M.error_field == "", M.error, ""), "moderate-error"),
        notice_box(M.notice, "moderate-notice"),
        rx.box(
            _queue(),
            rx.cond(M.selected != 0, _detail(), rx.text(tr("moderate.pick"), id="detail-empty")),
            display="grid",
            gap="1rem",
            width="100%",
            grid_template_columns=["1fr", "1fr", "14rem minmax(0, 1fr)"],
        ),
        spacing="4",
        width="100%",
    )
