"""Outcomes crossing from the engine thread into asyncio."""

from __future__ import annotations

import asyncio

from services.prober.probes import Target
from services.prober.stream import running_engine
from tests.unit.prober.conftest import Listener


async def test_stream_delivers_outcomes_when_engine_runs(listener: Listener) -> None:
    async with running_engine() as (engine, stream):
        engine.upsert(Target("live", "127.0.0.1", listener.port, interval=0.1, timeout=0.5))

        batch = await asyncio.wait_for(stream.get(), timeout=2.0)

    assert batch and batch[0].target.key == "live" and batch[0].result.ok


async def test_stream_merges_batches_when_consumer_lags(listener: Listener) -> None:
    async with running_engine() as (engine, stream):
        for n in range(5):
            engine.upsert(Target(f"p{n}", "127.0.0.1", listener.port, interval=0.05, timeout=0.5))
        first = await asyncio.wait_for(stream.get(), timeout=2.0)
        await asyncio.sleep(0.3)  # let the engine run ahead of this consumer

        merged = await asyncio.wait_for(stream.get(), timeout=2.0)

    assert len(merged) > len(first)
