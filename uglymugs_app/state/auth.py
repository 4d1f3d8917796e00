"""Who is signed in: the browser keeps a session token, the database decides.

``current_actor(state)`` resolves the token through the database on every
call; the public vars ``signed_in``, ``role`` and ``working_name`` only shape
the interface and are never trusted for a decision (a browser can set them).
"""

import contextvars
import functools
from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from uglymugs_app import routes
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.members import login as login_service
from uglymugs_app.services.security import sessions
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import in_db, message_for
from uglymugs_app.state.tab_data import end_tab, forget_member_data, leave_page, leave_tab
from uglymugs_app.state.ui import UiState

__all__ = ["Actor", "AuthState", "acting_actor", "authorised", "current_actor", "require"]

_acting: contextvars.ContextVar[Actor] = contextvars.ContextVar("acting_actor")


async def _auth(state: rx.State) -> "AuthState":
    return state if isinstance(state, AuthState) else await state.get_state(AuthState)


async def current_actor(state: rx.State, *, allow_incomplete: bool = False) -> Actor | None:
    """The actor behind this browser's token, from the database, every call.

    None for an event from any socket but the one that presented the token: a
    tab token alone (another socket connecting with it) acts for nobody.
    """
    auth = await _auth(state)
    if not auth._from_her_socket():
        return None
    reference = auth._session()
    idle = get_settings().session_idle_minutes
    actor = await in_db(
        lambda db: sessions.resolve(
            db,
            token=None,
            reference=reference,
            idle_minutes=idle,
            allow_incomplete=allow_incomplete,
        )
    )
    auth._show(actor)
    return actor


def present_again() -> EventSpec:
    """Her tab's state is gone (it expired in Redis): the page loads again, and its
    hydrate presents her session token from her browser's storage once more."""
    return rx.call_script("window.location.reload()")


def acting_actor() -> Actor:
    """The actor an ``@authorised`` handler runs for."""
    return _acting.get()


def authorised(*roles: str) -> Callable:
    """Run the handler only for a signed-in actor with one of ``roles``.

    Anyone else is sent to the login page and the handler does not run. Inside,
    ``acting_actor()`` gives the actor, resolved from the database. An event
    from a socket other than the one that presented her session does nothing.
    """

    def decorate(handler: Callable) -> Callable:
        @functools.wraps(handler)
        async def guarded(self, *args: Any, **kwargs: Any):
            auth = await _auth(self)
            if not auth._socket:
                return present_again()
            if not auth._from_her_socket():
                # Another socket with this tab's token, or an event chained
                # from her socket before it reconnected: nothing runs, and her
                # own page is not sent to the log-in page for it.
                return None
            actor = await current_actor(self)
            if actor is not None and actor.role == "applicant" and "applicant" not in roles:
                # Signed in, not verified yet: her status says she is waiting,
                # a log-in form would say she is not signed in.
                return rx.redirect(routes.STATUS)
            if actor is None or (roles and actor.role not in roles):
                return rx.redirect(routes.LOGIN)
            reset = _acting.set(actor)
            try:
                return await handler(self, *args, **kwargs)
            finally:
                _acting.reset(reset)

        return guarded

    return decorate


def home_for(role: str, *, must_enrol: bool = False) -> str:
    if must_enrol:
        return routes.TWO_FACTOR
    if role == "applicant":
        return routes.STATUS
    return routes.MODERATE_VERIFICATIONS if role in STAFF else routes.HOME


