"""The ``uglymugs`` console command for admins."""

import argparse
import sys

from uglymugs_app.services.maintenance.migrations import upgrade_to_head
from uglymugs_app.services.regions.defaults import seed_database
from uglymugs_app.services.security.instance_secrets import ensure_secrets
from uglymugs_app.settings import get_settings


def _prepare(_args: argparse.Namespace) -> None:
    settings = get_settings()
    ensure_secrets(settings.instance_dir, allow_generate=not settings.is_production)
    upgrade_to_head(settings.effective_database_url)
    seed_database(settings.effective_database_url)
    print("installation ready: secrets present, database at the newest schema")


def _migrate(_args: argparse.Namespace) -> None:
    url = get_settings().effective_database_url
    upgrade_to_head(url)
    seed_database(url)
    print("database at the newest schema")


def _create_admin(_args: argparse.Namespace) -> None:
    from uglymugs_app.runtime.startup import setup_link

    settings = get_settings()
    ensure_secrets(settings.instance_dir, allow_generate=not settings.is_production)
    link = setup_link()
    if link is None:
        print("an admin exists already: admins create further admins in the app")
    else:
        print(f"open this link once to create the first admin: {link}")


def _seed_demo(_args: argparse.Namespace) -> None:
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.maintenance.demo import DemoRefused, seed_demo

    settings = get_settings()
    if settings.is_production:  # before anything is created or migrated
        sys.exit("refusing: this is a production installation (UGLYMUGS_ENV=production)")
    secrets = ensure_secrets(settings.instance_dir, allow_generate=True)
    upgrade_to_head(settings.effective_database_url)
    seed_database(settings.effective_database_url)
    try:
        with session_scope() as session:
            logins = seed_demo(session, secrets=secrets, settings=settings)
    except DemoRefused as refused:
        sys.exit(str(refused))
    print(f"Demo data added. Log in at {settings.public_base_url}/login as:")
    for login in logins:
        line = f"  {login.role:<10} {login.working_name!r:<22} password {login.password}"
        if login.totp_secret:
            line += f"  TOTP secret {login.totp_secret} (add it to an authenticator app)"
        print(line + (f"  — {login.note}" if login.note else ""))
    print("Try the check as a member with 06-12345678 (reported twice) or 06-87654321 (never).")


def _maintenance(_args: argparse.Namespace) -> None:
    from uglymugs_app.services.database import get_engine
    from uglymugs_app.services.maintenance.housekeeping import (
        MaintenanceIncomplete,
        maintenance_round,
    )

    try:
        counts = maintenance_round(get_engine(), settings=get_settings())
    except MaintenanceIncomplete as incomplete:
        _print_counts(incomplete.counts)
        sys.exit(f"maintenance incomplete: {', '.join(incomplete.failed)} failed (see the log)")
    if counts is None:
        print("another process is running maintenance right now; nothing done")
    else:
        _print_counts(counts)


def _rotate_check_key(_args: argparse.Namespace) -> None:
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.private_check.table import rebuild
    from uglymugs_app.services.security.instance_secrets import rotate_oprf_key

    settings = get_settings()
    ensure_secrets(settings.instance_dir, allow_generate=not settings.is_production)
    key_id = rotate_oprf_key(settings.instance_dir)
    secrets = ensure_secrets(settings.instance_dir, allow_generate=False)
    with session_scope() as session:
        rows = rebuild(session, secrets=secrets)
    print(f"check key {key_id} in use; check table rebuilt ({rows} rows). Restart the app.")


def _print_counts(counts: dict[str, int]) -> None:
    for name, count in counts.items():
        print(f"{name}: {count}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="uglymugs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("prepare", help="create missing secrets and migrate").set_defaults(
        run=_prepare
    )
    commands.add_parser("migrate", help="apply database migrations").set_defaults(run=_migrate)
    commands.add_parser(
        "create-admin", help="print a one-time setup link for the first admin"
    ).set_defaults(run=_create_admin)
    commands.add_parser(
        "seed-demo",
        help="fill an empty, non-production installation with demo people, reports and warnings",
    ).set_defaults(run=_seed_demo)
    commands.add_parser(
        "maintenance",
        help="expire warnings and prune old sessions, check "
        "times, login counts, codes and push outbox entries (for cron)",
    ).set_defaults(run=_maintenance)
    commands.add_parser(
        "rotate-check-key",
        help="new OPRF key for the private check; rebuilds the check table",
    ).set_defaults(run=_rotate_check_key)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.run(args)
