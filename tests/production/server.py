"""Serve the app the way production does: `reflex run --env prod`, several workers.

A copy of the tree in a scratch folder is served (so its build never touches
the one the browser-test harness serves), with its own instance secrets, on a
free port of 127.0.0.1. Used by the production tests' fixture and by the
benchmarks in ``bench/``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.paths import ROOT

COPIED = (
    "uglymugs_app",
    "assets",
    "alembic",
    "alembic.ini",
    "rxconfig.py",
    "reflex.lock",
    "frontend/postcss",  # the build's CSS step (uglymugs_app/theme.py)
    "pyproject.toml",
)
# Reflex on a machine without internet (the Makefile exports the same set).
OFFLINE = {
    "REFLEX_USE_SYSTEM_BUN": "1",
    "REFLEX_TELEMETRY_ENABLED": "false",
    "REFLEX_CHECK_LATEST_VERSION": "false",
    "REFLEX_HTTP_CLIENT_BIND_ADDRESS": "0.0.0.0",
}


@dataclass(frozen=True)
class ProductionServer:
    url: str
    process: subprocess.Popen
    database_url: str
    instance_dir: Path
    folder: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sibling_database(url: str, name: str) -> str:
    """The URL of database ``name`` on the same PostgreSQL server as ``url``."""
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


@contextmanager
def scratch_database(server_url: str, prefix: str = "uglymugs_prod") -> Iterator[str]:
    """A fresh PostgreSQL database for one run, dropped afterwards; yields its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(sibling_database(server_url, "postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield sibling_database(server_url, name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def serve(
    *,
    database_url: str,
    redis_url: str,
    workers: int = 3,
    env: dict[str, str] | None = None,
    folder: Path | None = None,
) -> Iterator[ProductionServer]:
    """Prepare (secrets, schema) and serve a copy of the app; stop it on exit.

    ``env`` overrides the server's environment (e.g. rate limits for a bench).
    Without ``folder`` a temporary one is made and removed afterwards.
    """
    with _folder(folder) as where:
        _copy_tree(where)
        port = free_port()
        server_env = {
            **os.environ,
            **OFFLINE,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            # As `make serve` runs it: gunicorn, uvicorn workers on uvloop.
            "REFLEX_USE_GRANIAN": "0",
            "GUNICORN_CMD_ARGS": f"--workers {workers} "
            "--worker-class uvicorn.workers.UvicornWorker",
            "UGLYMUGS_ENV": "development",
            "UGLYMUGS_INSTANCE_DIR": str(where / "instance"),
            "UGLYMUGS_DATA_DIR": str(where / "data"),
            "PYTHONPATH": str(where),
            **(env or {}),
        }
        server_env.setdefault("BUN_INSTALL_CACHE_DIR", str(ROOT / ".cache" / "bun"))
        server_env.setdefault("REFLEX_DIR", str(ROOT / ".cache" / "reflex"))
        bun_bin = ROOT / ".tools" / "node_modules" / ".bin"
        server_env["PATH"] = f"{bun_bin}{os.pathsep}{server_env.get('PATH', '')}"
        bin_dir = Path(sys.executable).parent
        # Secrets and schema once, before the workers start (as the systemd unit does).
        subprocess.run(
            [str(bin_dir / "uglymugs"), "prepare"],
            cwd=where,
            env=server_env,
            check=True,
            capture_output=True,
        )
        log_path = where / "server.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [
                    str(bin_dir / "reflex"),
                    "run",
                    "--env",
                    "prod",
                    "--backend-host",
                    "127.0.0.1",
                    "--frontend-port",
                    str(port),
                    "--backend-port",
                    str(port),
                ],
                cwd=where,
                env=server_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            url = f"http://127.0.0.1:{port}"
            try:
                _wait_healthy(url, process, log_path)
                yield ProductionServer(
                    url=url,
                    process=process,
                    database_url=database_url,
                    instance_dir=where / "instance",
                    folder=where,
                )
            finally:
                _stop(process)


@contextmanager
def _folder(folder: Path | None) -> Iterator[Path]:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix="uglymugs-prod-") as made:
        yield Path(made)


def _copy_tree(folder: Path) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                folder / name,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__"),
            )
        else:
            shutil.copy2(source, folder / name)


def _stop(process: subprocess.Popen) -> None:
    # The whole process group: the CLI, gunicorn and its workers.
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


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
