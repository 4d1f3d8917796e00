"""Push subscriptions are sealed by field_crypto; rows sealed before still open.

The ``LEGACY_*`` values below were written by the push sealer this scheme
replaced (``SubscriptionSealer``: plain base64, a key derived for push, the
bare column name as associated data), for the field key ``bytes(range(32))``.
An installation upgraded with such rows must go on delivering to them.
"""

import base64
import json

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from sqlmodel import select

from tests.fixtures.installation import make_secrets
from uglymugs_app.models import PushSubscription
from uglymugs_app.services.push.prepare import open_and_encrypt
from uglymugs_app.services.push.subscriptions import (
    find_device,
    replace_endpoint,
    save_subscription,
)
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.field_crypto import (
    PUSH_AUTH,
    PUSH_ENDPOINT,
    PUSH_P256DH,
    FieldCryptoError,
)
from uglymugs_app.settings import Settings

PHONE_KEY = ec.derive_private_key(0x1234567890ABCDEF1234567890ABCDEF, ec.SECP256R1())
AUTH_SECRET = bytes(range(100, 116))
ENDPOINT = "https://push.example.net/wpush/v2/legacy-device"
P256DH = "BPnr5GQUfMEC2SMk0JnZJ8GlDkLVegihFv_sCimBnYxlcLr30SiIkCpqDB1nrdEDEjyFmrab-OlDHJOEkw1Lfu4"
AUTH = "ZGVmZ2hpamtsbW5vcHFycw"
LEGACY_INDEX = "1389d81a4e6386bc9432032074e1d6e34933519c46180874c8b0f6890a1b9ee7"
LEGACY_ENDPOINT = (
    "TWEOEqNaseSX8D9TdKLjHUryf3dItv8vzxFYh3fKSyZJ0HRN82OSBlOu9GMbQy1cAcbPoE1PlESa"
    "HdrgHtrSdOznwAlnTNobq6u0"
)
LEGACY_P256DH = (
    "QM94Y4xpfGzbIHfZII4EIJTjpD1lxRMuJW/Zcr/IorM/HlyTkOEx3JaG8G411AHRaL0QikhUHmMk"
    "ILjtFS7x62qr8IJKfhVqA8ETpC830AWmjzaqU7DYq2c4v50rc0/gQKRiLj/awcACm5kuJ83Y3Kwt"
    "XA=="
)
LEGACY_AUTH = "Ilq+523scra8HPyBLGFQsbM0AHrB51MF/YwSCOVKMvISmWx2NQphQc1hkzh0VkepUBw="


@pytest.fixture
def upgraded():
    """The instance secrets of the installation that wrote the legacy rows."""
    return make_secrets(field_key=bytes(range(32)))


@pytest.fixture
def legacy_row(session):
    row = PushSubscription(
        member_id=1,
        endpoint_index=LEGACY_INDEX,
        endpoint_sealed=LEGACY_ENDPOINT,
        p256dh_sealed=LEGACY_P256DH,
        auth_sealed=LEGACY_AUTH,
        regions=["utrecht"],
    )
    session.add(row)
    session.commit()
    return row


def test_a_legacy_row_is_found_and_its_phone_reads_the_message(session, upgraded, legacy_row):
    assert (
        find_device(session, secrets=upgraded, member_id=1, endpoint=ENDPOINT).id == legacy_row.id
    )
    payload = json.dumps({"title": "Ugly Mugs", "url": "/warning?id=1"})
    [(endpoint, body)] = open_and_encrypt(
        upgraded.field_key, [(payload, LEGACY_ENDPOINT, LEGACY_P256DH, LEGACY_AUTH)]
    )
    assert endpoint == ENDPOINT
    readable = http_ece.decrypt(
        body, private_key=PHONE_KEY, auth_secret=AUTH_SECRET, version="aes128gcm"
    )
    assert json.loads(readable) == json.loads(payload)


def test_a_legacy_row_moves_to_its_new_endpoint_and_is_resealed(session, upgraded, legacy_row):
    settings = Settings(push_endpoint_hosts=["push.example.net"])
    new_endpoint = ENDPOINT.replace("legacy-device", "renewed")
    assert replace_endpoint(
        session,
        secrets=upgraded,
        old_endpoint=ENDPOINT,
        old_auth=AUTH,
        endpoint=new_endpoint,
        p256dh=P256DH,
        auth=AUTH,
        settings=settings,
    )
    session.commit()
    row = session.exec(select(PushSubscription)).one()
    prefix = f"v1:{field_crypto.field_key_id(upgraded)}:"
    assert all(
        sealed.startswith(prefix)
        for sealed in (row.endpoint_sealed, row.p256dh_sealed, row.auth_sealed)
    )
    assert (
        field_crypto.decrypt(secrets=upgraded, field=PUSH_ENDPOINT, token=row.endpoint_sealed)
        == new_endpoint
    )


def test_new_rows_use_the_field_crypto_format(session, upgraded):
    settings = Settings(push_endpoint_hosts=["push.example.net"])
    save_subscription(
        session,
        secrets=upgraded,
        member_id=2,
        endpoint=ENDPOINT,
        p256dh=P256DH,
        auth=AUTH,
        language="nl",
        regions=["utrecht"],
        settings=settings,
    )
    row = session.exec(select(PushSubscription)).one()
    assert row.endpoint_index == LEGACY_INDEX  # the same keyed hash: old rows stay findable
    opened = {
        field: field_crypto.decrypt(secrets=upgraded, field=field, token=token)
        for field, token in (
            (PUSH_ENDPOINT, row.endpoint_sealed),
            (PUSH_P256DH, row.p256dh_sealed),
            (PUSH_AUTH, row.auth_sealed),
        )
    }
    assert opened == {PUSH_ENDPOINT: ENDPOINT, PUSH_P256DH: P256DH, PUSH_AUTH: AUTH}
    assert all(
        token.startswith("v1:")
        for token in (row.endpoint_sealed, row.p256dh_sealed, row.auth_sealed)
    )


def test_legacy_values_stay_bound_to_their_key_and_column(upgraded):
    with pytest.raises(FieldCryptoError):  # a key value copied into the endpoint column
        field_crypto.decrypt(secrets=upgraded, field=PUSH_ENDPOINT, token=LEGACY_AUTH)
    with pytest.raises(FieldCryptoError):  # another installation's key
        field_crypto.decrypt(secrets=make_secrets(), field=PUSH_AUTH, token=LEGACY_AUTH)
    tampered = base64.b64decode(LEGACY_AUTH)
    tampered = base64.b64encode(tampered[:-1] + bytes([tampered[-1] ^ 1])).decode()
    with pytest.raises(FieldCryptoError):
        field_crypto.decrypt(secrets=upgraded, field=PUSH_AUTH, token=tampered)
    with pytest.raises(FieldCryptoError):  # only push columns ever had the old format
        field_crypto.decrypt(secrets=upgraded, field="report.narrative", token=LEGACY_AUTH)
