"""Instance secrets: made once, private, never replaced; production refuses to invent."""

import json
import stat

import pytest

from uglymugs_app.services.security.instance_secrets import (
    SECRETS_FILE,
    MissingSecretsError,
    ensure_secrets,
)


def test_first_start_generates_private_secrets(tmp_path):
    folder = tmp_path / "instance"
    secrets = ensure_secrets(folder, allow_generate=True)
    path = folder / SECRETS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert len(secrets.session_key) == 32
    assert len(secrets.index_key) == 32
    assert len(secrets.field_key) == 32
    assert len({secrets.session_key, secrets.index_key, secrets.field_key}) == 3
    # An uncompressed P-256 point, base64url without padding: 65 bytes -> 87 chars.
    assert len(secrets.vapid_public_key) == 87


def test_secrets_are_never_regenerated(tmp_path):
    first = ensure_secrets(tmp_path, allow_generate=True)
    second = ensure_secrets(tmp_path, allow_generate=True)
    assert first == second


def test_a_missing_secret_is_added_without_touching_the_others(tmp_path):
    first = ensure_secrets(tmp_path, allow_generate=True)
    stored = json.loads((tmp_path / SECRETS_FILE).read_text())
    del stored["vapid_private_pem"]
    (tmp_path / SECRETS_FILE).write_text(json.dumps(stored))
    second = ensure_secrets(tmp_path, allow_generate=True)
    assert second.index_key == first.index_key
    assert second.vapid_private_pem != first.vapid_private_pem


def test_production_refuses_to_start_without_secrets(tmp_path):
    with pytest.raises(MissingSecretsError):
        ensure_secrets(tmp_path / "empty", allow_generate=False)
    assert not (tmp_path / "empty" / SECRETS_FILE).exists()


def test_production_starts_with_complete_secrets(tmp_path):
    made = ensure_secrets(tmp_path, allow_generate=True)
    assert ensure_secrets(tmp_path, allow_generate=False) == made
