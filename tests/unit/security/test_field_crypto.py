import base64

import pytest

from tests.fixtures.installation import make_secrets
from uglymugs_app.services.identifiers.normalisation import normalise
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.field_crypto import FieldCryptoError

PHONE = normalise(kind="phone", raw="06-12345678")


def test_blind_index_is_stable_and_keyed(secrets):
    first = field_crypto.blind_index(secrets=secrets, identifier=PHONE)
    again = field_crypto.blind_index(
        secrets=secrets, identifier=normalise(kind="phone", raw="+31 6 1234 5678")
    )
    other_key = field_crypto.blind_index(secrets=make_secrets(), identifier=PHONE)
    assert first == again
    assert first[0] == "1" and len(first[1]) == 64
    assert other_key[1] != first[1]


def test_kind_is_part_of_the_index(secrets):
    plate = normalise(kind="plate", raw="ABC123")
    handle = normalise(kind="handle", raw="abc123", platform="other")
    assert (
        field_crypto.blind_index(secrets=secrets, identifier=plate)[1]
        != field_crypto.blind_index(secrets=secrets, identifier=handle)[1]
    )


def test_rotation_computes_every_key_id(secrets):
    rotated = make_secrets(
        index_keys={**secrets.index_keys, "2": b"k" * 32},
        index_key_id="2",
        field_key=secrets.field_key,
    )
    old = field_crypto.blind_index(secrets=secrets, identifier=PHONE)
    current = field_crypto.blind_index(secrets=rotated, identifier=PHONE)
    assert current[0] == "2"
    assert set(field_crypto.blind_indexes(secrets=rotated, identifier=PHONE)) == {old, current}


def test_round_trip_with_random_nonce(secrets):
    one = field_crypto.encrypt(secrets=secrets, field="report.narrative", plaintext="hij sloeg")
    two = field_crypto.encrypt(secrets=secrets, field="report.narrative", plaintext="hij sloeg")
    assert one != two
    assert one.startswith(f"v1:{field_crypto.field_key_id(secrets)}:")
    assert field_crypto.decrypt(secrets=secrets, field="report.narrative", token=one) == "hij sloeg"


def test_tampering_is_detected(secrets):
    token = field_crypto.encrypt(secrets=secrets, field="report.narrative", plaintext="secret")
    prefix, payload = token.rsplit(":", 1)
    raw = bytearray(base64.urlsafe_b64decode(payload))
    raw[14] ^= 0x01  # a bit of the ciphertext, after the 12-byte nonce
    flipped = base64.urlsafe_b64encode(bytes(raw)).decode()
    with pytest.raises(FieldCryptoError):
        field_crypto.decrypt(secrets=secrets, field="report.narrative", token=f"{prefix}:{flipped}")


def test_ciphertext_moved_to_another_field_does_not_open(secrets):
    token = field_crypto.encrypt(secrets=secrets, field="report.narrative", plaintext="secret")
    with pytest.raises(FieldCryptoError):
        field_crypto.decrypt(secrets=secrets, field="report_message.body", token=token)


def test_other_key_or_garbage_is_refused(secrets):
    token = field_crypto.encrypt(secrets=secrets, field="f", plaintext="x")
    with pytest.raises(FieldCryptoError):
        field_crypto.decrypt(secrets=make_secrets(), field="f", token=token)
    with pytest.raises(FieldCryptoError):
        field_crypto.decrypt(secrets=secrets, field="f", token="plain text")
