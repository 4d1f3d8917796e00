"""The production configuration, for real: PostgreSQL, Redis and several workers.

`reflex run --env prod` serves a copy of the app from a scratch folder (so its
build never touches the one the browser-test harness serves), with three
backend workers sharing state through Redis and data through PostgreSQL.
Skipped without the servers (`.ci/run` points at the ones CI machines have).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.browser.conftest import browser, new_context, playwright_driver  # noqa: F401
from tests.conftest import ROOT

DATABASE = os.environ.get("TEST_DATABASE_URL", "")
REDIS = os.environ.get("TEST_REDIS_URL", "")
WORKERS = 3
COPIED = ("uglymugs_app", "assets", "alembic", "alembic.ini", "rxconfig.py", "reflex.lock",
          "pyproject.toml")

needs_servers = pytest.mark.skipif(
    not (DATABASE.startswith("postgresql") and REDIS.startswith("redis")),
    reason="TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL not both set (.ci/run sets them)",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url(name: str) -> str:
    base, _, _ = DATABASE.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def production_database():
    name = f"uglymugs_prod_{uuid.uuid4().hex[:8]}"
    admin = create_engine(_database_url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield _database_url(name)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def production_server(production_database, tmp_path_factory):
    """Base URL of the app served by several workers on PostgreSQL + Redis."""
    folder = tmp_path_factory.mktemp("production")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": production_database,
        "REDIS_URL": REDIS,
        "GRANIAN_WORKERS": str(WORKERS),
        "UGLYMUGS_ENV": "development",
        "UGLYMUGS_INSTANCE_DIR": str(folder / "instance"),
        "UGLYMUGS_DATA_DIR": str(folder / "data"),
        "PYTHONPATH": str(folder),
    }
    bin_dir = Path(sys.executable).parent
    # Secrets and schema once, before the workers start (as the systemd unit does).
    subprocess.run([str(bin_dir / "uglymugs"), "prepare"], cwd=folder, env=env, check=True,
                   capture_output=True)
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [str(bin_dir / "reflex"), "run", "--env", "prod", "--backend-host", "127.0.0.1",
         "--frontend-port", str(port), "--backend-port", str(port)],
        cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, folder / "server.log")
        yield ProductionServer(url=url, process=server, database_url=production_database,
                               instance_dir=folder / "instance")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


class ProductionServer:
    def __init__(self, *, url: str, process: subprocess.Popen, database_url: str,
                 instance_dir: Path):
        self.url = url
        self.process = process
        self.database_url = database_url
        self.instance_dir = instance_dir


def _wait_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=2) as response:
                if response.status == 200:
                    with urllib.request.urlopen(url + "/", timeout=5):
                        return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"server not healthy in time:\n{log.read_text()[-3000:]}")
