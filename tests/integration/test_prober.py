"""The prober against real loopback listeners, PostgreSQL and NATS."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import nats
import pytest
from nats.aio.msg import Msg

from services.prober.service import ProberService
from services.standins.listeners import StandIns
from shared.migrations.runner import migrate
from shared.settings import ProberSettings
from shared.subjects import Subjects
from tests.infra import ProvidedNats, ProvidedPostgres
from tests.integration.stack import RunningGateway, new_prefix, running_gateway, running_scaler

P = "/api/components"


def _free_ports(count: int) -> list[int]:
    import socket

    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


@dataclass
class ProberWorld:
    """A database whose rows point at this test's listeners, and every service on it."""

    url: str
    prefix: str
    nats_url: str
    api: RunningGateway
    stand_ins: StandIns
    up: int
    down: int
    silent: int
    stack: AsyncExitStack

    async def db(self) -> asyncpg.Connection:
        return await asyncpg.connect(self.url)

    async def health(self, port: int) -> dict[str, Any]:
        body = (await self.api.client.get(f"{P}/port-health")).json()
        found: dict[str, Any] = body["port_health_stats"][str(port)]
        return found

    async def wait_status(self, port: int, status: str, within: float) -> dict[str, Any]:
        async with asyncio.timeout(within):
            while (item := await self.health(port))["status"] != status:
                await asyncio.sleep(0.05)
        return item

    def prober(self, **settings: Any) -> ProberService:
        return ProberService(
            ProberSettings(
                database_url=self.url,
                nats_url=self.nats_url,
                subject_prefix=self.prefix,
                flush_interval=0.2,
                **settings,
            )
        )


async def _rows(url: str, rows: list[tuple[str, str, int, int]]) -> None:
    conn = await asyncpg.connect(url)
    await conn.execute("insert into tlkresourcetypes values (1, 'RealTime'), (2, 'Inbound')")
    await conn.executemany(
        "insert into tlkresources (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk, f_monitor_enabled, "
        "f_auto_expand, i_monitor_interval, i_monitor_timeout, i_monitor_threshold) "
        "values (2, $1, $2, $3, $4, true, false, 1, 1, 2)",
        rows,
    )
    await conn.close()


@pytest.fixture
async def world(
    postgres_server: ProvidedPostgres, nats_server: ProvidedNats
) -> AsyncIterator[ProberWorld]:
    up, down, silent = _free_ports(3)
    prefix = new_prefix()
    async with AsyncExitStack() as stack:
        url = await stack.enter_async_context(postgres_server.fresh_database("conductor_probe"))
        await asyncio.to_thread(migrate, url)
        await _rows(
            url,
            [
                ("Answering", "127.0.0.1", up, 1),
                ("Refusing", "127.0.0.1", down, 2),
                ("Silent", "127.0.0.1", silent, 3),
            ],
        )
        stand_ins = await stack.enter_async_context(StandIns([up], [silent]))
        await stack.enter_async_context(running_scaler(url, nats_server.url, prefix))
        api = await stack.enter_async_context(running_gateway(url, nats_server.url, prefix))
        yield ProberWorld(url, prefix, nats_server.url, api, stand_ins, up, down, silent, stack)


async def test_prober_reports_healthy_refused_and_timed_out_ports(world: ProberWorld) -> None:
    async with world.prober():
        healthy = await world.wait_status(world.up, "healthy", within=5)
        refused = await world.wait_status(world.down, "unhealthy", within=5)
        silent = await world.wait_status(world.silent, "unhealthy", within=8)

    assert healthy["is_healthy"] is True
    assert 0 < healthy["response_time_ms"] < 200
    assert refused["reason"] == "connection refused"
    assert refused["consecutive_failures"] >= 2
    assert "timed out" in silent["reason"]
    report = (await world.api.client.get(f"{P}/port-health")).json()
    assert report["status"] in {"live", "stale"}


async def test_stopped_listener_turns_unhealthy_at_the_threshold_and_says_so_on_the_bus(
    world: ProberWorld,
) -> None:
    subjects = Subjects(world.prefix)
    nc = await nats.connect(world.nats_url)
    changes: list[dict[str, Any]] = []

    async def on_change(msg: Msg) -> None:
        changes.append(json.loads(msg.data))

    await nc.subscribe(subjects.event("health.changed"), cb=on_change)
    async with world.prober():
        await world.wait_status(world.up, "healthy", within=5)
        await world.stand_ins.stop_port(world.up)
        stopped_at = time.monotonic()
        item = await world.wait_status(world.up, "unhealthy", within=6)
        confirmed_after = time.monotonic() - stopped_at
        await world.stand_ins.start_port(world.up)
        await world.wait_status(world.up, "healthy", within=6)
    await nc.close()

    ours = [(c["from"], c["to"]) for c in changes if c["port"] == world.up]
    assert ("healthy", "unhealthy") in ours
    assert ("unhealthy", "healthy") in ours
    assert item["consecutive_failures"] == 2
    # two failed checks, the second a quick re-check: confirmed in seconds, not intervals
    assert confirmed_after < 5


