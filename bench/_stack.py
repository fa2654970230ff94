"""Starts Conductor's services as real processes for a benchmark, on its own database."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import asyncpg
import nats
import psutil
from nats.js.errors import NotFoundError

from shared.credentials import Role
from shared.demo import seed_demo
from shared.migrations.runner import migrate
from shared.subjects import Subjects
from tests.infra import provide_nats, provide_postgres
from tests.integration.stack import issue_token

__all__ = ("BenchStack", "bench_stack", "percentile")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass
class BenchStack:
    database_url: str
    nats_url: str
    api_url: str
    prefix: str
    processes: dict[str, subprocess.Popen[bytes]]
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """An operator's credentials; reads and the feed are open without them."""
        return {"Authorization": f"Bearer {self.token}"}

    def rss_mb(self) -> dict[str, float]:
        return {
            name: psutil.Process(p.pid).memory_info().rss / 2**20
            for name, p in self.processes.items()
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _spawn(name: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "services.cli", name],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def _wait_listening(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        await asyncio.sleep(0.1)
    raise RuntimeError("the gateway did not start")


@contextlib.asynccontextmanager
async def bench_stack(
    services: tuple[str, ...] = ("scaler", "api"), extra_env: dict[str, str] | None = None
) -> AsyncIterator[BenchStack]:
    """Servers from CONDUCTOR_TEST_* settings (else embedded), a fresh demo database."""
    with _servers() as (postgres, nats_url):
        async with postgres.fresh_database("conductor_bench") as url:
            await asyncio.to_thread(migrate, url)
            conn = await asyncpg.connect(url)
            await seed_demo(conn)
            await conn.close()
            port = _free_port()
            prefix = f"bench{uuid.uuid4().hex[:8]}"
            env = {
                **os.environ,
                "CONDUCTOR_DATABASE_URL": url,
                "CONDUCTOR_NATS_URL": nats_url,
                "CONDUCTOR_SUBJECT_PREFIX": prefix,
                "CONDUCTOR_PORT": str(port),
                "CONDUCTOR_LOG_LEVEL": "WARNING",
                # benchmarks measure the gateway's work, not its guards: reads stay open,
                # changes carry a token, and no rate limit cuts a load short
                "CONDUCTOR_AUTH_ANONYMOUS_READ": "true",
                "CONDUCTOR_MUTATIONS_PER_MINUTE": "1000000",
                **(extra_env or {}),
            }
            token = await issue_token(url, Role.OPERATOR, "bench")
            processes = {name: _spawn(name, env) for name in services}
            try:
                if "api" in services:
                    await _wait_listening(port)
                await asyncio.sleep(1.0)
                api_url = f"http://127.0.0.1:{port}"
                yield BenchStack(url, nats_url, api_url, prefix, processes, token)
            finally:
                for process in processes.values():
                    process.terminate()
                for process in processes.values():
                    process.wait(10)
                await _drop_stream(nats_url, prefix)


async def _drop_stream(nats_url: str, prefix: str) -> None:
    # each events stream reserves its max_bytes: a run must not leave its own behind
    nc = await nats.connect(nats_url)
    try:
        with contextlib.suppress(NotFoundError):
            await nc.jetstream().delete_stream(Subjects(prefix).events_stream)
    finally:
        await nc.close()


@contextlib.contextmanager
def _servers() -> Iterator[tuple[object, str]]:
    with provide_postgres() as postgres, provide_nats() as nats:
        yield postgres, nats.url
