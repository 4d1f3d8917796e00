"""Accessibility checks in the browser: axe-core, the pages the app registers,
the role each page is meant for, and our own touch-target rule."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page

from tests.actors import acting
from tests.browser.membership_helpers import log_in, register, seed, unique
from tests.browser.support import wait_until_connected
from tests.paths import ROOT
from uglymugs_app import routes

AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING_IMPACTS = ("serious", "critical")
# Who looks at a page: the first of these its navigation item allows.
ROLE_PREFERENCE = ("", "member", "applicant", "moderator", "admin")
ROLES = ROLE_PREFERENCE
# Pages worth a second look as another role (they render differently).
EXTRA_VISITS = {"member": (routes.HOME, routes.MENU), "moderator": (routes.MENU,)}
_PARAMETER = re.compile(r"\[([a-z_]+)\]")


def registered_routes(harness) -> list[str]:
    """Every page route the served app registered (new pages are found here too)."""
    app = harness.app_instance
    found = {kwargs["route"] for _, kwargs in app._registration_context.decorated_pages}
    # Pages added with app.add_page() instead of @rx.page.
    found |= {"/" if key == "index" else "/" + key.lstrip("/") for key in app._unevaluated_pages}
    return sorted(found)


def role_for(route: str) -> str:
    """Its navigation item's role, else that of the item it sits under
    (``/my-reports/police`` under ``/my-reports``), else anyone's."""
    parents = [
        item
        for item in routes.NAVIGATION
        if item.route == route
        or route.startswith(item.route.rstrip("/") + "/")
        and item.route != routes.HOME
    ]
    item = max(parents, key=lambda item: len(item.route), default=None)
    allowed = item.roles if item else routes.EVERYONE
    return next(role for role in ROLE_PREFERENCE if role in allowed)


def pages_for(role: str, all_routes: list[str]) -> list[str]:
    mine = [route for route in all_routes if role_for(route) == role]
    return mine + [route for route in EXTRA_VISITS.get(role, ()) if route in all_routes]


def sign_in(page: Page, app_url: str, role: str) -> None:
    """Sign in as a fresh account of ``role`` (staff with TOTP, as in production)."""
    if role == "":
        return
    if role == "applicant":
        register(page, app_url, unique("Applicant"), evidence="https://ads.example/a11y")
    else:
        name, secret = seed(role, totp=role in ("moderator", "admin"))
        log_in(page, app_url, name, totp_secret=secret)
    page.wait_for_url(lambda url: "/login" not in url and "/register" not in url)
    wait_until_connected(page)


def concrete(route: str) -> str:
    """A dynamic route with seeded ids in place of its ``[parameters]``."""

    def fill(match: re.Match) -> str:
        seeder = SEEDERS.get(match.group(1))
        if seeder is None:
            pytest.fail(f"{route}: add a seeder for [{match.group(1)}] to SEEDERS")
        return str(seeder())

    return _PARAMETER.sub(fill, route)


def _seed_warning() -> int:
    """A published warning in the served app's database."""
    from tests.fixtures.reports import submission
    from uglymugs_app.models.membership import Member
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.submission import submit_report
    from uglymugs_app.services.security.instance_secrets import current_secrets
    from uglymugs_app.services.warnings.publishing import WarningDraft, publish_warning
    from uglymugs_app.settings import get_settings

    secrets = current_secrets()
    reporter, moderator = seed("member")[0], seed("moderator")[0]
    with session_scope() as session:
        ids = {
            member.working_name: member.id
            for member in session.query(Member).filter(
                Member.working_name.in_([reporter, moderator])
            )
        }
        report = submit_report(
            session,
            secrets=secrets,
            reporter_id=ids[reporter],
            submission=submission(incident_date=date.today()),
        )
        warning = publish_warning(
            session,
            secrets=secrets,
            settings=get_settings(),
            actor=acting(ids[moderator]),
            report_id=report.id,
            draft=WarningDraft(
                summary="Hit a worker in a hotel. Do not meet alone.", severity="high"
            ),
        )
        return warning.id


SEEDERS = {"warning_id": _seed_warning}


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical axe-core violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ") + " :: "
                                               + (n.failureSummary || "").slice(0, 160))}));
        }""",
        AXE_TAGS,
    )
    return [violation for violation in found if violation["impact"] in FAILING_IMPACTS]


# WCAG 2.5.5 (AAA) asks 44 px; we promise it for every control she taps. Links
# inside running text are exempt, as WCAG exempts them; a checkbox counts with
# the label around it.
SMALL_TARGETS_JS = """() => {
  const small = [];
  const controls = document.querySelectorAll(
    'a[href], button, select, input:not([type=hidden]), textarea, [role=switch], [role=tab]');
  for (const el of controls) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest('[hidden], .skip-link')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    if (el.tagName === 'A' && style.display === 'inline' && el.closest('p')) continue;
    const label = el.closest('label');
    const target = label ? label.getBoundingClientRect() : box;
    if (Math.round(target.height) < 44 || Math.round(target.width) < 44) {
      small.push((el.id ? '#' + el.id : el.tagName.toLowerCase())
                 + ' ' + Math.round(target.width) + 'x' + Math.round(target.height));
    }
  }
  return small;
}"""


def small_touch_targets(page: Page) -> list[str]:
    return page.evaluate(SMALL_TARGETS_JS)
