"""The service worker's resubscribe route, through HTTP."""

from __future__ import annotations

import pytest
from sqlmodel import Session, SQLModel
from starlette.testclient import TestClient

from tests.fixtures.app import run_async
from uglymugs_app.runtime import push_api
from uglymugs_app.runtime.api import make_api
from uglymugs_app.services import database
from uglymugs_app.services.push.subscriptions import find_device
from uglymugs_app.services.security.instance_secrets import ensure_secrets
from uglymugs_app.settings import get_settings

from .conftest import subscribe


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'api.db'}")
    monkeypatch.setenv("UGLYMUGS_INSTANCE_DIR", str(tmp_path / "instance"))
    monkeypatch.setenv("UGLYMUGS_PUSH_ENDPOINT_HOSTS", '["127.0.0.1"]')
    monkeypatch.setenv("UGLYMUGS_PUSH_ALLOW_HTTP", "true")
    caches = (get_settings, database.get_engine, push_api._secrets)
    for cached in caches:
        cached.cache_clear()
    SQLModel.metadata.create_all(database.get_engine())
    yield get_settings()
    database.get_engine().dispose()
    for cached in caches:
        cached.cache_clear()


def test_resubscribe_moves_the_subscription_only_with_the_old_auth_secret(app_env, push_service):
    secrets = ensure_secrets(app_env.instance_dir, allow_generate=True)
    engine = database.get_engine()
    with Session(engine) as session:
        old, sub_id = subscribe(
            session, service=push_service, secrets=secrets, settings=app_env, name="old"
        )
        session.commit()
    new = push_service.new_device("new")
    body = {
        "old_endpoint": old.endpoint,
        "old_auth": new.auth,
        "subscription": {
            "endpoint": new.endpoint,
            "keys": {"p256dh": new.p256dh, "auth": new.auth},
        },
    }
    client = TestClient(make_api())
    assert client.post("/api/push/resubscribe", json=body).status_code == 403
    assert client.post("/api/push/resubscribe", content=b"{").status_code == 400
    body["old_auth"] = old.auth
    assert client.post("/api/push/resubscribe", json=body).status_code == 204
    with Session(engine) as session:
        moved = find_device(session, secrets=secrets, member_id=1, endpoint=new.endpoint)
        assert moved is not None and moved.id == sub_id
    key = client.get("/api/push/key").json()["key"]
    assert key == ensure_secrets(app_env.instance_dir, allow_generate=False).vapid_public_key


def test_lifespan_task_delivers_and_stops_on_shutdown(app_env, push_service):
    import asyncio

    from uglymugs_app.runtime.push_worker import push_sender_lifespan
    from uglymugs_app.services.push.outbox import enqueue_for_warning
    from uglymugs_app.services.push.sender import wake_push_senders

    secrets = ensure_secrets(app_env.instance_dir, allow_generate=True)
    with Session(database.get_engine()) as session:
        subscribe(session, service=push_service, secrets=secrets, settings=app_env, name="p")
        session.commit()

    async def serve_briefly() -> None:
        async with push_sender_lifespan():
            with Session(database.get_engine()) as session:
                enqueue_for_warning(session, warning_id=3, severity="low", regions=["utrecht"])
                session.commit()
            wake_push_senders()
            for _ in range(200):
                if push_service.received:
                    break
                await asyncio.sleep(0.02)

    run_async(serve_briefly())
    assert [item.payload["url"] for item in push_service.received] == ["/warning?id=3"]
