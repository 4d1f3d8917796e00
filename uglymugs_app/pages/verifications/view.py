"""The moderators' verification queue: views with counts, search, pages,
claims, and the application she has taken. Rare tools live on their own page."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, notice_box, page_title
from uglymugs_app.pages.verifications.panel import current_panel, region_names
from uglymugs_app.pages.verifications.state import VerificationState
from uglymugs_app.state.auth import AuthState

VIEW_LABELS = (
    ("all", "verify.view.all"),
    ("pending", "verify.view.pending"),
    ("more_info", "verify.view.more_info"),
    ("unclaimed", "verify.view.unclaimed"),
    ("mine", "verify.view.mine"),
)


def _view_button(view: str, key: str) -> rx.Component:
    return rx.button(
        tr(key),
        " ",
        rx.badge(VerificationState.counts.get(view, 0), variant="solid", radius="full"),
        on_click=VerificationState.show(view),
        variant=rx.cond(VerificationState.view == view, "solid", "outline"),
        size="3",
        custom_attrs={"data-view": view, "aria-pressed": VerificationState.view == view},
    )


def _toolbar() -> rx.Component:
    return rx.vstack(
        rx.flex(*[_view_button(v, k) for v, k in VIEW_LABELS], gap="0.5rem", wrap="wrap"),
        rx.form(
            rx.flex(
                rx.el.input(
                    name="search",
                    id="queue-search",
                    type="search",
                    placeholder=tr("verify.search.hint"),
                    aria_label=tr("verify.search"),
                    default_value=VerificationState.search,
                    style={
                        "min-height": "44px",
                        "flex": "1",
                        "font-size": "16px",
                        "padding": "0 0.75rem",
                        "min-width": "12rem",
                        "border-radius": "0.5rem",
                        "background": rx.color("gray", 2),
                        "color": rx.color("gray", 12),
                        "border": f"1px solid {rx.color('gray', 7)}",
                    },
                ),
                rx.button(tr("verify.search"), type="submit", size="3", id="queue-search-submit"),
                rx.cond(
                    VerificationState.search != "",
                    rx.button(
                        tr("verify.search.clear"),
                        type="button",
                        variant="soft",
                        size="3",
                        on_click=VerificationState.clear_search,
                        id="queue-search-clear",
                    ),
                    rx.fragment(),
                ),
                gap="0.5rem",
                width="100%",
                wrap="wrap",
            ),
            on_submit=VerificationState.find,
            width="100%",
        ),
        width="100%",
    )


def _pager(suffix: str = "") -> rx.Component:
    return rx.flex(
        rx.text(
            VerificationState.first,
            "–",
            VerificationState.last,
            " ",
            tr("verify.page.of"),
            " ",
            VerificationState.total,
            id=f"queue-range{suffix}",
        ),
        rx.spacer(),
        rx.button(
            tr("verify.page.previous"),
            on_click=VerificationState.previous_page,
            disabled=VerificationState.first <= 1,
            variant="outline",
            size="3",
            id=f"queue-previous{suffix}",
        ),
        rx.button(
            tr("verify.page.next"),
            on_click=VerificationState.next_page,
            disabled=VerificationState.last >= VerificationState.total,
            variant="outline",
            size="3",
            id=f"queue-next{suffix}",
        ),
        align="center",
        gap="0.5rem",
        width="100%",
    )


def _claim(item: rx.Var) -> rx.Component:
    others = (item["claimed_by"] != "") & (item["mine"] == "")
    return rx.flex(
        rx.cond(
            others,
            rx.text(
                item["claimed_by"],
                " ",
                tr("verify.claimed"),
                class_name="claimed-by",
                weight="bold",
            ),
            rx.button(
                rx.cond(item["mine"] == "1", tr("verify.open"), tr("verify.take")),
                on_click=VerificationState.take(item["id"]),
                size="3",
                class_name="take-application",
            ),
        ),
        rx.cond(
            others & (AuthState.role == "admin"),
            rx.button(
                tr("verify.hand_back"),
                on_click=VerificationState.hand_back(item["id"]),
                variant="outline",
                size="3",
                class_name="hand-back-other",
            ),
            rx.fragment(),
        ),
        gap="0.5rem",
        align="center",
        wrap="wrap",
    )


def _entry(item: rx.Var) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.heading(item["name"], size="4", as_="h2"),
                rx.text(
                    tr("verify.applied"),
                    " ",
                    item["applied"],
                    " (",
                    item["days"],
                    " ",
                    tr("verify.days"),
                    ") · ",
                    region_names(item),
                    size="2",
                ),
                rx.flex(
                    rx.badge(
                        rx.match(
                            item["status"],
                            ("more_info", tr("verify.state.more_info")),
                            tr("verify.state.pending"),
                        ),
                        color_scheme=rx.cond(item["status"] == "more_info", "amber", "blue"),
                    ),
                    rx.cond(
                        item["site"] != "",
                        rx.badge(item["site"], variant="outline"),
                        rx.badge(tr("register.evidence." + item["kind"]), variant="outline"),
                    ),
                    rx.cond(
                        item["duplicates"] != "",
                        rx.badge(
                            tr("verify.duplicate"),
                            color_scheme="tomato",
                            class_name="duplicate-badge",
                        ),
                        rx.fragment(),
                    ),
                    gap="0.4rem",
                    wrap="wrap",
                ),
                spacing="1",
            ),
            rx.spacer(),
            _claim(item),
            gap="0.75rem",
            wrap="wrap",
            align="center",
            width="100%",
        ),
        width="100%",
        custom_attrs={
            "data-applicant": item["name"],
            "data-status": item["status"],
            "data-claimed-by": item["claimed_by"],
        },
    )


@shell_page(routes.MODERATE_VERIFICATIONS, on_load=[VerificationState.load])
def verifications_page() -> rx.Component:
    return rx.vstack(
        rx.flex(
            page_title("verify.title"),
            rx.spacer(),
            rx.link(
                tr("verify.tools_link"),
                href=routes.MEMBER_CODES,
                id="member-codes-link",
                style={"min-height": "44px", "display": "inline-flex", "align-items": "center"},
            ),
            align="center",
            width="100%",
            wrap="wrap",
        ),
        error_box(VerificationState.error, "verify-error"),
        notice_box(VerificationState.notice, "verify-notice"),
        current_panel(),
        _toolbar(),
        rx.cond(
            VerificationState.entries.length() == 0,
            rx.text(tr("verify.empty"), id="queue-empty"),
            rx.vstack(
                _pager(),
                rx.foreach(VerificationState.entries, _entry),
                _pager("-bottom"),
                width="100%",
                id="queue",
            ),
        ),
        spacing="4",
        width="100%",
    )