class AuthState(rx.State):
    # Her own token on this device; the database keeps only its SHA-256.
    session_token: str = rx.LocalStorage("", name="um.session", sync=True)
    signed_in: bool = False
    role: str = ""
    working_name: str = ""
    login_error: str = ""
    needs_totp: bool = False
    # Whose data this tab's states may hold: she stays its owner after her
    # session ends, until the tab is emptied (``tab_data.end_tab``).
    _member_id: int = 0
    # The socket that presented her session token (hydrating, or logging in).
    # Reflex serves a tab token to any socket that connects with it.
    _socket: str = ""
    # Her session as Redis may keep this state: the reference the database
    # knows it by (the token's SHA-256), never the token (``__getstate__``).
    _session_ref: str = ""
    # The page this tab showed last, to empty its states when she leaves it.
    _page: str = ""

    def __getstate__(self):
        """What is kept for this tab between events (in Redis with several workers)."""
        fields = dict(super().__getstate__())
        if token := fields.get("session_token"):
            fields["_session_ref"] = sessions.reference_of(token) or ""
        fields["session_token"] = ""
        return fields

    def _session(self) -> str | None:
        """Her session's reference: from the token while this worker holds it."""
        return sessions.reference_of(self.session_token, self._session_ref)

    def _from_her_socket(self) -> bool:
        return bool(self._socket) and self._socket == self.router.session.session_id

    def _bind_to_this_socket(self) -> None:
        self._socket = self.router.session.session_id

    def _show(self, actor: Actor | None) -> None:
        self.signed_in = actor is not None
        self.role = actor.role if actor else ""
        self.working_name = actor.working_name if actor else ""
        if actor is not None:
            self._member_id = actor.member_id

    @rx.event
    async def on_visit(self):
        """On every page: refresh who she is; an applicant sees only her status."""
        if not self._socket:
            return present_again()
        page = self.router.page.path
        await leave_page(self, self._page, page)
        self._page = page
        actor = await current_actor(self)
        if actor and actor.role == "applicant" and page not in routes.APPLICANT_PAGES:
            return rx.redirect(routes.STATUS)
        return None

    @rx.event
    async def log_in(self, form_data: dict):
        """Keys ``working_name``, ``password`` and, for staff, ``totp``."""
        name = str(form_data.get("working_name", ""))[:80]
        password = str(form_data.get("password", ""))[:200]
        code = str(form_data.get("totp", ""))[:40]
        address = self.router.session.client_ip or None
        secrets, settings = current_secrets(), get_settings()
        try:
            result = await in_db(
                lambda db: login_service.log_in(
                    db,
                    secrets=secrets,
                    settings=settings,
                    working_name=name,
                    password=password,
                    totp=code,
                    address=address,
                )
            )
        except login_service.TwoFactorRequired as needed:
            self.needs_totp, self.login_error = True, await message_for(self, needed)
            return None
        except ServiceError as error:
            self.login_error = await message_for(self, error)
            return rx.set_value("login-password", "")
        home = home_for(result.actor.role, must_enrol=result.must_enrol_two_factor)
        # Someone else signed in on this tab before: what her pages held goes.
        new_tab = self._member_id not in (0, result.actor.member_id)
        if new_tab:
            await forget_member_data(self)
        self.session_token, self.login_error, self.needs_totp = result.token, "", False
        self._bind_to_this_socket()
        self._show(None if result.must_enrol_two_factor else result.actor)
        # The language saved with her account, on this device from now on.
        language = (await self.get_state(UiState))._use_saved(result.actor.language)
        return [language, leave_tab(home) if new_tab else rx.redirect(home)]

    @rx.event
    async def log_out(self):
        """Log out this device."""
        reference = self._session()
        await in_db(lambda db: sessions.close_session(db, reference=reference))
        # An unsent report draft belongs to her, not to whoever logs in next.
        return await end_tab(self, routes.LOGIN, forget_draft=True)

    @rx.event
    async def clear_device(self):
        """Log out and wipe everything the app keeps in this browser."""
        if reference := self._session():
            await in_db(lambda db: sessions.close_session(db, reference=reference))
        await forget_member_data(self)
        return rx.call_script("window.umClearDevice && window.umClearDevice()")

    @rx.event
    async def log_out_everywhere(self):
        """Log out every device of hers, this one included."""
        actor = await current_actor(self, allow_incomplete=True)
        if actor is not None:
            await in_db(lambda db: sessions.close_all_sessions(db, member_id=actor.member_id))
        return await end_tab(self, routes.LOGIN, forget_draft=True)
