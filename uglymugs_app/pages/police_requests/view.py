"""Police requests (append-only log), police-ready PDFs and the anonymised CSV."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import (
    INPUT_STYLE,
    error_box,
    field,
    notice_box,
    page_title,
    submit,
    text_area,
)
from uglymugs_app.i18n import LANGUAGES
from uglymugs_app.pages.police_requests.state import PoliceRequestsState as State
from uglymugs_app.services.identifiers.kinds import IdentifierKind
from uglymugs_app.vocabulary import HANDLE_PLATFORMS


def _new_request() -> rx.Component:
    kinds = [kind.value for kind in IdentifierKind]
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(tr("police.request.new"), size="4", as_="h2"),
                field(
                    "police.request.received_on",
                    "received_on",
                    type_="date",
                    required=True,
                    id="request-date",
                ),
                field("police.request.unit", "unit", required=True, id="request-unit"),
                field("police.request.officer", "officer", required=True, id="request-officer"),
                field("police.request.case_number", "case_number", id="request-case"),
                text_area("police.request.reason", "reason", id="request-reason"),
                rx.el.label(tr("police.request.identifier_kind"), html_for="request-kind"),
                rx.el.select(
                    *[rx.el.option(tr(f"identifier.kind.{kind}"), value=kind) for kind in kinds],
                    name="identifier_kind",
                    id="request-kind",
                    style=INPUT_STYLE,
                ),
                field("police.request.identifier", "identifier", id="request-identifier"),
                rx.el.label(tr("objection.platform"), html_for="request-platform"),
                rx.el.select(
                    rx.el.option("—", value=""),
                    *[rx.el.option(tr(f"platform.{p}"), value=p) for p in HANDLE_PLATFORMS],
                    name="platform",
                    id="request-platform",
                    style=INPUT_STYLE,
                ),
                submit("police.request.record", "request-record"),
                width="100%",
            ),
            on_submit=State.record_request,
            reset_on_submit=True,
        ),
        width="100%",
    )


def _match(match: rx.Var) -> rx.Component:
    return rx.text(
        "#",
        match.report,
        " · ",
        match.date,
        " · ",
        tr("region." + match.region),
        " · ",
        tr("report.status." + match.status),
        " · ",
        match.identifiers,
        " · ",
        rx.cond(match.consent, tr("police.consent.yes"), tr("police.consent.no")),
        " · ",
        # The server decides; this only tells the moderator before she answers.
        rx.cond(match.may_confirm, tr("police.confirm.yes"), tr("police.confirm.no")),
        size="2",
        class_name="police-match",
    )


def _answer_form(request: rx.Var) -> rx.Component:
    # Styled like every other field, so they show on the dark theme too.
    def ids(name: str) -> rx.Var:
        return f"answer-{name}-" + request.id.to(str)

    return rx.form(
        rx.vstack(
            rx.el.input(type="hidden", name="request_id", value=request.id),
            rx.el.label(tr("police.answer"), html_for=ids("text")),
            rx.el.textarea(
                name="answer",
                id=ids("text"),
                # Empty: what police are told is her decision to check, not a default.
                rows=2,
                style={**INPUT_STYLE, "padding": "0.5rem 0.75rem"},
            ),
            rx.el.label(tr("police.shared"), html_for=ids("shared")),
            rx.el.input(name="shared", id=ids("shared"), style=INPUT_STYLE),
            rx.el.label(tr("police.report_id"), html_for=ids("report")),
            rx.el.input(
                name="report_id",
                id=ids("report"),
                input_mode="numeric",
                style={**INPUT_STYLE, "width": "8rem"},
            ),
            rx.button(tr("police.answer.record"), type="submit", size="2"),
            width="100%",
        ),
        on_submit=State.record_answer,
        reset_on_submit=True,
        width="100%",
    )


def _request(request: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(request.received_on, " · ", request.unit, size="3", as_="h3"),
            rx.text(request.officer, " · ", request.case_number, size="2"),
            rx.text(request.reason, size="2"),
            rx.text(request.identifier, weight="bold"),
            rx.foreach(
                request.answers,
                lambda a: rx.text(a.at, ": ", a.answer, " ", a.shared, " #", a.report, size="2"),
            ),
            rx.button(
                tr("police.lookup"), on_click=State.look_up(request.id), size="2", variant="soft"
            ),
            rx.foreach(request.matches, _match),
            _answer_form(request),
            width="100%",
        ),
        width="100%",
        custom_attrs={"data-request": request.id},
    )


def _ready(report: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text("#", report["id"], " · ", report["date"], " · ", tr("region." + report["region"])),
        rx.button(
            rx.icon("file-down", size=16),
            tr("police.ready.pdf"),
            size="2",
            on_click=State.download_pdf(report["id"]),
            custom_attrs={"data-pdf": report["id"]},
        ),
        align="center",
        justify="between",
        width="100%",
    )


@shell_page(routes.POLICE_REQUESTS, on_load=[State.load])
def police_requests_page() -> rx.Component:
    return rx.vstack(
        page_title("police.requests.title"),
        error_box(State.error, "police-error"),
        notice_box(State.notice, "police-notice"),
        rx.heading(tr("police.ready.title"), size="5", as_="h2"),
        rx.text(tr("police.ready.intro"), size="2"),
        rx.hstack(
            rx.el.label(tr("police.pdf.language"), html_for="pdf-language"),
            rx.el.select(
                *[rx.el.option(name, value=code) for code, name in LANGUAGES.items()],
                value=State.pdf_language,
                on_change=State.choose_pdf_language,
                id="pdf-language",
                style={"min-height": "44px"},
            ),
            align="center",
        ),
        rx.cond(State.ready.length() == 0, rx.text(tr("police.ready.empty")), rx.fragment()),
        rx.foreach(State.ready, _ready),
        rx.heading(tr("police.csv.title"), size="5", as_="h2"),
        rx.text(tr("police.csv.body"), size="2"),
        rx.button(tr("police.csv.download"), on_click=State.download_csv, id="csv-download"),
        _new_request(),
        rx.heading(tr("police.log.title"), size="5", as_="h2"),
        rx.cond(State.requests.length() == 0, rx.text(tr("police.log.empty")), rx.fragment()),
        rx.foreach(State.requests, _request),
        spacing="4",
        width="100%",
    )
