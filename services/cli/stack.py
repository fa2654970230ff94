"""``conductor up``: embedded servers, migrations, demo data and every service in one terminal."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from types import FrameType

import asyncpg

from services.cli.accounts import ensure_first_admin
from shared.db.urls import display_url
from shared.demo import seed_demo
from shared.embedded import PARCO_DATABASE, EmbeddedNats, EmbeddedPostgres
from shared.migrations.runner import migrate
from shared.settings import CommonSettings

__all__ = ("Stack", "port_in_use")

logger = logging.getLogger(__name__)

SERVICES = ("scaler", "prober", "api")


class _Child:
    """One service process whose output is copied to ours, each line tagged with its name."""

    def __init__(self, name: str, env: dict[str, str], *args: str) -> None:
        self.name = name
        self.process = subprocess.Popen(  # noqa: S603  # our own interpreter and module
            [sys.executable, "-m", "services.cli", name, *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # we decide when it stops, not the terminal's Ctrl-C
        )
        threading.Thread(target=self._copy_output, daemon=True).start()

    def _copy_output(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            sys.stderr.write(f"{self.name:>9} | {line.decode(errors='replace')}")

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Stack:
    """The whole of Conductor on one machine, stopped by Ctrl-C or SIGTERM."""

    def __init__(self, settings: CommonSettings, *, data_dir: Path, api_port: int, demo: bool):
        self.settings = settings
        self.data_dir = data_dir.resolve()
        self.api_port = api_port
        self.demo = demo
        self._stopping = threading.Event()
        self.first_admin: str | None = None

    def run(self) -> int:
        """Runs until stopped; returns the exit code."""
        with ExitStack() as stack:
            database_url = self._database(stack)
            nats_url = self._nats(stack)
            migrate(database_url)
            first_admin = asyncio.run(_first_admin(database_url))
            if first_admin:
                # said at once too, so a stack that fails to start does not lose it
                sys.stderr.write(_first_admin_line(first_admin))
            if self.demo:
                asyncio.run(_seed(database_url))
            env = {
                **os.environ,
                "CONDUCTOR_DATABASE_URL": database_url,
                "CONDUCTOR_NATS_URL": nats_url,
                "CONDUCTOR_PORT": str(self.api_port),
                "CONDUCTOR_HOST": "127.0.0.1",
            }
            children = [_Child(name, env) for name in SERVICES]
            if self.demo:
                control = str(self.data_dir / "stand-ins")
                children.append(_Child("stand-ins", env, "--control-dir", control))
            stack.callback(_stop_all, children)
            self.first_admin = first_admin
            return self._supervise(children)
        return 0

    def _database(self, stack: ExitStack) -> str:
        if self.settings.database_url is not None:
            url = self.settings.require_database_url()
            logger.info("using PostgreSQL at %s", display_url(url))
            return url
        server = stack.enter_context(EmbeddedPostgres(self.data_dir / "postgres"))
        url = server.ensure_database(PARCO_DATABASE)
        logger.info("embedded PostgreSQL ready (socket in %s)", server.socket_dir)
        return url

    def _nats(self, stack: ExitStack) -> str:
        if self.settings.nats_url is not None:
            shown = ", ".join(display_url(url) for url in self.settings.nats_url.split(","))
            logger.info("using NATS at %s", shown)
            return self.settings.nats_url
        server = stack.enter_context(EmbeddedNats(self.data_dir / "nats"))
        logger.info("embedded NATS ready at %s", server.url)
        return server.url

    def _supervise(self, children: list[_Child]) -> int:
        def stop(signum: int, frame: FrameType | None) -> None:
            self._stopping.set()

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        announced = False
        while not self._stopping.is_set():
            for child in children:
                if child.process.poll() is not None:
                    logger.error(
                        "%s exited with code %s; stopping", child.name, child.process.returncode
                    )
                    return 1
            if not announced and _answering(self.api_port):
                announced = True
                _announce(self.api_port, self.first_admin)
            self._stopping.wait(0.2)
        logger.info("stopping Conductor")
        return 0


def _stop_all(children: list[_Child]) -> None:
    for child in reversed(children):
        child.stop()


async def _first_admin(url: str) -> str | None:
    conn = await asyncpg.connect(url)
    try:
        return await ensure_first_admin(conn)
    finally:
        await conn.close()


async def _seed(url: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await seed_demo(conn)
    finally:
        await conn.close()


def port_in_use(host: str, port: int) -> bool:
    """Whether something already listens on ``port``, before the gateway tries to."""
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def _answering(port: int) -> bool:
    """Whether our own gateway answers on ``port`` (not merely something listening)."""
    url = f"http://127.0.0.1:{port}/api/docs/openapi.json"
    try:
        with urllib.request.urlopen(url, timeout=0.5) as response:  # loopback
            return bool(response.status == 200 and b'"Conductor"' in response.read())
    except OSError:
        return False


def _first_admin_line(password: str) -> str:
    # the only times this password is shown: it is not logged, only written to the terminal
    return f"  Sign in as admin with password {password} (not stored anywhere: note it now).\n"


def _announce(port: int, first_admin: str | None) -> None:
    base = f"http://127.0.0.1:{port}"
    admin = _first_admin_line(first_admin) if first_admin else ""
    sys.stderr.write(
        f"\n  Conductor is up: {base}/\n"
        f"  REST API:  {base}/api/components/\n"
        f"  API docs:  {base}/api/docs\n"
        f"{admin}"
        "  Stop with Ctrl-C.\n\n"
    )
