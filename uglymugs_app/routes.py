"""Route constants and the navigation they form."""

from dataclasses import dataclass

from uglymugs_app.models import Role
from uglymugs_app.services.actors import STAFF, VERIFIED

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
MEMBER_CODES = "/moderate/member-codes"  # rare actions: reset codes
ADMIN_PEOPLE = "/admin/people"
SETUP = "/setup"
MENU = "/menu"
# Members (issue: warnings feed, check, push)
FEED = "/feed"
# One warning, as a notification opens it: a page served drawn (the shell and
# quick exit paint before the app loads), the warning's id in the query.
WARNING = "/warning"
# The same page at the address notifications carried before (a dynamic route,
# drawn only once the app has loaded); still answered for old notifications.
WARNING_BY_PATH = "/warnings/[warning_id]"
CHECK = "/check"
NOTIFICATIONS = "/notifications"
# Reports and moderation
REPORT = "/report"
MY_REPORTS = "/my-reports"
MODERATE = "/moderate"
AUDIT = "/admin/audit"
# Police support, help and statistics
HELP_POLICE = "/help/police"
HELP_SAFETY = "/help/safety"
POLICE_REQUESTS = "/moderate/police"
STATISTICS = "/moderate/statistics"
ADMIN_CONTACTS = "/admin/contacts"
# Who is on call for urgent requests (issue 16).
ADMIN_ON_CALL = "/admin/on-call"
ADMIN_REGIONS = "/admin/regions"
# What is stored, for how long, who sees it (linked from registration and the menu).
PRIVACY = "/privacy"
# Her consent for police support, per report (embedded in "my reports" too).
MY_POLICE_CONSENT = "/my-reports/police"
# Someone who believes he is wrongly listed (public), and the moderators' queue of them.
OBJECTION = "/objection"
OBJECTIONS = "/moderate/objections"


def warning_url(warning_id: int) -> str:
    """A warning's page (what notifications and e-mails link to)."""
    return f"{WARNING}?id={int(warning_id)}"


ANONYMOUS = ""  # the role of a visitor who is not signed in
EVERYONE = (ANONYMOUS, *Role)
# The pages an applicant may see until she is verified (help and device
# settings hold nothing about members).
APPLICANT_PAGES = (STATUS, HELP, SETTINGS, LOGIN, MENU, HELP_POLICE, HELP_SAFETY, PRIVACY)


@dataclass(frozen=True)
class NavItem:
    route: str
    label_key: str
    icon: str  # a lucide icon name
    roles: tuple[str, ...] = EVERYONE  # shown only to these roles ("" = anonymous)
    # On a phone's bottom bar (at most four per role; the rest are under "More").
    primary: bool = False


# The order a phone's bottom bar and a tablet's side rail show.
NAVIGATION: tuple[NavItem, ...] = (
    NavItem(HOME, "nav.home", "house", (ANONYMOUS,), primary=True),
    NavItem(FEED, "nav.feed", "bell", (Role.MEMBER, Role.OUTREACH), primary=True),
    NavItem(CHECK, "nav.check", "search", (Role.MEMBER, Role.OUTREACH), primary=True),
    NavItem(REPORT, "nav.report", "triangle-alert", (Role.MEMBER, Role.OUTREACH), primary=True),
    NavItem(MY_REPORTS, "nav.my_reports", "messages-square", (Role.MEMBER, Role.OUTREACH)),
    NavItem(STATUS, "nav.status", "hourglass", (Role.APPLICANT,), primary=True),
    NavItem(MODERATE, "nav.moderate", "inbox", STAFF, primary=True),
    NavItem(MODERATE_VERIFICATIONS, "nav.verifications", "badge-check", STAFF, primary=True),
    NavItem(MEMBER_CODES, "nav.member_codes", "key-round", STAFF),
    NavItem(POLICE_REQUESTS, "nav.police_requests", "shield", STAFF),
    NavItem(OBJECTIONS, "nav.objections", "scale", STAFF),
    NavItem(STATISTICS, "nav.statistics", "chart-column", STAFF, primary=True),
    NavItem(ADMIN_PEOPLE, "nav.people", "users", (Role.ADMIN,)),
    NavItem(AUDIT, "nav.audit", "scroll-text", (Role.ADMIN,)),
    NavItem(ADMIN_CONTACTS, "nav.contacts", "phone", (Role.ADMIN,)),
    NavItem(ADMIN_ON_CALL, "nav.on_call", "calendar-clock", (Role.ADMIN,)),
    NavItem(ADMIN_REGIONS, "nav.regions", "map", (Role.ADMIN,)),
    NavItem(NOTIFICATIONS, "nav.notifications", "bell-ring", VERIFIED),
    NavItem(ACCOUNT, "nav.account", "user", VERIFIED),
    NavItem(LOGIN, "nav.login", "log-in", (ANONYMOUS,), primary=True),
    NavItem(HELP, "nav.help", "life-buoy", primary=True),
    NavItem(SETTINGS, "nav.settings", "settings"),
    NavItem(PRIVACY, "nav.privacy", "lock"),
)
# The phone's last bottom-bar item: every other item, on one page.
MORE = NavItem(MENU, "nav.more", "menu")
