"""Route constants and the navigation they form."""

from dataclasses import dataclass

HOME = "/"
SETTINGS = "/settings"
HELP = "/help"
NOT_FOUND = "/404"
REGISTER = "/register"
LOGIN = "/login"
RESET = "/reset"
STATUS = "/status"
ACCOUNT = "/account"
TWO_FACTOR = "/two-factor"
MODERATE_VERIFICATIONS = "/moderate/verifications"
ADMIN_PEOPLE = "/admin/people"
SETUP = "/setup"

ANONYMOUS = ""  # the role of a visitor who is not signed in
EVERYONE = ("", "applicant", "member", "outreach", "moderator", "admin")
VERIFIED = ("member", "outreach", "moderator", "admin")
STAFF = ("moderator", "admin")
# The pages an applicant may see until she is verified (help and device
# settings hold nothing about members).
APPLICANT_PAGES = (STATUS, HELP, SETTINGS, LOGIN)


@dataclass(frozen=True)
class NavItem:
    route: str
    label_key: str
    icon: str  # a lucide icon name
    roles: tuple[str, ...] = EVERYONE  # shown only to these roles ("" = anonymous)


# The order a phone's bottom bar and a tablet's side rail show.
NAVIGATION: tuple[NavItem, ...] = (
    NavItem(HOME, "nav.home", "house", ("", *VERIFIED)),
    NavItem(STATUS, "nav.status", "hourglass", ("applicant",)),
    NavItem(MODERATE_VERIFICATIONS, "nav.verifications", "badge-check", STAFF),
    NavItem(ADMIN_PEOPLE, "nav.people", "users", ("admin",)),
    NavItem(ACCOUNT, "nav.account", "user", VERIFIED),
    NavItem(LOGIN, "nav.login", "log-in", (ANONYMOUS,)),
    NavItem(HELP, "nav.help", "life-buoy"),
    NavItem(SETTINGS, "nav.settings", "settings"),
)
