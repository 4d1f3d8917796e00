"""One module per page; importing this package registers them all."""

from uglymugs_app.pages import (
    account,
    admin_contacts,
    check,
    feed,
    help,
    help_police,
    home,
    login,
    menu,
    my_police,
    not_found,
    notifications,
    people,
    police_requests,
    register,
    reset,
    settings,
    setup,
    statistics,
    status,
    two_factor,
    verifications,
)

__all__ = ["account", "admin_contacts", "check", "feed", "help", "help_police", "home", "login",
           "menu", "my_police", "not_found", "notifications", "people", "police_requests",
           "register", "reset", "settings", "setup", "statistics", "status", "two_factor",
           "verifications"]
