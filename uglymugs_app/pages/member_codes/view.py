"""Rare actions for members, on their own page rather than under the queue:
a reset code for a member who forgot her password."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, notice_box, page_title, submit
from uglymugs_app.pages.member_codes.state import MemberCodesState


@shell_page(routes.MEMBER_CODES, on_load=[MemberCodesState.load])
def member_codes_page() -> rx.Component:
    return rx.vstack(
        page_title("codes.title"),
        rx.link(
            tr("codes.back"),
            href=routes.MODERATE_VERIFICATIONS,
            id="back-to-queue",
            style={"min-height": "44px", "display": "inline-flex", "align-items": "center"},
        ),
        rx.card(
            rx.vstack(
                rx.heading(tr("reset.issue.title"), size="4", as_="h2"),
                rx.text(tr("codes.reset.body"), size="2"),
                error_box(MemberCodesState.error, "codes-error"),
                rx.form(
                    rx.vstack(
                        field("account.working_name", "working_name", id="reset-for-name"),
                        submit("reset.issue.submit", "reset-issue"),
                        width="100%",
                    ),
                    on_submit=MemberCodesState.issue_reset_code,
                    width="100%",
                ),
                notice_box(MemberCodesState.reset_code, "reset-code"),
                width="100%",
            ),
            width="100%",
        ),
        spacing="4",
        width="100%",
    )
