"""`uglymugs seed-demo` on a fresh installation, a used one, and production."""

import pytest

from uglymugs_app.cli import main


@pytest.fixture
def installation(tmp_path, app_environment):
    def configure(env: str = "development"):
        app_environment(
            UGLYMUGS_ENV=env,
            UGLYMUGS_INSTANCE_DIR=str(tmp_path / "instance"),
            DATABASE_URL=f"sqlite:///{tmp_path / 'app.db'}",
        )

    return configure


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
