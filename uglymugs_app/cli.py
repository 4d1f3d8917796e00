"""The ``uglymugs`` console command for admins."""

import argparse

from uglymugs_app.services.instance_secrets import ensure_secrets
from uglymugs_app.services.migrations import upgrade_to_head
from uglymugs_app.settings import get_settings


def _prepare(_args: argparse.Namespace) -> None:
    settings = get_settings()
    ensure_secrets(settings.instance_dir, allow_generate=not settings.is_production)
    upgrade_to_head(settings.effective_database_url)
    print("installation ready: secrets present, database at the newest schema")


def _migrate(_args: argparse.Namespace) -> None:
    upgrade_to_head(get_settings().effective_database_url)
    print("database at the newest schema")


def _create_admin(_args: argparse.Namespace) -> None:
    from uglymugs_app.startup import setup_link

    settings = get_settings()
    ensure_secrets(settings.instance_dir, allow_generate=not settings.is_production)
    link = setup_link()
    if link is None:
        print("an admin exists already: admins create further admins in the app")
    else:
        print(f"open this link once to create the first admin: {link}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="uglymugs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("prepare", help="create missing secrets and migrate").set_defaults(
        run=_prepare)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(run=_migrate)
    commands.add_parser("create-admin", help="print a one-time setup link for the first admin"
                        ).set_defaults(run=_create_admin)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.run(args)
