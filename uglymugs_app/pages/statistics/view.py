"""The organisation's figures: charts, a period filter and a CSV of every table."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, page_title, submit
from uglymugs_app.pages.statistics.state import PALETTE
from uglymugs_app.pages.statistics.state import StatisticsState as State
from uglymugs_app.state.ui import UiState
from uglymugs_app.vocabulary import INCIDENT_TYPES


def _card(name: str, chart: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(tr(f"stats.table.{name}"), size="3", as_="h2"),
                rx.button(
                    rx.icon("download", size=14),
                    tr("stats.csv"),
                    size="1",
                    variant="soft",
                    on_click=State.download(name),
                    custom_attrs={"data-csv": name},
                ),
                justify="between",
                align="center",
                width="100%",
            ),
            chart,
            width="100%",
        ),
        width="100%",
        custom_attrs={"data-chart": name},
    )


def _region_bars() -> rx.Component:
    """One stacked bar per region the database knows (read with the figures)."""
    return rx.recharts.bar_chart(
        rx.foreach(
            State.region_series,
            lambda item: rx.recharts.bar(
                data_key=item["code"],
                stack_id="all",
                fill=item["colour"],
                name=UiState.t["region." + item["code"]],
            ),
        ),
        rx.recharts.x_axis(data_key="week"),
        rx.recharts.y_axis(allow_decimals=False),
        rx.recharts.tooltip(),
        rx.recharts.legend(),
        data=State.reports_by_region,
        width="100%",
        height=280,
    )


def _bars(
    data: rx.Var, x_key: str, series: tuple[str, ...], label_prefix: str = "", stacked: bool = True
) -> rx.Component:
    return rx.recharts.bar_chart(
        *[
            rx.recharts.bar(
                data_key=code,
                stack_id="all" if stacked else None,
                fill=PALETTE[n % len(PALETTE)],
                name=UiState.t[f"{label_prefix}{code}"] if label_prefix else code,
            )
            for n, code in enumerate(series)
        ],
        rx.recharts.x_axis(data_key=x_key),
        rx.recharts.y_axis(allow_decimals=False),
        rx.recharts.tooltip(),
        rx.recharts.legend(),
        data=data,
        width="100%",
        height=280,
    )


def _line(data: rx.Var, x_key: str, value: str) -> rx.Component:
    return rx.recharts.line_chart(
        rx.recharts.line(data_key=value, stroke=PALETTE[1], dot=False),
        rx.recharts.x_axis(data_key=x_key),
        rx.recharts.y_axis(allow_decimals=False),
        rx.recharts.tooltip(),
        data=data,
        width="100%",
        height=220,
    )


def _figure(row: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(UiState.t[row["label"].to(str)]),
        rx.text(row["value"].to(str), weight="bold"),
        justify="between",
        width="100%",
        custom_attrs={"data-figure": row["figure"].to(str)},
    )


def _period() -> rx.Component:
    return rx.form(
        rx.flex(
            field("stats.from", "start", type_="date", default_value=State.start, id="stats-start"),
            field("stats.to", "end", type_="date", default_value=State.end, id="stats-end"),
            submit("stats.apply", "stats-apply"),
            gap="1rem",
            align="end",
            wrap="wrap",
            width="100%",
        ),
        on_submit=State.choose_period,
        width="100%",
    )


@shell_page(routes.STATISTICS, on_load=[State.load])
def statistics_page() -> rx.Component:
    return rx.vstack(
        page_title("stats.title"),
        _period(),
        error_box(State.error, "stats-error"),
        rx.card(
            rx.vstack(rx.foreach(State.figures, _figure), width="100%"),
            width="100%",
            id="stats-figures",
        ),
        rx.hstack(
            rx.button(
                tr("stats.table.membership"),
                " · ",
                tr("stats.csv"),
                size="1",
                variant="soft",
                on_click=State.download("membership"),
            ),
            rx.button(
                tr("stats.table.response_times"),
                " · ",
                tr("stats.csv"),
                size="1",
                variant="soft",
                on_click=State.download("response_times"),
            ),
            wrap="wrap",
        ),
        _card("reports_by_type", _bars(State.reports_by_type, "week", INCIDENT_TYPES, "incident.")),
        _card("reports_by_region", _region_bars()),
        _card("warnings_published", _line(State.warnings_published, "week", "published")),
        _card(
            "notifications", _bars(State.notifications, "day", ("delivered", "failed", "removed"))
        ),
        _card("checks", _line(State.checks, "day", "checks")),
        spacing="4",
        width="100%",
    )
