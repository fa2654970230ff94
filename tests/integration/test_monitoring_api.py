"""Port monitoring endpoints: reading and changing a port's five settings."""

from __future__ import annotations

import asyncpg

from tests.integration.stack import RunningGateway

P = "/api/components/port-monitoring"
GOOD = {
    "monitor_enabled": True,
    "auto_expand": False,
    "monitor_interval": 10,
    "monitor_timeout": 3,
    "monitor_threshold": 4,
}


async def test_port_monitoring_lists_every_row_with_a_port(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    body = (await api.client.get(P)).json()

    expected = await db.fetchval("select count(*) from tlkresources where i_prt > 0")
    assert body["total"] == len(body["ports"]) == expected
    first = body["ports"][0]
    assert set(GOOD) <= set(first)
    assert first["port"] == 8001


async def test_port_monitoring_reads_null_columns_as_defaults(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    await db.execute(
        "update tlkresources set f_monitor_enabled = null, f_auto_expand = null, "
        "i_monitor_interval = null, i_monitor_timeout = null, i_monitor_threshold = null "
        "where i_prt = 18001"
    )

    body = (await api.client.get(f"{P}/18001")).json()

    assert (body["monitor_enabled"], body["auto_expand"]) == (True, False)
    assert (body["monitor_interval"], body["monitor_timeout"], body["monitor_threshold"]) == (
        30,
        5,
        2,
    )


async def test_port_monitoring_answers_404_for_an_unknown_port(api: RunningGateway) -> None:
    response = await api.client.get(f"{P}/9999")

    assert response.status_code == 404
    assert response.json()["detail"]


async def test_update_writes_the_five_settings(api: RunningGateway, db: asyncpg.Connection) -> None:
    response = await api.client.put(f"{P}/8003", json={"port": 8003, **GOOD})

    assert response.status_code == 200
    row = await db.fetchrow("select * from tlkresources where i_prt = 8003")
    assert (row["i_monitor_interval"], row["i_monitor_timeout"], row["i_monitor_threshold"]) == (
        10,
        3,
        4,
    )
    assert row["f_auto_expand"] is False


async def test_update_answers_404_for_an_unknown_port(api: RunningGateway) -> None:
    response = await api.client.put(f"{P}/9999", json=GOOD)

    assert response.status_code == 404


async def test_update_refuses_invalid_bodies_with_422_and_writes_nothing(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    before = await db.fetch("select * from tlkresources order by i_res")
    bad_bodies = [
        {**GOOD, "monitor_interval": -5},
        {**GOOD, "monitor_interval": 1},
        {**GOOD, "monitor_interval": 3601},
        {**GOOD, "monitor_timeout": 0},
        {**GOOD, "monitor_timeout": 61, "monitor_interval": 120},
        {**GOOD, "monitor_timeout": 10, "monitor_interval": 10},
        {**GOOD, "monitor_threshold": 0},
        {**GOOD, "monitor_threshold": 11},
        {**GOOD, "monitor_interval": "10"},
        {**GOOD, "monitor_enabled": "yes"},
        {**GOOD, "port": 8004},
        {**GOOD, "surprise": 1},
        {k: v for k, v in GOOD.items() if k != "monitor_threshold"},
        [],
    ]

    for body in bad_bodies:
        response = await api.client.put(f"{P}/8003", json=body)

        assert response.status_code == 422, body
        assert response.json()["detail"].endswith("."), body

    assert await db.fetch("select * from tlkresources order by i_res") == before


async def test_update_names_the_timeout_rule_in_its_detail(api: RunningGateway) -> None:
    response = await api.client.put(
        f"{P}/8003", json={**GOOD, "monitor_timeout": 20, "monitor_interval": 20}
    )

    assert "must be below monitor_interval" in response.json()["detail"]
