"""Preferences from the notifications form, and a malformed subscription refused."""

from datetime import time

import pytest

from uglymugs_app.services.actors import Actor
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.push.device_settings import checked_preferences, subscribe_device

# What the regions' directory offers a member (a test of the rules needs no database).
CHOICES = ("whole-country", "limburg", "utrecht")


def test_preferences_in_the_regions_order_with_quiet_hours():
    preferences = checked_preferences(
        regions=["utrecht", "limburg"],
        min_severity="medium",
        quiet_start="23:00",
        quiet_end="07:00",
        choices=CHOICES,
    )
    assert preferences.regions == ["limburg", "utrecht"]
    assert (preferences.quiet_start, preferences.quiet_end) == (time(23), time(7))


@pytest.mark.parametrize(
    ("regions", "severity", "start", "end", "key"),
    [
        ([], "low", "", "", "notify.regions.invalid"),
        (["atlantis"], "low", "", "", "notify.regions.invalid"),
        (["utrecht"], "extreme", "", "", "notify.severity.invalid"),
        (["utrecht"], "low", "23:00", "", "notify.quiet.invalid"),
        (["utrecht"], "low", "07:00", "07:00", "notify.quiet.invalid"),
        (["utrecht"], "low", "25:99", "07:00", "notify.quiet.invalid"),
    ],
)
def test_bad_preferences_are_refused(regions, severity, start, end, key):
    with pytest.raises(InvalidInput) as refused:
        checked_preferences(
            regions=regions,
            min_severity=severity,
            quiet_start=start,
            quiet_end=end,
            choices=CHOICES,
        )
    assert refused.value.key == key


@pytest.mark.parametrize(
    "subscription",
    [
        {},
        {"endpoint": "https://fcm.googleapis.com/x"},
        {"endpoint": "https://evil.example/x", "keys": {"p256dh": "a", "auth": "b"}},
        "not a dict",
    ],
)
def test_malformed_subscription_is_refused(session, secrets, subscription):
    actor = Actor(member_id=1, role="member", working_name="Roxy", language="en")
    with pytest.raises(InvalidInput, match="notify.subscription.invalid"):
        subscribe_device(
            session,
            secrets=secrets,
            actor=actor,
            subscription=subscription,
            label="",
            language="en",
            preferences=checked_preferences(
                regions=["utrecht"],
                min_severity="low",
                quiet_start="",
                quiet_end="",
                choices=CHOICES,
            ),
        )
