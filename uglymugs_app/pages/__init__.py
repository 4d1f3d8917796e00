"""One module per page; importing this package registers them all."""

from uglymugs_app.pages import (
    account,
    check,
    feed,
    help,
    home,
    login,
    menu,
    not_found,
    notifications,
    people,
    register,
    reset,
    settings,
    setup,
    status,
    two_factor,
    verifications,
)

__all__ = ["account", "check", "feed", "help", "home", "login", "menu", "not_found",
           "notifications", "people", "register", "reset", "settings", "setup", "status",
           "two_factor", "verifications"]
