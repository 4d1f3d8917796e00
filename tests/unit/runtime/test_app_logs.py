"""The app's own log lines reach the console even after migrations ran."""

import logging

from uglymugs_app.runtime.log_redaction import redact_logs
from uglymugs_app.runtime.startup import show_app_logs
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
    redact_logs()
    redact_logs()  # once per worker start; a second call adds nothing
    with caplog.at_level(logging.WARNING, logger="reflex.istate.manager.redis"):
        logging.getLogger("reflex.istate.manager.redis").warning(
            f"Lock for token {token}_reflex___state____state.check was held too long "
            "time_taken=1.2s"
        )
    assert token not in caplog.text
    assert "Lock for token (a tab)_reflex___state____state.check was held too long" in caplog.text


def test_framework_lines_keep_no_payload_token_or_address(caplog):
    from reflex_base.event import Event

    redact_logs()
    event = Event(
        name="reflex___state____state.page.gone_handler",
        router_data={"client_ip": "192.0.2.7", "token": "tab", "headers": {"a": "b"}},
        payload={"value": "+31 6 1234 5678", "form": {"note": "x, y)"}},
    )
    with caplog.at_level(logging.INFO):
        logging.getLogger("reflex_base.event.processor").error(
            f"Error processing event queue entry for {event} [txid=1]:"
        )
        logging.getLogger("uvicorn.error").info(
            '%s - "WebSocket %s" [accepted]',
            "2001:db8::7:52100",
            "/_event/?EIO=4&transport=websocket&token=0b6f3c1e-7d2a-4e3b-9f1a-2c4d5e6f7a8b",
        )
        logging.getLogger("uglymugs").info("done at 12:30:45 for %d tabs", 3)
    for secret in ("1234 5678", "x, y", "192.0.2.7", "2001:db8", "0b6f3c1e"):
        assert secret not in caplog.text
    assert "Event(handler='reflex___state____state.page.gone_handler'" in caplog.text
    assert '"WebSocket /_event/?EIO=4&transport=websocket&token=…" [accepted]' in caplog.text
    assert "done at 12:30:45 for 3 tabs" in caplog.text
