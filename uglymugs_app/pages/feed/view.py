"""The warnings feed and one warning: verified members only."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import page_title
from uglymugs_app.components.warning_card import warning_card
from uglymugs_app.pages.feed.state import FeedState, WarningPageState


def _scope_switch() -> rx.Component:
    # The whole line is the tap target: the switch alone is smaller than 44 px.
    return rx.el.label(
        rx.switch(
            checked=FeedState.whole_country,
            on_change=FeedState.show_whole_country,
            id="whole-country",
            size="3",
        ),
        tr("feed.whole_country"),
        style={
            "display": "flex",
            "align-items": "center",
            "gap": "0.75rem",
            "min-height": "44px",
            "cursor": "pointer",
        },
    )


@shell_page(routes.FEED, on_load=[FeedState.load])
def feed_page() -> rx.Component:
    return rx.vstack(
        page_title("feed.title"),
        rx.flex(
            _scope_switch(),
            rx.cond(
                FeedState.unread > 0,
                rx.button(
                    tr("feed.mark_all_read"),
                    on_click=FeedState.mark_all_read,
                    variant="outline",
                    size="3",
                    id="mark-all-read",
                ),
                rx.fragment(),
            ),
            justify="between",
            align="center",
            wrap="wrap",
            gap="2",
            width="100%",
        ),
        rx.text(tr("feed.live"), size="1", color=rx.color("gray", 11)),
        rx.el.div(
            rx.foreach(FeedState.cards, warning_card),
            id="feed",
            aria_label=tr("feed.title"),
            aria_busy=rx.cond(FeedState.loaded, "false", "true"),
            custom_attrs={"data-unread": FeedState.unread},
            style={
                "display": "flex",
                "flex-direction": "column",
                "gap": "0.75rem",
                "width": "100%",
            },
        ),
        rx.cond(
            FeedState.loaded & (FeedState.cards.length() == 0),
            rx.text(tr("feed.empty"), id="feed-empty"),
            rx.fragment(),
        ),
        spacing="3",
        width="100%",
    )


@shell_page(routes.WARNING_BY_PATH, on_load=[WarningPageState.load])
@shell_page(routes.WARNING, on_load=[WarningPageState.load])
def warning_page() -> rx.Component:
    return rx.vstack(
        page_title("feed.warning_title"),
        rx.foreach(WarningPageState.card, lambda card: warning_card(card, full=True)),
        rx.cond(
            WarningPageState.loaded & (WarningPageState.card.length() == 0),
            rx.callout(tr("feed.warning_gone"), icon="info", id="warning-gone", width="100%"),
            rx.fragment(),
        ),
        rx.link(
            tr("feed.warning_back"),
            href=routes.FEED,
            id="back-to-feed",
            style={"min-height": "44px", "display": "inline-flex", "align-items": "center"},
        ),
        spacing="3",
        width="100%",
    )
