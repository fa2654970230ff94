"""An existing ParcoRTLSMaint without monitoring columns migrates intact, then scales."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest

from shared.migrations.runner import migrate
from tests.infra import ProvidedNats, ProvidedPostgres
from tests.integration.stack import new_prefix, running_gateway, running_scaler

LEGACY_SCHEMA = """
create table tlkresourcetypes (i_typ_res int primary key, x_dsc_res varchar(50) not null);
create sequence tlkresources_seq;
create table tlkresources (
    i_res int primary key default nextval('tlkresources_seq'),
    i_typ_res int not null references tlkresourcetypes,
    x_nm_res varchar(50) not null,
    x_ip varchar(50) not null,
    i_prt int not null,
    i_rnk int not null,
    f_fs bool,
    f_avg bool
);
insert into tlkresourcetypes values (1, 'RealTime'), (10, 'Control'), (2101, 'inbound AllTraq');
insert into tlkresources (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk, f_fs, f_avg) values
    (10, 'ControlManager', '127.0.0.1', 8001, 1, true, false),
    (1, 'RealTimeManager', '127.0.0.1', 8002, 100, false, true),
    (2101, 'AllTraqInbound', '127.0.0.1', 18002, 20, null, null),
    (2101, 'AllTraqInbound', '127.0.0.1', 18002, 21, null, null),
    (1, 'ExternalMap', '10.0.0.1', 0, 40, false, false);
"""

COLUMNS = (
    "select column_name, data_type from information_schema.columns "
    "where table_name = 'tlkresources' and table_schema = 'public' order by ordinal_position"
)


@pytest.fixture
async def legacy_database(postgres_server: ProvidedPostgres) -> AsyncIterator[str]:
    async with postgres_server.fresh_database("conductor_legacy") as url:
        conn = await asyncpg.connect(url)
        try:
            await conn.execute(LEGACY_SCHEMA)
        finally:
            await conn.close()
        yield url


async def test_legacy_database_keeps_every_row_and_column_when_migrated(
    legacy_database: str,
) -> None:
    conn = await asyncpg.connect(legacy_database)
    rows_before = await conn.fetch("select * from tlkresources order by i_res")
    columns_before = await conn.fetch(COLUMNS)

    await asyncio.to_thread(migrate, legacy_database)
    await asyncio.to_thread(migrate, legacy_database)

    columns_after = await conn.fetch(COLUMNS)
    assert columns_after[: len(columns_before)] == columns_before
    assert [c["column_name"] for c in columns_after[len(columns_before) :]] == [
        "f_monitor_enabled",
        "f_auto_expand",
        "i_monitor_interval",
        "i_monitor_timeout",
        "i_monitor_threshold",
    ]
    names = [c["column_name"] for c in columns_before]
    rows_after = await conn.fetch(f"select {', '.join(names)} from tlkresources order by i_res")
    assert [tuple(r) for r in rows_after] == [tuple(r) for r in rows_before]
    await conn.close()


async def test_legacy_database_scales_after_migration(
    legacy_database: str, nats_server: ProvidedNats
) -> None:
    await asyncio.to_thread(migrate, legacy_database)
    prefix = new_prefix()

    async with (
        running_scaler(legacy_database, nats_server.url, prefix),
        running_gateway(legacy_database, nats_server.url, prefix) as api,
    ):
        created = await api.client.post("/api/components/scaling/create/8200")
        again = await api.client.post("/api/components/scaling/create/8200")
        monitoring = (await api.client.get("/api/components/port-monitoring/18002")).json()

    assert (created.status_code, again.status_code) == (201, 409)
    assert len(monitoring["resources"]) == 2
    conn = await asyncpg.connect(legacy_database)
    row = await conn.fetchrow("select * from tlkresources where i_prt = 8200")
    await conn.close()
    # the base row's NULL monitoring settings are copied as their meaning, not as NULL
    assert (row["f_monitor_enabled"], row["i_monitor_interval"], row["f_fs"]) == (True, 30, False)
    assert row["i_rnk"] == 100 + 198
