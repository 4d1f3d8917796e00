"""Reporting a violent client: five short steps built for a phone, in a hurry.

Every field is always on the page (steps are shown and hidden, never
re-created), so the draft on her device can be put back into them at once.
"""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.choices import select, tile, tiles
from uglymugs_app.components.forms import TOUCH, error_box, field, page_title, text_area
from uglymugs_app.components.layout import quick_exit_button
from uglymugs_app.pages.report import form as report_form
from uglymugs_app.pages.report.state import DRAFT_ID, ReportState
from uglymugs_app.state.auth import AuthState
from uglymugs_app.state.ui import UiState
from uglymugs_app.vocabulary import (
    APPEARANCE_CHOICES,
    APPEARANCE_TEXT_FIELDS,
    HANDLE_PLATFORMS,
    INCIDENT_TYPES,
    PARTS_OF_DAY,
    PLACE_KINDS,
)

INCIDENT_ICONS = {
    "physical_violence": "hand-fist",
    "sexual_violence": "shield-alert",
    "robbery": "wallet",
    "refused_to_pay": "hand-coins",
    "stealthing": "shield-off",
    "threats": "megaphone",
    "stalking": "footprints",
    "weapon": "swords",
    "drugging": "glass-water",
    "other": "ellipsis",
}


def _shown(condition) -> str:
    return rx.cond(condition, "flex", "none")


def _step(index: int, title_key: str, *children: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.text(
            tr("report.step"),
            f" {index + 1} / {len(report_form.STEPS)}",
            size="2",
            color=rx.color("gray", 11),
        ),
        rx.heading(
            tr(title_key), size="5", as_="h2", id=report_form.step_title(index), tab_index=-1
        ),
        *children,
        display=_shown(ReportState.step == index),
        spacing="4",
        width="100%",
        custom_attrs={"data-step": report_form.STEPS[index]},
    )


def _danger() -> rx.Component:
    return _step(
        0,
        "report.danger.question",
        rx.box(
            tile(
                "danger",
                "yes",
                tr("report.danger.yes"),
                icon="siren",
                multiple=False,
                element_id="danger-yes",
            ),
            tile(
                "danger",
                "no",
                tr("report.danger.no"),
                icon="shield-check",
                multiple=False,
                element_id="danger-no",
                default_checked=True,
            ),
            class_name="tiles",
        ),
        rx.vstack(
            rx.el.a(
                rx.icon("phone", size=40, aria_hidden="true"),
                "112",
                href="tel:112",
                id="call-112",
                aria_label=tr("report.danger.call"),
            ),
            rx.text(tr("report.danger.urgent")),
            _ask_contact(),
            class_name="call-112",
            width="100%",
        ),
    )


def _ask_contact() -> rx.Component:
    """One more tap and the organisation is asked to contact her now."""
    return rx.vstack(
        rx.cond(
            ReportState.contact == "",
            rx.button(
                rx.icon("phone-incoming", aria_hidden="true"),
                tr("urgent.ask"),
                type="button",
                size="4",
                color_scheme="tomato",
                variant="outline",
                id="ask-contact",
                on_click=rx.call_script(DRAFT_ID, callback=ReportState.ask_contact),
                style={"min-height": "56px", "width": "100%", "white-space": "normal"},
            ),
            rx.callout(
                rx.cond(ReportState.contact == "sent", tr("urgent.sent"), tr("urgent.sent_before")),
                icon="circle-check",
                color_scheme="grass",
                id="contact-sent",
                role="status",
                tab_index=-1,
                width="100%",
            ),
        ),
        error_box(ReportState.contact_error, "contact-error"),
        rx.cond(ReportState.contact == "", rx.text(tr("urgent.ask.hint"), size="2"), rx.fragment()),
        spacing="2",
        width="100%",
    )


def _when() -> rx.Component:
    return _step(
        1,
        "report.when.title",
        field("report.incident_date", "incident_date", type_="date", id="incident-date"),
        tiles(
            "report.part_of_day",
            *[
                tile("part_of_day", code, tr(f"part.{code}"), multiple=False)
                for code in PARTS_OF_DAY
            ],
        ),
        select("report.region", "region", UiState.offered_regions, "region", id="report-region"),
        field("report.area", "area", id="report-area", hint_key="report.area.hint", max_length=200),
        tiles(
            "report.place_kind",
            *[
                tile("place_kind", code, tr(f"place.{code}"), multiple=False)
                for code in PLACE_KINDS
            ],
        ),
    )


def _what() -> rx.Component:
    return _step(
        2,
        "report.what.title",
        tiles(
            "report.incident_types",
            *[
                tile(
                    f"incident:{code}",
                    "on",
                    tr(f"incident.{code}"),
                    icon=INCIDENT_ICONS[code],
                    element_id=f"incident-{code}",
                )
                for code in INCIDENT_TYPES
            ],
        ),
        text_area(
            "report.narrative", "narrative", id="report-narrative", rows=6, max_length=10_000
        ),
        rx.text(tr("report.narrative.hint"), size="2", color=rx.color("gray", 11)),
    )


