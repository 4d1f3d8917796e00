"""One module per page; importing this package registers them all."""

from uglymugs_app.pages import (
    account,
    audit,
    help,
    home,
    login,
    menu,
    moderate,
    my_reports,
    not_found,
    people,
    register,
    report,
    reset,
    settings,
    setup,
    status,
    two_factor,
    verifications,
)

__all__ = ["account", "audit", "help", "home", "login", "menu", "moderate", "my_reports",
           "not_found", "people", "register", "report", "reset", "settings", "setup", "status",
           "two_factor", "verifications"]
