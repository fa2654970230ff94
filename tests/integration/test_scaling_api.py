"""The manual's scaling endpoints against a real scaler, PostgreSQL and NATS."""

from __future__ import annotations

import asyncpg

from shared.migrations.runner import HEAD
from tests.integration.stack import RunningGateway

P = "/api/components"


async def test_create_scaling_port_answers_201_and_copies_the_base_row(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    response = await api.client.post(f"{P}/scaling/create/8203")

    assert response.status_code == 201
    assert response.json() == {
        "message": "Scaling port 8203 created successfully",
        "base_port": 8002,
        "new_port": 8203,
        "resource_name": "RealTimeManager_Scale_8203",
        "scaling_range": "8200-8299",
    }
    base = await db.fetchrow("select * from tlkresources where i_prt = 8002")
    row = await db.fetchrow("select * from tlkresources where i_prt = 8203")
    assert row["x_nm_res"] == "RealTimeManager_Scale_8203"
    assert row["i_typ_res"] == base["i_typ_res"] == 1
    assert (row["x_ip"], row["f_fs"], row["f_avg"]) == (base["x_ip"], base["f_fs"], base["f_avg"])
    assert row["i_rnk"] == base["i_rnk"] + 201
    assert row["f_auto_expand"] is False
    for column in ("f_monitor_enabled", "i_monitor_interval", "i_monitor_timeout"):
        assert row[column] == base[column]


async def test_create_scaling_port_answers_409_when_it_exists(api: RunningGateway) -> None:
    await api.client.post(f"{P}/scaling/create/8200")

    response = await api.client.post(f"{P}/scaling/create/8200")

    assert response.status_code == 409
    assert "already exists" in response.json()["detail"]


async def test_create_scaling_port_answers_400_outside_every_range(api: RunningGateway) -> None:
    for port in (8199, 8300, 8002, 18000):
        response = await api.client.post(f"{P}/scaling/create/{port}")

        assert response.status_code == 400, port
        assert "8200-8299" in response.json()["detail"]


async def test_create_scaling_port_answers_404_when_base_row_is_missing(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    await db.execute("delete from tlkresources where i_prt = 8002")

    response = await api.client.post(f"{P}/scaling/create/8201")

    assert response.status_code == 404
    assert "8002" in response.json()["detail"]
    assert await db.fetchval("select count(*) from tlkresources where i_prt = 8201") == 0


async def test_remove_scaling_port_answers_200_and_deletes_the_row(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    await api.client.post(f"{P}/scaling/create/8210")

    response = await api.client.delete(f"{P}/scaling/remove/8210")

    assert response.status_code == 200
    assert response.json() == {
        "message": "Scaling port 8210 removed successfully",
        "removed_port": 8210,
        "resource_name": "RealTimeManager_Scale_8210",
    }
    assert await db.fetchval("select count(*) from tlkresources where i_prt = 8210") == 0


async def test_remove_answers_404_for_a_missing_port_and_400_for_a_base_port(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    missing = await api.client.delete(f"{P}/scaling/remove/8250")
    base = await api.client.delete(f"{P}/scaling/remove/8002")

    assert missing.status_code == 404
    assert base.status_code == 400
    assert "only scaling ports" in base.json()["detail"]
    assert await db.fetchval("select count(*) from tlkresources where i_prt = 8002") == 1


async def test_next_port_skips_taken_ports(api: RunningGateway) -> None:
    await api.client.post(f"{P}/scaling/create/8200")
    await api.client.post(f"{P}/scaling/create/8201")

    response = await api.client.get(f"{P}/scaling/next-port/8002")

    assert response.status_code == 200
    assert response.json() == {
        "base_port": 8002,
        "next_available_port": 8202,
        "scaling_range": "8200-8299",
        "existing_ports": [8200, 8201],
    }


async def test_next_port_answers_400_for_a_base_that_cannot_scale(api: RunningGateway) -> None:
    response = await api.client.get(f"{P}/scaling/next-port/8001")

    assert response.status_code == 400
    assert "8002" in response.json()["detail"]


async def test_next_port_answers_409_when_the_range_is_full(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    await db.execute(
        """
        insert into tlkresources (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk)
        select 1, 'RealTimeManager_Scale_' || p, '127.0.0.1', p, p
        from generate_series(8200, 8299) p
        """
    )

    response = await api.client.get(f"{P}/scaling/next-port/8002")

    assert response.status_code == 409
    assert "full" in response.json()["detail"]


async def test_scaling_status_reports_true_counts(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    await api.client.post(f"{P}/scaling/create/8205")

    body = (await api.client.get(f"{P}/scaling/status")).json()

    assert body["scaling_candidates"] == list(range(8001, 8009))
    assert body["active_scaling_ports"] == [8205]
    assert 8205 not in body["available_scaling_ports"]
    assert len(body["available_scaling_ports"]) == 99
    assert body["scaling_status"] == {
        "total_scaling_candidates": 8,
        "available_slots": 99,
        "active_scaling_instances": 1,
        "total_slots": 100,
        "mode": body["port_health"]["status"],
    }
    with_port = await db.fetchval("select count(*) from tlkresources where i_prt > 0")
    assert body["port_health"]["total_ports"] == with_port == 18
    assert body["port_health"]["auto_expand_ports"] == 8


async def test_scaling_candidates_lists_auto_expand_rows_with_their_range(
    api: RunningGateway,
) -> None:
    body = (await api.client.get(f"{P}/scaling-candidates")).json()

    assert [c["port"] for c in body["candidates"]] == list(range(8001, 8009))
    ranges = {c["port"]: c["scaling_range"] for c in body["candidates"]}
    assert ranges[8002] == "8200-8299"
    assert ranges[8001] is None


async def test_versions_are_read_from_the_running_parts(api: RunningGateway) -> None:
    body = (await api.client.get(f"{P}/")).json()

    parts = body["components"]
    assert parts["gateway"]["status"] == parts["scaler"]["status"] == "up"
    assert parts["schema"]["version"] == HEAD
    assert parts["nats"]["version"].count(".") == 2
    assert parts["postgresql"]["version"][0].isdigit()
    assert parts["prober"]["status"] in {"up", "unreachable"}


async def test_menu_lists_every_scaling_operation(api: RunningGateway) -> None:
    body = (await api.client.get(f"{P}/menu/scaling")).json()

    paths = {(op["method"], op["path"]) for op in body["operations"]}
    assert ("POST", f"{P}/scaling/create/{{port}}") in paths
    assert ("DELETE", f"{P}/scaling/remove/{{port}}") in paths


async def test_openapi_schema_is_served(api: RunningGateway) -> None:
    response = await api.client.get("/api/docs/openapi.json")

    assert response.status_code == 200
    assert f"{P}/scaling/create/{{port}}" in response.json()["paths"]
