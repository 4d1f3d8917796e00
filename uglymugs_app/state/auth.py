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

from uglymugs_app import routes
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.members import login as login_service
from uglymugs_app.services.security import sessions
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import in_db, message_for

__all__ = ["Actor", "AuthState", "acting_actor", "authorised", "current_actor", "require"]

_acting: contextvars.ContextVar[Actor] = contextvars.ContextVar("acting_actor")


async def current_actor(state: rx.State, *, allow_incomplete: bool = False) -> Actor | None:
    """The actor behind this browser's token, from the database, every call."""
    auth = state if isinstance(state, AuthState) else await state.get_state(AuthState)
    token = auth.session_token
    idle = get_settings().session_idle_minutes
    actor = await in_db(lambda db: sessions.resolve(
        db, token=token, idle_minutes=idle, allow_incomplete=allow_incomplete))
    auth._show(actor)
    return actor


def acting_actor() -> Actor:
    """The actor an ``@authorised`` handler runs for."""
    return _acting.get()


def authorised(*roles: str) -> Callable:
    """Run the handler only for a signed-in actor with one of ``roles``.

    Anyone else is sent to the login page and the handler does not run. Inside,
    ``acting_actor()`` gives the actor, resolved from the database.
    """
    def decorate(handler: Callable) -> Callable:
        @functools.wraps(handler)
        async def guarded(self, *args: Any, **kwargs: Any):
            actor = await current_actor(self)
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

    def _show(self, actor: Actor | None) -> None:
        self.signed_in = actor is not None
        self.role = actor.role if actor else ""
        self.working_name = actor.working_name if actor else ""

    @rx.event
    async def on_visit(self):
        """On every page: refresh who she is; an applicant sees only her status."""
        actor = await current_actor(self)
        page = self.router.page.path
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
            result = await in_db(lambda db: login_service.log_in(
                db, secrets=secrets, settings=settings, working_name=name,
                password=password, totp=code, address=address))
        except login_service.TwoFactorRequired as needed:
            self.needs_totp, self.login_error = True, await message_for(self, needed)
            return None
        except ServiceError as error:
            self.login_error = await message_for(self, error)
            return rx.set_value("login-password", "")
        self.session_token, self.login_error, self.needs_totp = result.token, "", False
        self._show(None if result.must_enrol_two_factor else result.actor)
        return rx.redirect(home_for(result.actor.role, must_enrol=result.must_enrol_two_factor))

    @rx.event
    async def log_out(self):
        """Log out this device."""
        token = self.session_token
        await in_db(lambda db: sessions.close_session(db, token=token))
        self.session_token = ""
        self._show(None)
        # An unsent report draft belongs to her, not to whoever logs in next.
        return [rx.call_script("window.umForgetDraft && window.umForgetDraft()"),
                rx.redirect(routes.LOGIN)]

    @rx.event
    async def clear_device(self):
        """Log out and wipe everything the app keeps in this browser."""
        token = self.session_token
        if token:
            await in_db(lambda db: sessions.close_session(db, token=token))
        self.session_token = ""
        self._show(None)
        return rx.call_script("window.umClearDevice && window.umClearDevice()")

    @rx.event
    async def log_out_everywhere(self):
        """Log out every device of hers, this one included."""
        actor = await current_actor(self, allow_incomplete=True)
        if actor is not None:
            await in_db(lambda db: sessions.close_all_sessions(db, member_id=actor.member_id))
        self.session_token = ""
        self._show(None)
        return rx.redirect(routes.LOGIN)
