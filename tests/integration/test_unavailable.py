"""When the scaler or the bus is gone, writes answer 503 quickly and nothing is written."""

from __future__ import annotations

import time

import asyncpg

from tests.infra import ProvidedNats
from tests.integration.stack import new_prefix, running_gateway, running_scaler


async def test_create_answers_503_within_2s_when_the_scaler_is_stopped(
    demo_database: str, nats_server: ProvidedNats, db: asyncpg.Connection
) -> None:
    prefix = new_prefix()
    async with running_scaler(demo_database, nats_server.url, prefix):
        pass

    async with running_gateway(demo_database, nats_server.url, prefix) as api:
        started = time.monotonic()
        response = await api.client.post("/api/components/scaling/create/8220")
        elapsed = time.monotonic() - started
        still_up = await api.client.get("/api/components/scaling/status")

    assert response.status_code == 503
    assert "scaler is not running" in response.json()["detail"]
    assert elapsed < 2.0
    assert still_up.status_code == 200
    assert await db.fetchval("select count(*) from tlkresources where i_prt = 8220") == 0


async def test_writes_answer_503_when_nats_is_unreachable(
    demo_database: str, db: asyncpg.Connection
) -> None:
    nowhere = "nats://127.0.0.1:1"

    async with running_gateway(demo_database, nowhere, new_prefix()) as api:
        started = time.monotonic()
        create = await api.client.post("/api/components/scaling/create/8221")
        update = await api.client.put(
            "/api/components/port-monitoring/8001",
            json={
                "monitor_enabled": True,
                "auto_expand": True,
                "monitor_interval": 30,
                "monitor_timeout": 5,
                "monitor_threshold": 2,
            },
        )
        elapsed = time.monotonic() - started
        reads = await api.client.get("/api/components/port-monitoring")

    assert (create.status_code, update.status_code) == (503, 503)
    assert "NATS" in create.json()["detail"]
    assert elapsed < 2.0
    assert reads.status_code == 200
    assert await db.fetchval("select count(*) from tlkresources where i_prt = 8221") == 0
