"""What a page receives over the app's socket, frame by frame."""

from __future__ import annotations

# A frame this large carries the interface's catalogue (~60 KB); nothing else
# a page receives comes near it.
CATALOGUE_FRAME = 20_000


def frames_received(page) -> list[int]:
    """The sizes of the frames ``page`` receives from now on (a live list)."""
    sizes: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: sizes.append(len(frame))))
    return sizes


def catalogues(sizes: list[int]) -> int:
    """How many of those frames carried a catalogue."""
    return sum(size >= CATALOGUE_FRAME for size in sizes)


def catalogues_in_romanian(page, base_url: str) -> tuple[int, int, int]:
    """A Romanian phone loads the start page, opens the help page and the start
    page again in the app, then reloads; each step checked to be in Romanian.
    How many catalogues came: (on loading, while opening pages, after the reload)."""
    from playwright.sync_api import expect

    from tests.browser.support import wait_until_connected
    from uglymugs_app.i18n import translate

    def title(key: str) -> None:
        expect(page.locator("#page-title")).to_have_text(translate("ro", key))

    sizes = frames_received(page)
    page.goto(base_url + "/")
    wait_until_connected(page)
    title("home.title")
    on_loading = catalogues(sizes)
    sizes.clear()
    page.locator("#bottom-nav a[href='/help']").click()
    title("help.title")
    expect(page.locator("[data-contact=emergency] a[href^='tel:']")).to_be_visible()
    page.locator("#bottom-nav a[href='/']").click()
    title("home.title")
    page.wait_for_timeout(500)  # the start page's own load has answered
    assert sizes, "opening pages in the app received nothing: the test saw no socket"
    opening_pages = catalogues(sizes)
    sizes.clear()
    page.reload()
    wait_until_connected(page)
    title("home.title")
    expect(page.locator("html")).to_have_attribute("lang", "ro")
    return on_loading, opening_pages, catalogues(sizes)
