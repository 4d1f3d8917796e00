"""The app's own log lines reach the console even after migrations ran."""

import logging

from uglymugs_app.runtime.startup import REFLEX_STATE_LOGGER, hide_tab_tokens, show_app_logs
from uglymugs_app.services.maintenance.migrations import upgrade_to_head


def test_push_counts_are_shown_after_alembic_configured_logging(tmp_path, capfd):
    upgrade_to_head(f"sqlite:///{tmp_path / 'app.db'}")  # leaves the root logger at WARNING
    app_log = logging.getLogger("uglymugs")
    saved = (list(app_log.handlers), app_log.level, app_log.propagate)
    app_log.handlers.clear()
    try:
        show_app_logs()
        show_app_logs()  # a second start in the same process adds no second handler
        logging.getLogger("uglymugs.push").info("push sender stopped: %s", {"delivered": 3})
        logging.getLogger("uglymugs.push").debug("not shown at INFO")
        err = capfd.readouterr().err
        assert err.count("push sender stopped: {'delivered': 3}") == 1
        assert "not shown at INFO" not in err
    finally:
        app_log.handlers[:], app_log.level, app_log.propagate = saved


def test_reflex_slow_event_warnings_keep_no_tab_token(caplog):
    token = "3f9c2a70-1b1e-4c57-9d0e-5a7c2b1e0d44"
    hide_tab_tokens()
    hide_tab_tokens()  # once per worker start; a second call adds nothing
    with caplog.at_level(logging.WARNING, logger=REFLEX_STATE_LOGGER):
        logging.getLogger(REFLEX_STATE_LOGGER).warning(
            f"Lock for token {token}_reflex___state____state.check was held too long "
            "time_taken=1.2s")
    assert len(logging.getLogger(REFLEX_STATE_LOGGER).filters) == 1
    assert token not in caplog.text
    assert "Lock for token (a tab) was held too long time_taken=1.2s" in caplog.text
