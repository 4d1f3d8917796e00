"""Start-up: the production settings refuse to run on a half-made installation."""

import pytest
from starlette.testclient import TestClient

from uglymugs_app.runtime.api import make_api
from uglymugs_app.runtime.startup import prepare_installation
from uglymugs_app.services.database import get_engine
from uglymugs_app.services.security.instance_secrets import MissingSecretsError
from uglymugs_app.settings import get_settings


@pytest.fixture
def installation(tmp_path, monkeypatch):
    def configure(env: str):
        monkeypatch.setenv("UGLYMUGS_ENV", env)
        monkeypatch.setenv("UGLYMUGS_INSTANCE_DIR", str(tmp_path / "instance"))
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
        get_settings.cache_clear()
        get_engine.cache_clear()

    yield configure
    get_settings.cache_clear()
    get_engine.cache_clear()


def test_production_without_secrets_refuses_to_start(installation):
    installation("production")
    with pytest.raises(MissingSecretsError):
        prepare_installation()


def test_development_prepares_secrets_and_schema(installation):
    installation("development")
    prepare_installation()
    client = TestClient(make_api())
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "schema_current": True}
    assert response.headers["cache-control"] == "no-store"


def test_health_says_unavailable_before_migration(installation):
    installation("production")
    response = TestClient(make_api()).get("/api/health")
    assert response.status_code == 503
    assert response.json()["schema_current"] is False


def test_production_with_secrets_but_old_schema_refuses(installation, tmp_path):
    from uglymugs_app.services.security.instance_secrets import ensure_secrets

    installation("production")
    ensure_secrets(tmp_path / "instance", allow_generate=True)
    with pytest.raises(RuntimeError, match="migrate"):
        prepare_installation()
