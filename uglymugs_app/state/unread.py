"""Her unread messages from the organisation: the badge on "My reports" (and on
"More" on a phone) and the count on her start page.

Counted on every page she opens (one indexed count), and again whenever her
reports page reads or receives a message. A count only: nothing else of hers.
"""

import reflex as rx

from uglymugs_app.services.reports import threads
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import in_db
from uglymugs_app.state.auth import current_actor

# The roles that file reports and so have threads with the organisation.
REPORTERS = ("member", "outreach")


class UnreadState(rx.State):
    messages: int = 0

    @rx.event
    async def count(self):
        """Every page: her count, or nothing for anyone who files no reports."""
        actor = await current_actor(self)
        if actor is None or actor.role not in REPORTERS:
            self.messages = 0
            return
        await self._recount(actor.member_id)

    async def _recount(self, member_id: int) -> None:
        """Called by other states of hers after they checked who she is."""
        secrets = current_secrets()
        self.messages = await in_db(
            lambda db: threads.unread_for_member(db, secrets=secrets, member_id=member_id)
        )
