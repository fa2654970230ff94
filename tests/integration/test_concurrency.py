"""Many operators at once: the same port is created once, distinct ports each exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter

import asyncpg

from tests.integration.stack import RunningGateway

P = "/api/components"


async def test_fifty_creates_of_one_port_make_one_row(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    responses = await asyncio.gather(
        *(api.client.post(f"{P}/scaling/create/8242") for _ in range(50))
    )

    assert Counter(r.status_code for r in responses) == {201: 1, 409: 49}
    assert await db.fetchval("select count(*) from tlkresources where i_prt = 8242") == 1


async def test_hundred_creates_of_distinct_ports_make_each_row_once(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    responses = await asyncio.gather(
        *(api.client.post(f"{P}/scaling/create/{port}") for port in range(8200, 8300))
    )

    assert [r.status_code for r in responses] == [201] * 100
    rows = await db.fetch(
        "select i_prt, count(*) as n from tlkresources where i_prt between 8200 and 8299 "
        "group by i_prt order by i_prt"
    )
    assert [(r["i_prt"], r["n"]) for r in rows] == [(port, 1) for port in range(8200, 8300)]


async def test_concurrent_creates_and_removes_leave_a_consistent_table(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    await api.client.post(f"{P}/scaling/create/8260")

    calls = [api.client.delete(f"{P}/scaling/remove/8260") for _ in range(10)]
    calls += [api.client.post(f"{P}/scaling/create/8260") for _ in range(10)]
    responses = await asyncio.gather(*calls)

    removed = sum(r.status_code == 200 for r in responses[:10])
    created = sum(r.status_code == 201 for r in responses[10:])
    left = await db.fetchval("select count(*) from tlkresources where i_prt = 8260")
    assert left == 1 - removed + created
    assert left in {0, 1}
