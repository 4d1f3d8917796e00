"""State of the figures page: the period, the tables for the charts, CSV downloads."""

from datetime import date, timedelta

import reflex as rx

from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.police.csv_text import to_csv
from uglymugs_app.services.stats import figures as statistics
from uglymugs_app.state.actions import Outcome, attempt
from uglymugs_app.state.auth import acting_actor, authorised

DEFAULT_DAYS = 12 * 7
PALETTE = (
    "#e5484d",
    "#3e63dd",
    "#30a46c",
    "#f76b15",
    "#8e4ec6",
    "#12a594",
    "#ffc53d",
    "#d6409f",
    "#0090ff",
    "#978365",
    "#7d66d9",
    "#46a758",
)
Rows = list[dict[str, str | int | float]]


class StatisticsState(rx.State):
    start: str = ""
    end: str = ""
    reports_by_type: Rows = []
    reports_by_region: Rows = []
    # The regions' series of that chart: {"code", "colour"} (regions are the database's).
    region_series: list[dict[str, str]] = []
    warnings_published: Rows = []
    notifications: Rows = []
    checks: Rows = []
    # membership and response times: {"figure": ..., "value": ...}
    figures: Rows = []
    error: str = ""

    @rx.event
    @authorised(*STAFF)
    async def load(self):
        if not self.start or not self.end:
            today = utcnow().date()
            self.start = (today - timedelta(days=DEFAULT_DAYS - 1)).isoformat()
            self.end = today.isoformat()
        await self._show()

    @rx.event
    @authorised(*STAFF)
    async def choose_period(self, form_data: dict):
        """``start`` and ``end`` as ISO dates."""
        self.start = str(form_data.get("start", ""))[:10]
        self.end = str(form_data.get("end", ""))[:10]
        await self._show()

    @rx.event
    @authorised(*STAFF)
    async def download(self, name: str):
        """One table of the current period as CSV, computed again on the server."""
        tables = await self._tables()
        if tables.refused:
            return None
        table = next((t for t in tables.value if t.name == name), None)
        if table is None:
            return None
        return rx.download(
            data=to_csv(table.columns, table.rows),
            filename=f"{table.name}-{self.start}-{self.end}.csv",
        )

    async def _tables(self) -> Outcome[list[statistics.Table]]:
        actor, start, end = acting_actor(), self.start, self.end

        def dashboard(db):
            try:
                first, last = date.fromisoformat(start), date.fromisoformat(end)
            except ValueError:
                raise InvalidInput("stats.range.invalid") from None
            return statistics.dashboard(db, actor=actor, start=first, end=last)

        return await attempt(self, dashboard)

    async def _show(self) -> None:
        found = await self._tables()
        if found.refused:
            return
        tables = {t.name: t.rows for t in found.value}
        by_region = next(t for t in found.value if t.name == "reports_by_region")
        self.region_series = [
            {"code": code, "colour": PALETTE[n % len(PALETTE)]}
            for n, code in enumerate(by_region.columns[1:])
        ]
        self.reports_by_type = tables["reports_by_type"]
        self.reports_by_region = tables["reports_by_region"]
        self.warnings_published = tables["warnings_published"]
        self.notifications = tables["notifications"]
        self.checks = tables["checks"]
        self.figures = [
            {**row, "label": f"stats.figure.{row['figure']}"}
            for row in tables["membership"] + tables["response_times"]
        ]
