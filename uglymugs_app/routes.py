"""Route constants and the navigation they form."""

from dataclasses import dataclass

HOME = "/"
SETTINGS = "/settings"
HELP = "/help"
NOT_FOUND = "/404"


@dataclass(frozen=True)
class NavItem:
    route: str
    label_key: str
    icon: str  # a lucide icon name


# The order a phone's bottom bar and a tablet's side rail show.
NAVIGATION: tuple[NavItem, ...] = (
    NavItem(HOME, "nav.home", "house"),
    NavItem(HELP, "nav.help", "life-buoy"),
    NavItem(SETTINGS, "nav.settings", "settings"),
)
