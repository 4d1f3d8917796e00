"""The one settings object of an installation.

Values come from environment variables (prefix ``UGLYMUGS_`` except for the
conventional ``DATABASE_URL`` and ``REDIS_URL``) or a ``.env`` file in the
working directory. Paths default to folders beside the working directory so a
fresh clone runs without configuration.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="UGLYMUGS_", env_file=".env", extra="ignore")

    env: Literal["development", "production"] = "development"
    app_name: str = "Ugly Mugs"
    discreet_app_name: str = "Notes"
    public_base_url: str = "http://127.0.0.1:3000"
    data_dir: Path = PROJECT_ROOT / "data"
    instance_dir: Path = PROJECT_ROOT / "instance"
    database_url: str = Field(
        default="",
        validation_alias=AliasChoices("DATABASE_URL", "UGLYMUGS_DATABASE_URL"),
    )
    redis_url: str = Field(
        default="",
        validation_alias=AliasChoices("REDIS_URL", "UGLYMUGS_REDIS_URL"),
    )
    # Where quick exit sends her: a harmless, common page. Back must not return.
    quick_exit_url: str = "https://www.google.com/search?q=weer+vandaag"
    default_language: str = "en"
    session_idle_minutes: int = 60 * 24 * 14
    # The regions members choose from and reports name (configuration, not code).
    regions_file: Path = PROJECT_ROOT / "uglymugs_app" / "config" / "regions.json"
    # The app's own log lines (uglymugs.*): INFO shows push and maintenance counts.
    log_level: str = "INFO"
    # Failed logins allowed before delays start, and the longest delay.
    login_free_failures_per_account: int = 3
    login_free_failures_per_address: int = 10
    login_max_delay_seconds: int = 15 * 60
    # Applications from one address a day before delays start (an outreach
    # worker may register several women on one drop-in centre's connection).
    registration_free_attempts_per_address: int = 10
    # Single-use codes: invite (outreach), vouch (member), reset (moderator).
    invite_code_days: int = 14
    reset_code_hours: int = 24
    setup_link_hours: int = 24
    # Where the admin enables it, a verified member may vouch for a newcomer.
    vouching_enabled: bool = False
    # The client is a data subject too: a warning vanishes after five years.
    warning_lifetime_days: int = 5 * 365
    # Retention (README, "Retention"): a report, its identifiers, narrative and
    # thread are erased this long after its warning expired or was retracted,
    # or after it was declined or closed without a warning still showing.
    report_retention_days: int = 365
    # A report she withdrew herself goes sooner (time for a moderator to
    # review a warning built from it; a warning still showing keeps it).
    withdrawn_report_retention_days: int = 30
    # A handled objection (his identifier, reason and contact) is erased after this.
    objection_retention_days: int = 90
    # Objections from one address a day before delays start.
    objection_free_attempts_per_address: int = 5
    # Checks per member; a client probing whether he was reported hits these.
    check_limit_per_hour: int = 20
    check_limit_per_day: int = 100
    # Web Push. The VAPID subject tells push services whom to contact about
    # this sender; set a real mailto: or https: address in production.
    push_vapid_subject: str = "mailto:admin@example.org"
    # Endpoints are supplied by browsers, so the sender only ever posts to
    # known push services (no request forgery towards internal hosts). An
    # entry starting with "." matches any subdomain.
    push_endpoint_hosts: list[str] = [
        "fcm.googleapis.com",
        "updates.push.services.mozilla.com",
        ".push.apple.com",
        ".notify.windows.com",
    ]
    # Plain http endpoints, only for a local test receiver.
    push_allow_http: bool = False
    push_concurrency: int = 256
    # Processes that encrypt messages beside the sender (0: in the sender).
    push_encrypt_workers: int = 1
    push_batch_size: int = 500
    push_lease_seconds: int = 120
    push_request_timeout_seconds: float = 20.0
    push_max_attempts: int = 8
    push_retry_base_seconds: float = 30.0
    push_retry_max_seconds: float = 3600.0
    # Finished outbox entries are deleted after this; the daily counters stay.
    push_outbox_retention_days: int = 7
    # Housekeeping (expire warnings, prune rate-limit rows, sessions, outbox,
    # spent codes) inside each backend worker; 0 leaves it to `uglymugs maintenance`.
    maintenance_interval_minutes: float = 15
    # Police-ready PDFs print the nine languages with the bundled Noto fonts;
    # this optional TrueType font is tried for characters they lack (e.g. Chinese).
    pdf_font_file: Path | None = None

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'uglymugs.db'}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
