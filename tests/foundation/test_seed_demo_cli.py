"""`uglymugs seed-demo` on a fresh installation, a used one, and production."""

import pytest

from uglymugs_app.cli import main
from uglymugs_app.services.database import get_engine
from uglymugs_app.settings import get_settings


@pytest.fixture
def installation(tmp_path, monkeypatch):
    def configure(env: str = "development"):
        monkeypatch.setenv("UGLYMUGS_ENV", env)
        monkeypatch.setenv("UGLYMUGS_INSTANCE_DIR", str(tmp_path / "instance"))
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
        get_settings.cache_clear()
        get_engine.cache_clear()

    yield configure
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


def test_empty_installation_then_refuses_the_second_time(installation, capsys):
    installation()
    main(["seed-demo"])
    printed = capsys.readouterr().out
    for name in ("Demo Anna", "Demo Moderator Mo", "Demo Admin Ada", "TOTP secret"):
        assert name in printed
    with pytest.raises(SystemExit, match="already has members"):
        main(["seed-demo"])


def test_refuses_production(installation, tmp_path):
    installation("production")
    with pytest.raises(SystemExit, match="production"):
        main(["seed-demo"])
    assert not (tmp_path / "app.db").exists()
    assert not (tmp_path / "instance").exists()
