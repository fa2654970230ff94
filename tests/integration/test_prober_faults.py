"""The prober rides out PostgreSQL and NATS going away, on servers of the test's own."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import nats
import pytest
from nats.aio.msg import Msg

from services.prober.service import ProberService
from services.standins.listeners import StandIns
from shared.embedded import EmbeddedNats, EmbeddedPostgres
from shared.migrations.runner import migrate
from shared.settings import ProberSettings
from shared.subjects import Subjects
from tests.integration.stack import new_prefix
from tests.integration.test_prober import _free_ports, _rows


@pytest.fixture
def own_postgres(tmp_path: Path) -> Iterator[EmbeddedPostgres]:
    # kept across the stop and start the test makes; tmp_path goes away with the test
    with EmbeddedPostgres(tmp_path / "pg", keep=True) as server:
        yield server


@pytest.fixture
def own_nats(tmp_path: Path) -> Iterator[EmbeddedNats]:
    with EmbeddedNats(tmp_path / "nats") as server:
        yield server


@pytest.fixture
async def database(own_postgres: EmbeddedPostgres) -> AsyncIterator[str]:
    url = await asyncio.to_thread(own_postgres.ensure_database, "faults")
    await asyncio.to_thread(migrate, url)
    yield url


async def _stored_checks(url: str, port: int) -> int:
    conn = await asyncpg.connect(url)
    try:
        count: int = await conn.fetchval(
            "select count(*) from conductor.probe_samples where port = $1", port
        )
        return count
    finally:
        await conn.close()


async def test_probing_goes_on_while_postgres_is_down_and_catches_up(
    own_postgres: EmbeddedPostgres, own_nats: EmbeddedNats, database: str
) -> None:
    up, down = _free_ports(2)
    await _rows(database, [("Answering", "127.0.0.1", up, 1), ("Refusing", "127.0.0.1", down, 2)])
    settings = ProberSettings(
        database_url=database,
        nats_url=own_nats.url,
        subject_prefix=new_prefix(),
        flush_interval=0.2,
    )
    subjects = Subjects(settings.subject_prefix)
    nc = await nats.connect(own_nats.url)
    samples_seen: list[int] = []

    async def on_samples(msg: Msg) -> None:
        samples_seen.append(len(json.loads(msg.data)["samples"]))

    await nc.subscribe(subjects.event("health.samples"), cb=on_samples)

    async with StandIns([up]), ProberService(settings):
        await asyncio.sleep(1.5)
        before = await _stored_checks(database, up)
        await asyncio.to_thread(own_postgres.stop)
        seen_while_down = len(samples_seen)
        await asyncio.sleep(3)
        probing_while_down = len(samples_seen) - seen_while_down
        await asyncio.to_thread(own_postgres.start)
        async with asyncio.timeout(10):
            while await _stored_checks(database, up) < before + 3:
                await asyncio.sleep(0.2)
        after = await _stored_checks(database, up)
    await nc.close()

    assert before > 0
    assert probing_while_down >= 2
    # the checks made while the database was down were kept and written once it was back
    assert after >= before + 3


async def test_prober_reconnects_to_nats_and_carries_on(
    own_nats: EmbeddedNats, database: str, tmp_path: Path
) -> None:
    (up,) = _free_ports(1)
    await _rows(database, [("Answering", "127.0.0.1", up, 1)])
    settings = ProberSettings(
        database_url=database,
        nats_url=own_nats.url,
        subject_prefix=new_prefix(),
        flush_interval=0.2,
    )
    port = own_nats.port

    async with StandIns([up]), ProberService(settings):
        await asyncio.sleep(1)
        await asyncio.to_thread(own_nats.stop)
        await asyncio.sleep(2)
        restarted = EmbeddedNats(tmp_path / "nats", port=port)
        await asyncio.to_thread(restarted.start)
        try:
            nc = await nats.connect(restarted.url)
            received = asyncio.Event()

            async def on_samples(msg: Msg) -> None:
                received.set()

            await nc.subscribe(
                Subjects(settings.subject_prefix).event("health.samples"), cb=on_samples
            )
            await asyncio.wait_for(received.wait(), 15)
            await nc.close()
        finally:
            await asyncio.to_thread(restarted.stop)
