"""Whatever a client sends: a 4xx with a detail sentence, nothing written, services still up."""

from __future__ import annotations

import asyncpg
import pytest

from tests.integration.stack import RunningGateway

P = "/api/components"
BAD_PORTS = ["abc", "-1", "0", "99999", "8199", "8300", "1e3", "8200.0", "9" * 40, "%20"]
BAD_PORTS += ["\uff18\uff12\uff10\uff10", "0x2008"]  # full-width digits, hex


@pytest.mark.parametrize("port", BAD_PORTS)
async def test_create_refuses_a_bad_port_with_a_4xx_and_writes_nothing(
    api: RunningGateway, db: asyncpg.Connection, port: str
) -> None:
    before = await db.fetch("select * from tlkresources order by i_res")

    response = await api.client.post(f"{P}/scaling/create/{port}")

    assert 400 <= response.status_code < 500
    assert response.json()["detail"].endswith(".")
    assert await db.fetch("select * from tlkresources order by i_res") == before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/scaling/remove/{}"),
        ("GET", "/scaling/next-port/{}"),
        ("GET", "/port-monitoring/{}"),
        ("PUT", "/port-monitoring/{}"),
    ],
)
async def test_port_paths_refuse_non_ports_with_400(
    api: RunningGateway, method: str, path: str
) -> None:
    for port in ("abc", "-1", "99999", "9" * 40):
        body = {
            "monitor_enabled": True,
            "auto_expand": False,
            "monitor_interval": 30,
            "monitor_timeout": 5,
            "monitor_threshold": 2,
        }
        response = await api.client.request(method, P + path.format(port), json=body)

        assert response.status_code == 400, (method, path, port)
        assert "whole number from 1 to 65535" in response.json()["detail"]


@pytest.mark.parametrize(
    "raw",
    [b"", b"not json", b"{", b'{"monitor_interval": 1e400}', b"\xff\xfe", b"null", b"[1, 2]"],
)
async def test_update_refuses_malformed_bodies_and_stays_up(
    api: RunningGateway, db: asyncpg.Connection, raw: bytes
) -> None:
    before = await db.fetch("select * from tlkresources order by i_res")

    response = await api.client.put(
        f"{P}/port-monitoring/8001", content=raw, headers={"content-type": "application/json"}
    )
    alive = await api.client.get(f"{P}/scaling/status")

    assert response.status_code in {400, 422}
    assert response.json()["detail"]
    assert alive.status_code == 200
    assert await db.fetch("select * from tlkresources order by i_res") == before


async def test_no_error_leaks_internals(api: RunningGateway) -> None:
    for path in ("/scaling/create/abc", "/port-monitoring/x", "/nowhere"):
        body = (await api.client.post(P + path)).text

        for leak in ("Traceback", "asyncpg", "SELECT", "select ", "postgresql://"):
            assert leak not in body, (path, leak)
