"""Who may call what: every endpoint and the feed, for every kind of caller."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest
import websockets
from websockets.exceptions import InvalidStatus

from shared.credentials import Role
from tests.integration.stack import RunningGateway, issue_token

P = "/api/components"
BODY = {
    "port": 8003,
    "monitor_enabled": True,
    "auto_expand": True,
    "monitor_interval": 10,
    "monitor_timeout": 3,
    "monitor_threshold": 2,
}


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    needs: Role
    allowed: int  # the status when the caller may, in the session stack (no prober)
    body: Any = None


READS = [
    Call("GET", f"{P}/", Role.VIEWER, 200),
    Call("GET", f"{P}/scaling/status", Role.VIEWER, 200),
    Call("GET", f"{P}/scaling-candidates", Role.VIEWER, 200),
    Call("GET", f"{P}/scaling/next-port/8002", Role.VIEWER, 200),
    Call("GET", f"{P}/port-health", Role.VIEWER, 200),
    Call("GET", f"{P}/port-health/8001/history", Role.VIEWER, 200),
    Call("GET", f"{P}/unhealthy-ports", Role.VIEWER, 200),
    Call("GET", f"{P}/port-monitoring", Role.VIEWER, 200),
    Call("GET", f"{P}/port-monitoring/8001", Role.VIEWER, 200),
    Call("GET", f"{P}/menu/scaling", Role.VIEWER, 200),
    Call("GET", f"{P}/audit", Role.VIEWER, 200),
    Call("GET", "/api/auth/me", Role.VIEWER, 200),
]
CHANGES = [
    Call("POST", f"{P}/scaling/create/8250", Role.OPERATOR, 201),
    Call("DELETE", f"{P}/scaling/remove/8250", Role.OPERATOR, 200),
    Call("PUT", f"{P}/port-monitoring/8003", Role.OPERATOR, 200, BODY),
    Call("POST", f"{P}/port-health/refresh", Role.OPERATOR, 503),
]
ADMIN = [
    Call("GET", "/api/auth/users", Role.ADMIN, 200),
    Call("GET", "/api/auth/tokens", Role.ADMIN, 200),
    Call("POST", "/api/auth/tokens", Role.ADMIN, 201, {"name": "made", "role": "viewer"}),
    Call("POST", "/api/auth/users", Role.ADMIN, 201, {"name": "", "role": "viewer"}),
    Call("DELETE", "/api/auth/tokens/999999999", Role.ADMIN, 404),
]
EVERY = READS + CHANGES + ADMIN
CALLERS = ["anonymous", "viewer", "operator", "admin", "expired", "revoked", "forged"]


@pytest.fixture(scope="session")
async def credentials(demo_database: str) -> dict[str, dict[str, str]]:
    """Authorization headers of each kind of caller."""
    tokens = {role.value: await issue_token(demo_database, role, f"m-{role}") for role in Role}
    tokens["expired"] = await issue_token(demo_database, Role.ADMIN, "m-expired", days=-1)
    tokens["revoked"] = await issue_token(demo_database, Role.ADMIN, "m-revoked")
    tokens["forged"] = "cdt_" + "A" * 43
    conn = await asyncpg.connect(demo_database)
    await conn.execute(
        "update conductor.api_tokens set revoked_at = now() where name = 'm-revoked'"
    )
    await conn.close()
    found = {name: {"Authorization": f"Bearer {token}"} for name, token in tokens.items()}
    return {"anonymous": {}, **found}


def _expected(caller: str, call: Call) -> int:
    if caller not in {role.value for role in Role}:
        return 401
    return call.allowed if Role(caller).allows(call.needs) else 403


async def _send(client: httpx.AsyncClient, call: Call, headers: dict[str, str]) -> int:
    body = call.body
    if call.method == "POST" and call.path == "/api/auth/users":
        body = {**call.body, "name": f"u{uuid.uuid4().hex[:8]}"}
    response = await client.request(call.method, call.path, json=body, headers=headers)
    return response.status_code


async def _resources(db: asyncpg.Connection) -> list[tuple[Any, ...]]:
    rows = await db.fetch("select * from tlkresources order by i_res")
    return [tuple(row.values()) for row in rows]


@pytest.mark.parametrize("caller", CALLERS)
async def test_every_endpoint_answers_as_the_callers_role_allows(
    api: RunningGateway,
    db: asyncpg.Connection,
    credentials: dict[str, dict[str, str]],
    caller: str,
) -> None:
    before = await _resources(db)

    async with httpx.AsyncClient(base_url=api.base_url) as client:
        got = {f"{c.method} {c.path}": await _send(client, c, credentials[caller]) for c in EVERY}

    wanted = {f"{c.method} {c.path}": _expected(caller, c) for c in EVERY}
    assert got == wanted
    if caller not in {"operator", "admin"}:
        assert await _resources(db) == before, "a refused change wrote to tlkresources"


@pytest.mark.parametrize("caller", CALLERS)
async def test_feed_accepts_only_callers_who_may_read(
    api: RunningGateway, credentials: dict[str, dict[str, str]], caller: str
) -> None:
    url = api.base_url.replace("http://", "ws://") + f"{P}/ws"

    if caller in {role.value for role in Role}:
        async with websockets.connect(url, additional_headers=credentials[caller]) as ws:
            first = await ws.recv()
        assert '"type":"snapshot"' in str(first)
    else:
        with pytest.raises(InvalidStatus) as refused:
            async with websockets.connect(url, additional_headers=credentials[caller]):
                pass
        assert refused.value.response.status_code == 403