async def test_restarted_prober_resumes_the_stored_counters(world: ProberWorld) -> None:
    async with world.prober():
        await world.wait_status(world.down, "unhealthy", within=5)
    conn = await world.db()
    before = await conn.fetchval(
        "select consecutive_failures from conductor.port_health where port = $1", world.down
    )

    async with world.prober():
        async with asyncio.timeout(5):
            while (
                await conn.fetchval(
                    "select consecutive_failures from conductor.port_health where port = $1",
                    world.down,
                )
                <= before
            ):
                await asyncio.sleep(0.05)
        since_changed = await conn.fetchval(
            "select since from conductor.port_health where port = $1", world.down
        )
    await conn.close()

    assert before >= 2
    # still the same outage: the status did not restart from unknown
    assert since_changed < datetime.now(UTC) - timedelta(seconds=0.5)


async def test_monitoring_change_applies_within_a_second_without_restart(
    world: ProberWorld,
) -> None:
    body = {
        "monitor_enabled": False,
        "auto_expand": False,
        "monitor_interval": 2,
        "monitor_timeout": 1,
        "monitor_threshold": 2,
    }
    async with world.prober():
        await world.wait_status(world.up, "healthy", within=5)

        response = await world.api.client.put(f"{P}/port-monitoring/{world.up}", json=body)
        started = time.monotonic()
        await world.wait_status(world.up, "disabled", within=1)
        elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed < 1


async def test_new_scaling_port_is_probed_within_a_second(world: ProberWorld) -> None:
    conn = await world.db()
    await conn.execute(
        "insert into tlkresources (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk, "
        "i_monitor_interval, i_monitor_timeout, i_monitor_threshold) "
        "values (1, 'RealTimeManager', '127.0.0.1', 8002, 100, 1, 1, 2)"
    )
    async with world.prober():
        await world.wait_status(world.up, "healthy", within=5)

        created = await world.api.client.post(f"{P}/scaling/create/8200")
        started = time.monotonic()
        async with asyncio.timeout(2):
            while not await conn.fetchval(
                "select exists (select 1 from conductor.port_health where port = 8200)"
            ):
                await asyncio.sleep(0.02)
        elapsed = time.monotonic() - started
    await conn.close()

    assert created.status_code == 201
    assert elapsed < 1


async def test_row_with_a_bad_address_is_unhealthy_with_a_reason(world: ProberWorld) -> None:
    conn = await world.db()
    await conn.execute(
        "insert into tlkresources (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk, "
        "i_monitor_interval, i_monitor_timeout, i_monitor_threshold) "
        "values (2, 'Broken', 'no such host..invalid', 18999, 9, 1, 1, 2)"
    )
    await conn.close()

    async with world.prober():
        item = await world.wait_status(18999, "unhealthy", within=8)
        healthy = await world.wait_status(world.up, "healthy", within=5)

    assert item["reason"]
    assert healthy["status"] == "healthy"


async def test_refresh_answers_once_the_prober_reloaded(world: ProberWorld) -> None:
    async with world.prober():
        response = await world.api.client.post(f"{P}/port-health/refresh")

    assert response.status_code == 200
    assert response.json()["monitored"] == 3


async def test_history_keeps_samples_within_retention_only(world: ProberWorld) -> None:
    conn = await world.db()
    await conn.execute(
        "insert into conductor.probe_samples values ($1, now() - interval '2 hours', true, 1.0, "
        "'healthy')",
        world.up,
    )

    async with world.prober(history_hours=1.0):
        await world.wait_status(world.up, "healthy", within=5)
        await asyncio.sleep(0.5)
        history = (await world.api.client.get(f"{P}/port-health/{world.up}/history")).json()
    old = await conn.fetchval(
        "select count(*) from conductor.probe_samples where at < now() - interval '1 hour'"
    )
    await conn.close()

    assert old == 0
    assert history["samples"]
    assert history["aggregates"]["hour"]["uptime"] == 1.0
    assert history["aggregates"]["hour"]["checks"] >= 1


async def test_history_answers_404_for_an_unknown_port(world: ProberWorld) -> None:
    response = await world.api.client.get(f"{P}/port-health/9999/history")

    assert response.status_code == 404
