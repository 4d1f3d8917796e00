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

from pydantic import AliasChoices, Field, SecretStr
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
    # Verification queue: a page of applicants; a moderator's claim ("I'm
    # handling this") lapses after this many hours without a decision.
    verification_page_size: int = 25
    verification_claim_hours: int = 8
    # An application waiting for her answer expires after this many days
    # without activity (evidence and exchange deleted, she is told on her
    # status page); one waiting for a moderator only when this is set (0: never).
    application_expiry_days: int = 60
    pending_application_expiry_days: int = 0
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
    # Notifications by e-mail, for devices without Web Push. Empty host: the
    # channel is off and the app does not offer it. ``smtp_tls``: "starttls"
    # (required, port 587), "tls" (implicit TLS, port 465) or "none" (only
    # for a relay on the same host or a test server).
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_tls: Literal["starttls", "tls", "none"] = "starttls"
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    # The From of every notification e-mail: a neutral name and address.
    smtp_from: str = ""
    smtp_timeout_seconds: float = 20.0
    # SMTP connections one sender keeps open (each carries one message at a time).
    smtp_connections: int = 2
    # Housekeeping (expire warnings, prune rate-limit rows, sessions, outbox,
    # spent codes) inside each backend worker; 0 leaves it to `uglymugs maintenance`.
    maintenance_interval_minutes: float = 15
    # Police-ready PDFs print the nine languages with the bundled Noto fonts;
    # this optional TrueType font is tried for characters they lack (e.g. Chinese).
    pdf_font_file: Path | None = None

    @property
    def email_enabled(self) -> bool:
        """Whether notifications by e-mail can be sent (an SMTP server is set)."""
        return bool(self.smtp_host and self.smtp_from)

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
