"""Scaling round trips through the gateway against direct SQL; read latency at 10,000 rows; RSS.

Run: .venv/bin/python bench/scaling_bench.py [--rounds 200]
Uses CONDUCTOR_TEST_DATABASE_URL / CONDUCTOR_TEST_NATS_URL when set, else embedded servers.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._stack import BenchStack, bench_stack, percentile

P = "/api/components"


async def _gateway_round(client: httpx.AsyncClient, port: int) -> float:
    started = time.perf_counter()
    created = await client.post(f"{P}/scaling/create/{port}")
    removed = await client.delete(f"{P}/scaling/remove/{port}")
    assert (created.status_code, removed.status_code) == (201, 200), created.text
    return time.perf_counter() - started


async def _direct_round(pool: asyncpg.Pool, port: int) -> float:
    started = time.perf_counter()
    async with pool.acquire() as conn:
        await conn.execute(
            "insert into tlkresources (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk) "
            "values (1, $1, '127.0.0.1', $2, 300)",
            f"RealTimeManager_Scale_{port}",
            port,
        )
    async with pool.acquire() as conn:
        await conn.execute("delete from tlkresources where i_prt = $1", port)
    return time.perf_counter() - started


RoundTrip = Callable[[Any, int], Awaitable[float]]


async def _timed(round_trip: RoundTrip, target: Any, rounds: int, concurrency: int) -> list[float]:
    times: list[float] = []

    async def worker(index: int) -> None:
        port = 8200 + index
        for _ in range(rounds // concurrency):
            times.append(await round_trip(target, port))

    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return times


def _line(name: str, times: list[float]) -> float:
    p50, p99 = percentile(times, 0.5) * 1000, percentile(times, 0.99) * 1000
    print(f"  {name:<34} p50 {p50:7.2f} ms   p99 {p99:7.2f} ms   (n={len(times)})")
    return p50


async def _round_trips(stack: BenchStack, rounds: int) -> None:
    print("create + remove round trip")
    limits = httpx.Limits(max_connections=40)
    async with (
        httpx.AsyncClient(
            base_url=stack.api_url, limits=limits, timeout=10, headers=stack.headers
        ) as client,
        asyncpg.create_pool(stack.database_url, min_size=20, max_size=20) as pool,
    ):
        for concurrency in (1, 20):
            await _timed(_gateway_round, client, 40, min(concurrency, 20))  # warm-up
            gateway = await _timed(_gateway_round, client, rounds, concurrency)
            direct = await _timed(_direct_round, pool, rounds, concurrency)
            g50 = _line(f"gateway, concurrency {concurrency}", gateway)
            d50 = _line(f"direct asyncpg, concurrency {concurrency}", direct)
            print(
                f"  ratio gateway/direct p50 at concurrency {concurrency}: {g50 / d50:.2f}x "
                "(target <= 5x)"
            )


async def _reads(stack: BenchStack) -> None:
    conn = await asyncpg.connect(stack.database_url)
    await conn.execute(
        "insert into tlkresources (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk) "
        "select 2, 'Inbound_' || g, '127.0.0.1', 20000 + g, g from generate_series(1, $1) g",
        10_000 - await conn.fetchval("select count(*) from tlkresources"),
    )
    rows = await conn.fetchval("select count(*) from tlkresources")
    await conn.close()
    print(f"reads with {rows} rows in tlkresources")
    async with httpx.AsyncClient(base_url=stack.api_url, timeout=10) as client:
        for path in ("/scaling/status", "/port-monitoring"):
            times = []
            for _ in range(60):
                started = time.perf_counter()
                response = await client.get(P + path)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200
            p50 = _line(f"GET {path}", times[10:])
            print(
                f"  {'':<34} size {len(response.content) / 1024:.0f} KiB, "
                f"target p50 <= 30 ms: {'met' if p50 <= 30 else 'MISSED'}"
            )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    async with bench_stack() as stack:
        await asyncio.sleep(2)
        idle = stack.rss_mb()
        print(
            "idle RSS: "
            + ", ".join(f"{k} {v:.0f} MB" for k, v in idle.items())
            + " (target <= 150 MB each)"
        )
        await _round_trips(stack, args.rounds)
        await _reads(stack)


if __name__ == "__main__":
    asyncio.run(main())
