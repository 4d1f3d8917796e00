"""The self-service page's state: every handler re-checks who is asking."""

import json

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.services.actors import VERIFIED
from uglymugs_app.services.identifiers.countries import CLIENT_COUNTRIES, country_name
from uglymugs_app.services.members import accounts, verification
from uglymugs_app.services.members.accounts import Profile
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import AuthState, acting_actor, authorised
from uglymugs_app.state.form_data import picked
from uglymugs_app.state.tab_data import end_tab
from uglymugs_app.state.ui import UiState


class AccountState(rx.State):
    regions: list[str] = []
    gender: str = ""
    work_kinds: list[str] = []
    phone_country: str = ""
    countries: list[list[str]] = []  # [code, name in her language]
    error: str = ""
    notice: str = ""
    code: str = ""  # an invite or vouch code she just made, shown once

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        actor = acting_actor()
        profile = await in_db(lambda db: accounts.my_profile(db, actor=actor))
        self.regions, self.gender = profile.regions, profile.gender
        self.work_kinds, self.phone_country = profile.work_kinds, profile.phone_country
        language = (await self.get_state(UiState)).language
        self.countries = sorted(
            ([code, country_name(code, language)] for code in CLIENT_COUNTRIES),
            key=lambda pair: pair[1],
        )
        self.error = self.notice = self.code = ""

    @rx.event
    @authorised(*VERIFIED)
    async def save_preferences(self, form_data: dict):
        actor = acting_actor()
        language = (await self.get_state(UiState)).language
        profile = Profile(
            language,
            picked(form_data, "region"),
            str(form_data.get("gender", "")),
            picked(form_data, "work"),
            str(form_data.get("phone_country", ""))[:2],
        )
        saved = await attempt(
            self,
            lambda db: accounts.update_preferences(db, actor=actor, profile=profile),
            notice="account.saved",
        )
        if not saved.refused:
            self.phone_country = profile.phone_country or self.phone_country

    @rx.event
    @authorised(*VERIFIED)
    async def change_password(self, form_data: dict):
        actor = acting_actor()
        current, new = str(form_data.get("current", ""))[:200], str(form_data.get("new", ""))[:200]
        session = (await self.get_state(AuthState))._session()
        await attempt(
            self,
            lambda db: accounts.change_password(
                db, actor=actor, current=current, new=new, keep_reference=session
            ),
            notice="account.password.changed",
        )
        return [rx.set_value("password-current", ""), rx.set_value("password-new", "")]

    @rx.event
    @authorised(*VERIFIED)
    async def download_data(self):
        actor = acting_actor()
        data = await in_db(
            lambda db: accounts.export_my_data(db, secrets=current_secrets(), actor=actor)
        )
        return rx.download(data=json.dumps(data, indent=2), filename="my-data.json")

    @rx.event
    @authorised(*VERIFIED)
    async def delete_account(self, form_data: dict):
        actor = acting_actor()
        password = str(form_data.get("password", ""))[:200]
        deleted = await attempt(
            self,
            lambda db: accounts.delete_my_account(
                db, secrets=current_secrets(), actor=actor, password=password
            ),
        )
        if not deleted.refused:
            return await end_tab(self, routes.HOME, forget_draft=True)
        return rx.set_value("delete-password", "")

    @rx.event
    @authorised("outreach", "moderator", "admin", "member")
    async def issue_code(self):
        actor, settings = acting_actor(), get_settings()
        issue = (
            verification.issue_vouch_code
            if actor.role == "member"
            else verification.issue_invite_code
        )
        issued = await attempt(
            self, lambda db: issue(db, secrets=current_secrets(), settings=settings, actor=actor)
        )
        self.code = "" if issued.refused else issued.value
