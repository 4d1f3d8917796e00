"""Installable app: manifest, service worker, offline page, discreet variant."""

import json

from playwright.sync_api import expect

from tests.browser.support import wait_until_connected


def test_manifest_is_linked_and_served_with_its_media_type(phone, app_url):
    phone.goto(app_url + "/")
    wait_until_connected(phone)
    expect(phone.locator("link[rel=manifest]")).to_have_count(1)
    href = phone.locator("link[rel=manifest]").get_attribute("href")
    assert href == "/manifest.webmanifest"
    response = phone.request.get(app_url + href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = json.loads(response.text())
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert phone.request.get(app_url + icon["src"]).status == 200
    assert phone.locator("link[rel=apple-touch-icon]").count() == 1


def _wait_for_controlling_worker(page):
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.ready")
    page.evaluate("() => navigator.serviceWorker.ready")
    if not page.evaluate("() => !!navigator.serviceWorker.controller"):
        page.reload()
    page.wait_for_function("() => !!navigator.serviceWorker.controller")


def test_service_worker_controls_the_page_and_offline_reload_shows_offline_page(
    new_context, app_url
):
    context = new_context()
    page = context.new_page()
    page.goto(app_url + "/")
    wait_until_connected(page)
    _wait_for_controlling_worker(page)
    script = page.evaluate("() => navigator.serviceWorker.controller.scriptURL")
    assert script.endswith("/sw.js")

    context.set_offline(True)
    page.reload()
    expect(page.locator("#offline")).to_be_visible()
    expect(page.locator("h1")).to_have_text("You are offline")
    # Even offline there is a way out.
    expect(page.locator("[data-quick-exit]")).to_be_visible()
    context.set_offline(False)


def test_service_worker_never_stores_app_data(new_context, app_url):
    context = new_context()
    page = context.new_page()
    page.goto(app_url + "/settings")
    wait_until_connected(page)
    _wait_for_controlling_worker(page)
    page.goto(app_url + "/help")
    wait_until_connected(page)
    cached = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
            }
            return urls;
        }"""
    )
    assert "/offline.html" in cached
    assert not [url for url in cached if url.startswith(("/_event", "/api", "/help", "/settings"))]


def test_chromium_reports_the_app_installable(profile_page, app_url):
    phone = profile_page
    phone.goto(app_url + "/")
    wait_until_connected(phone)
    _wait_for_controlling_worker(phone)
    session = phone.context.new_cdp_session(phone)
    result = session.send("Page.getInstallabilityErrors")
    assert result["installabilityErrors"] == []
    manifest = session.send("Page.getAppManifest")
    assert not manifest.get("errors")


def test_discreet_variant_swaps_name_and_icon(phone, app_url):
    phone.goto(app_url + "/settings")
    wait_until_connected(phone)
    phone.locator("#discreet-switch").click()
    expect(phone.locator("link[rel=manifest]")).to_have_attribute(
        "href", "/manifest-discreet.webmanifest"
    )
    phone.reload()
    wait_until_connected(phone)
    expect(phone.locator("link[rel=manifest]")).to_have_count(1)
    expect(phone.locator("link[rel=manifest]")).to_have_attribute(
        "href", "/manifest-discreet.webmanifest"
    )
    expect(phone.locator("meta[name=apple-mobile-web-app-title]")).to_have_attribute(
        "content", "Notes"
    )
    name = json.loads(phone.request.get(app_url + "/manifest-discreet.webmanifest").text())["name"]
    assert name == "Notes"
