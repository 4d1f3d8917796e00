"""One module per page; importing this package registers them all."""

from uglymugs_app.pages import (
    account,
    admin_contacts,
    audit,
    help,
    help_police,
    home,
    login,
    menu,
    moderate,
    my_police,
    my_reports,
    not_found,
    people,
    police_requests,
    register,
    report,
    reset,
    settings,
    setup,
    statistics,
    status,
    two_factor,
    verifications,
)

__all__ = ["account", "admin_contacts", "audit", "help", "help_police", "home", "login", "menu",
           "moderate", "my_police", "my_reports", "not_found", "people", "police_requests",
           "register", "report", "reset", "settings", "setup", "statistics", "status",
           "two_factor", "verifications"]
