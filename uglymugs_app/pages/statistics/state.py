"""State of the figures page: the period, the tables for the charts, CSV downloads."""

from datetime import date, timedelta

import reflex as rx

from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.errors import InvalidInput, ServiceError
from uglymugs_app.services.police.csv_text import to_csv
from uglymugs_app.services.stats import figures as statistics
from uglymugs_app.state.auth import acting_actor, authorised, in_db, message_for

DEFAULT_DAYS = 12 * 7
Rows = list[dict[str, str | int | float]]


class StatisticsState(rx.State):
    start: str = ""
    end: str = ""
    reports_by_type: Rows = []
    reports_by_region: Rows = []
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
        try:
            tables = await self._tables()
        except ServiceError as error:
            self.error = await message_for(self, error)
            return None
        table = next((t for t in tables if t.name == name), None)
        if table is None:
            return None
        return rx.download(data=to_csv(table.columns, table.rows),
                           filename=f"{table.name}-{self.start}-{self.end}.csv")

    async def _tables(self) -> list[statistics.Table]:
        actor = acting_actor()
        try:
            start, end = date.fromisoformat(self.start), date.fromisoformat(self.end)
        except ValueError:
            raise InvalidInput("stats.range.invalid") from None
        return await in_db(lambda db: statistics.dashboard(db, actor=actor, start=start,
                                                           end=end))

    async def _show(self) -> None:
        try:
            tables = {t.name: t.rows for t in await self._tables()}
        except ServiceError as error:
            self.error = await message_for(self, error)
            return
        self.error = ""
        self.reports_by_type = tables["reports_by_type"]
        self.reports_by_region = tables["reports_by_region"]
        self.warnings_published = tables["warnings_published"]
        self.notifications = tables["notifications"]
        self.checks = tables["checks"]
        self.figures = [{**row, "label": f"stats.figure.{row['figure']}"}
                        for row in tables["membership"] + tables["response_times"]]
