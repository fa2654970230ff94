"""The audit trail: every change, allowed or refused, and every sign-in, with who and whence."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest

from shared.credentials import Role
from tests.integration.stack import RunningGateway, add_user, issue_token

P = "/api/components"


async def _client_as(
    api: RunningGateway, database: str, role: Role
) -> tuple[httpx.AsyncClient, str]:
    name = f"audit-{role}-{uuid.uuid4().hex[:6]}"
    token = await issue_token(database, role, name)
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.AsyncClient(base_url=api.base_url, headers=headers, timeout=10), f"token:{name}"


async def _trail(api: RunningGateway, **query: Any) -> list[dict[str, Any]]:
    response = await api.client.get(f"{P}/audit", params=query)
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()["entries"]
    return entries


async def test_an_applied_change_records_actor_role_and_source(
    api: RunningGateway, db: asyncpg.Connection, demo_database: str
) -> None:
    client, actor = await _client_as(api, demo_database, Role.OPERATOR)

    async with client:
        response = await client.post(f"{P}/scaling/create/8270")

    assert response.status_code == 201
    [entry] = await _trail(api, action="scaling.create", port=8270, actor=actor)
    assert entry["outcome"] == "applied"
    assert (entry["role"], entry["source"]) == ("operator", "127.0.0.1")
    assert entry["after"]["name"] == "RealTimeManager_Scale_8270"
    assert uuid.UUID(entry["command_id"])


async def test_a_change_refused_for_its_role_is_recorded_and_writes_nothing(
    api: RunningGateway, db: asyncpg.Connection, demo_database: str
) -> None:
    client, actor = await _client_as(api, demo_database, Role.VIEWER)

    async with client:
        response = await client.post(f"{P}/scaling/create/8271")

    assert response.status_code == 403
    [entry] = await _trail(api, port=8271, actor=actor)
    assert (entry["action"], entry["outcome"], entry["status"]) == (
        "scaling.create",
        "refused",
        403,
    )
    assert (entry["role"], entry["error"]) == ("viewer", "forbidden")
    assert await db.fetchval("select count(*) from tlkresources where i_prt = 8271") == 0


async def test_an_anonymous_change_is_recorded_as_refused(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    async with httpx.AsyncClient(base_url=api.base_url) as anonymous:
        response = await anonymous.delete(f"{P}/scaling/remove/8272")

    assert response.status_code == 401
    [entry] = await _trail(api, port=8272, action="scaling.remove")
    assert (entry["actor"], entry["role"], entry["status"]) == ("anonymous", None, 401)


async def test_a_scaler_refusal_is_recorded_once(
    api: RunningGateway, db: asyncpg.Connection
) -> None:
    await api.client.post(f"{P}/scaling/create/8273")

    again = await api.client.post(f"{P}/scaling/create/8273")

    assert again.status_code == 409
    entries = await _trail(api, port=8273, outcome="refused")
    assert [(e["error"], e["status"]) for e in entries] == [("exists", None)]


async def test_sign_ins_and_failed_sign_ins_are_recorded(
    api: RunningGateway, demo_database: str
) -> None:
    name = f"signer-{uuid.uuid4().hex[:6]}"
    await add_user(demo_database, name, Role.VIEWER, "a fine long password")

    async with httpx.AsyncClient(base_url=api.base_url) as browser:
        await browser.post("/api/auth/sign-in", json={"name": name, "password": "wrong"})
        await browser.post(
            "/api/auth/sign-in", json={"name": name, "password": "a fine long password"}
        )

    entries = await _trail(api, action="auth.sign_in", limit=50)
    mine = [(e["actor"], e["outcome"], e["role"]) for e in entries if e["target"] == name]
    assert mine == [(name, "applied", "viewer"), ("anonymous", "refused", None)]


async def test_the_trail_pages_and_filters_by_time(
    api: RunningGateway, db: asyncpg.Connection, demo_database: str
) -> None:
    client, actor = await _client_as(api, demo_database, Role.OPERATOR)
    before = datetime.now(UTC) - timedelta(seconds=1)
    async with client:
        for port in (8274, 8275, 8276):
            await client.post(f"{P}/scaling/create/{port}")
    mine = {"actor": actor, "since": before.isoformat(), "limit": 2}

    first = await api.client.get(f"{P}/audit", params=mine)
    rest = await api.client.get(f"{P}/audit", params={**mine, "offset": 2})
    past = await api.client.get(f"{P}/audit", params={**mine, "offset": 5})
    earlier = await _trail(api, actor=actor, until=before.isoformat())

    assert [e["port"] for e in first.json()["entries"]] == [8276, 8275]
    assert [e["port"] for e in rest.json()["entries"]] == [8274]
    assert first.json()["total"] == rest.json()["total"] == past.json()["total"] == 3
    assert earlier == []


async def test_the_trail_refuses_a_bad_filter(api: RunningGateway) -> None:
    response = await api.client.get(f"{P}/audit", params={"outcome": "maybe"})

    assert response.status_code == 400
    assert "outcome" in response.json()["detail"]


@pytest.mark.parametrize("table", ["audit", "gateway_audit"])
@pytest.mark.parametrize(
    "statement", ["update conductor.{} set detail = 'x'", "delete from conductor.{}"]
)
async def test_the_audit_tables_are_append_only(
    api: RunningGateway, db: asyncpg.Connection, table: str, statement: str
) -> None:
    async with httpx.AsyncClient(base_url=api.base_url) as anonymous:
        await anonymous.post(f"{P}/scaling/create/8277")  # at least one row in each table
    await api.client.post(f"{P}/scaling/create/8277")

    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
        await db.execute(statement.format(table))


async def test_tokens_made_by_an_admin_are_audited_and_die_when_revoked(
    api: RunningGateway, demo_database: str
) -> None:
    admin, actor = await _client_as(api, demo_database, Role.ADMIN)
    async with admin:
        made = await admin.post("/api/auth/tokens", json={"name": "script", "role": "viewer"})
        token = made.json()["token"]
        usable = await api.client.get(f"{P}/", headers={"Authorization": f"Bearer {token}"})
        revoked = await admin.delete(f"/api/auth/tokens/{made.json()['id']}")
        dead = await api.client.get(f"{P}/", headers={"Authorization": f"Bearer {token}"})

    assert (made.status_code, usable.status_code, revoked.status_code) == (201, 200, 200)
    assert dead.status_code == 401
    actions = [e["action"] for e in await _trail(api, actor=actor)]
    assert actions == ["auth.token.revoke", "auth.token.create"]
