"""The app's own log lines reach the console even after migrations ran."""

import logging

from uglymugs_app.services.migrations import upgrade_to_head
from uglymugs_app.startup import show_app_logs


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
