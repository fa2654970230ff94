"""Every change is published on JetStream after commit, and every command is audited."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import nats
import pytest
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js.api import DeliverPolicy

from shared.messages import CreateScalingPort, Outcome
from shared.subjects import Subjects
from tests.infra import ProvidedNats
from tests.integration.stack import RunningGateway

P = "/api/components"


@pytest.fixture
async def nc(nats_server: ProvidedNats) -> AsyncIterator[Client]:
    client = await nats.connect(nats_server.url)
    yield client
    await client.close()


@dataclass
class Collected:
    """Events of one port, read from the stream as they arrive."""

    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.events]

    async def wait_for(self, count: int) -> None:
        async with asyncio.timeout(5):
            while len(self.events) < count:
                self.arrived.clear()
                await self.arrived.wait()


@asynccontextmanager
async def collecting(nc: Client, prefix: str, port: int) -> AsyncIterator[Collected]:
    """Collects the events about ``port`` published while the block runs."""
    subjects = Subjects(prefix)
    collected = Collected()

    async def on_message(msg: Msg) -> None:
        payload = json.loads(msg.data)
        if payload.get("port") == port:
            collected.events.append((msg.subject.removeprefix(f"{prefix}.events."), payload))
            collected.arrived.set()

    sub = await nc.jetstream().subscribe(
        subjects.events, cb=on_message, deliver_policy=DeliverPolicy.NEW, ordered_consumer=True
    )
    try:
        yield collected
    finally:
        await sub.unsubscribe()


async def test_create_publishes_scaling_created_and_audit_on_the_stream(
    api: RunningGateway, nc: Client, stack_prefix: str
) -> None:
    async with collecting(nc, stack_prefix, 8230) as collected:
        response = await api.client.post(f"{P}/scaling/create/8230")
        await collected.wait_for(2)

    assert response.status_code == 201
    kinds = dict(collected.events)
    assert kinds["scaling.created"]["port"] == 8230
    assert kinds["scaling.created"]["resource"]["name"] == "RealTimeManager_Scale_8230"
    assert kinds["audit.recorded"]["outcome"] == "applied"


async def test_refused_command_is_audited_but_publishes_no_change(
    api: RunningGateway, nc: Client, stack_prefix: str, demo_database: str
) -> None:
    async with collecting(nc, stack_prefix, 8299) as collected:
        await api.client.post(f"{P}/scaling/create/8299")
        response = await api.client.post(f"{P}/scaling/create/8299")
        await collected.wait_for(3)

    assert response.status_code == 409
    conn = await asyncpg.connect(demo_database)
    outcomes = await conn.fetch(
        "select outcome from conductor.audit where port = 8299 order by id desc limit 2"
    )
    await conn.close()
    assert [r["outcome"] for r in outcomes] == ["refused", "applied"]
    assert sorted(collected.kinds()) == ["audit.recorded", "audit.recorded", "scaling.created"]


async def test_monitoring_update_publishes_before_and_after(
    api: RunningGateway, nc: Client, stack_prefix: str
) -> None:
    body = {
        "monitor_enabled": False,
        "auto_expand": True,
        "monitor_interval": 60,
        "monitor_timeout": 10,
        "monitor_threshold": 3,
    }

    async with collecting(nc, stack_prefix, 8005) as collected:
        await api.client.put(f"{P}/port-monitoring/8005", json=body)
        await collected.wait_for(2)

    event = dict(collected.events)["monitoring.updated"]
    assert event["port"] == 8005
    assert event["before"]["monitor_interval"] == 30
    assert event["after"] == body


async def test_command_after_its_deadline_is_refused_and_recorded(
    api: RunningGateway, nc: Client, stack_prefix: str, demo_database: str
) -> None:
    command = CreateScalingPort(
        port=8231, actor="test", deadline=datetime.now(UTC) - timedelta(seconds=1)
    )

    msg = await nc.request(
        Subjects(stack_prefix).create_scaling_port, command.model_dump_json().encode(), 2
    )

    reply = json.loads(msg.data)
    assert (reply["outcome"], reply["error"]) == (Outcome.REFUSED, "expired")
    conn = await asyncpg.connect(demo_database)
    row = await conn.fetchrow(
        "select outcome from conductor.audit where command_id = $1", command.command_id
    )
    count = await conn.fetchval("select count(*) from tlkresources where i_prt = 8231")
    await conn.close()
    assert (row["outcome"], count) == ("refused", 0)


async def test_same_command_twice_is_applied_once(
    api: RunningGateway, nc: Client, stack_prefix: str, db: asyncpg.Connection
) -> None:
    command = CreateScalingPort(port=8232, actor="test", command_id=uuid.uuid4())
    subject = Subjects(stack_prefix).create_scaling_port

    first = json.loads((await nc.request(subject, command.model_dump_json().encode(), 2)).data)
    second = json.loads((await nc.request(subject, command.model_dump_json().encode(), 2)).data)

    assert first["outcome"] == second["outcome"] == "applied"
    assert await db.fetchval("select count(*) from tlkresources where i_prt = 8232") == 1


async def test_malformed_command_gets_an_error_reply_not_silence(
    api: RunningGateway, nc: Client, stack_prefix: str
) -> None:
    subject = Subjects(stack_prefix).create_scaling_port

    for payload in (b"junk", b'{"port": "x"}', b'{"port": 70000}', b"{}"):
        reply = json.loads((await nc.request(subject, payload, 2)).data)

        assert reply["outcome"] == "refused"
        assert reply["error"] == "invalid"