def _identifier_row(row: int) -> rx.Component:
    kind = select(
        "report.identifier.kind",
        f"id_kind_{row}",
        report_form.IDENTIFIER_KINDS,
        "identifier.kind",
        blank=False,
        id=f"id-kind-{row}",
    )
    platform = select(
        "report.identifier.platform",
        f"id_platform_{row}",
        HANDLE_PLATFORMS,
        "platform",
        id=f"id-platform-{row}",
    )
    return rx.vstack(
        rx.flex(kind, platform, gap="2", width="100%"),
        field(
            "report.identifier.value",
            f"id_value_{row}",
            id=f"id-value-{row}",
            max_length=254,
            autocomplete="off",
        ),
        rx.cond(
            ReportState.identifier_errors[row] != "",
            rx.text(
                ReportState.identifier_errors[row],
                color=rx.color("tomato", 11),
                role="alert",
                id=f"id-error-{row}",
            ),
            rx.fragment(),
        ),
        display=_shown(ReportState.rows > row),
        width="100%",
        spacing="2",
        class_name="identifier-row",
    )


def _who() -> rx.Component:
    return _step(
        3,
        "report.who.title",
        rx.text(tr("report.who.body")),
        *[_identifier_row(row) for row in range(report_form.IDENTIFIER_ROWS)],
        rx.button(
            rx.icon("plus", aria_hidden="true"),
            tr("report.identifier.add"),
            type="button",
            variant="outline",
            size="3",
            id="add-identifier",
            on_click=ReportState.add_identifier,
            display=_shown(ReportState.rows < report_form.IDENTIFIER_ROWS),
        ),
        rx.heading(tr("report.appearance"), size="4", as_="h3"),
        rx.grid(
            *[
                select(
                    f"appearance.{name}",
                    f"look_{name}",
                    codes,
                    f"appearance.{name}",
                    id=f"look-{name}",
                )
                for name, codes in APPEARANCE_CHOICES.items()
            ],
            columns="2",
            gap="2",
            width="100%",
        ),
        tiles(
            "appearance.languages",
            *[
                tile(f"spoke:{code}", "on", name, element_id=f"spoke-{code}")
                for code, name in report_form.SPOKEN_LANGUAGES.items()
            ],
        ),
        *[
            field(f"appearance.{name}", f"look_{name}", id=f"look-{name}", max_length=200)
            for name in APPEARANCE_TEXT_FIELDS
        ],
    )


def _wishes() -> rx.Component:
    return _step(
        4,
        "report.wishes.title",
        *[
            tile(
                wish,
                "on",
                tr(f"report.wish.{wish}"),
                element_id=f"wish-{wish}",
                default_checked=wish == "may_publish",
            )
            for wish in report_form.WISHES
        ],
        rx.box(
            tile("on_behalf", "on", tr("report.on_behalf"), element_id="on-behalf"),
            display=_shown(AuthState.role == "outreach"),
            width="100%",
        ),
    )


def _buttons() -> rx.Component:
    last = ReportState.step == report_form.LAST_STEP
    return rx.flex(
        rx.button(
            tr("report.back"),
            type="button",
            variant="outline",
            size="3",
            id="report-back",
            on_click=ReportState.back,
            display=_shown(ReportState.step > 0),
            style={"min-height": TOUCH},
        ),
        rx.button(
            rx.cond(last, tr("report.submit"), tr("report.next")),
            type="submit",
            size="3",
            id="report-next",
            style={"min-height": TOUCH, "flex": "1"},
            custom_attrs={"data-last": rx.cond(last, "yes", "no")},
        ),
        gap="2",
        width="100%",
    )


def _sent() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(
                tr("report.sent.title"), size="5", as_="h2", id=report_form.SENT_TITLE, tab_index=-1
            ),
            rx.text(tr("report.sent.body")),
            rx.link(tr("nav.my_reports"), href=routes.MY_REPORTS, id="to-my-reports"),
            rx.button(
                tr("report.sent.another"),
                on_click=ReportState.new_report,
                variant="outline",
                size="3",
                id="report-another",
            ),
            spacing="3",
        ),
        id="report-sent",
        width="100%",
        display=_shown(ReportState.sent_id != 0),
        custom_attrs={"data-report": ReportState.sent_id},
    )


@shell_page(routes.REPORT, on_load=[ReportState.load])
def report_page() -> rx.Component:
    return rx.vstack(
        page_title("report.title"),
        _sent(),
        rx.form(
            rx.vstack(
                rx.el.input(type="hidden", name="client_id", id="report-client-id"),
                rx.el.input(type="hidden", name="step", value=ReportState.step),
                _danger(),
                _when(),
                _what(),
                _who(),
                _wishes(),
                error_box(ReportState.error, "report-error"),
                _buttons(),
                quick_exit_button(erase_draft=True),
                spacing="4",
                width="100%",
            ),
            id="report-form",
            on_submit=ReportState.advance,
            width="100%",
            display=_shown(ReportState.sent_id == 0),
        ),
        spacing="4",
        width="100%",
    )
