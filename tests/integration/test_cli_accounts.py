"""``conductor user`` and ``conductor token`` against a real database and gateway."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
from typer.testing import CliRunner, Result

from services.cli.accounts import ensure_first_admin
from services.cli.main import app
from shared.credentials import Role, verify_password
from shared.db import accounts
from shared.migrations.runner import migrate
from tests.infra import ProvidedPostgres
from tests.integration.stack import RunningGateway

P = "/api/components"


async def _conductor(database: str, *args: str) -> Result:
    runner = CliRunner(env={"CONDUCTOR_DATABASE_URL": database, "CONDUCTOR_LOG_LEVEL": "WARNING"})
    return await asyncio.to_thread(runner.invoke, app, list(args))


async def test_token_create_prints_a_token_once_that_works_until_revoked(
    api: RunningGateway, demo_database: str
) -> None:
    created = await _conductor(
        demo_database,
        "token",
        "create",
        "--role",
        "viewer",
        "--name",
        "cli-test",
        "--expires",
        "2h",
    )
    token_id = created.output.split()[1]
    token = created.output.strip().splitlines()[-1]
    headers = {"Authorization": f"Bearer {token}"}
    before = await api.client.get(f"{P}/menu/scaling", headers=headers)

    revoked = await _conductor(demo_database, "token", "revoke", token_id)
    after = await api.client.get(f"{P}/menu/scaling", headers=headers)

    assert created.exit_code == 0, created.output
    assert token.startswith("cdt_")
    assert before.status_code == 200
    assert revoked.exit_code == 0, revoked.output
    assert after.status_code == 401
    conn = await asyncpg.connect(demo_database)
    stored = await conn.fetchval(
        "select encode(secret_hash, 'escape') from conductor.api_tokens where id = $1",
        int(token_id),
    )
    await conn.close()
    assert token not in stored


async def test_user_add_generates_a_password_that_signs_in(
    api: RunningGateway, demo_database: str
) -> None:
    name = f"cli-{uuid.uuid4().hex[:6]}"

    added = await _conductor(demo_database, "user", "add", name, "--role", "operator", "--generate")
    password = added.output.strip().splitlines()[-1].split(": ", 1)[1]
    signed_in = await api.client.post(
        "/api/auth/sign-in", json={"name": name, "password": password}
    )
    again = await _conductor(demo_database, "user", "add", name, "--role", "viewer", "--generate")

    assert added.exit_code == 0, added.output
    assert signed_in.status_code == 200
    assert signed_in.json()["role"] == "operator"
    assert again.exit_code == 2
    assert "exists already" in again.output


async def test_token_create_refuses_a_bad_lifetime(demo_database: str) -> None:
    result = await _conductor(
        demo_database, "token", "create", "--role", "admin", "--expires", "1y"
    )

    assert result.exit_code == 2
    assert "duration" in result.output


async def test_the_first_admin_is_made_once_with_a_generated_password(
    postgres_server: ProvidedPostgres,
) -> None:
    async with postgres_server.fresh_database("conductor_first_admin") as url:
        await asyncio.to_thread(migrate, url)
        conn = await asyncpg.connect(url)
        try:
            first = await ensure_first_admin(conn)
            second = await ensure_first_admin(conn)
            admin = await accounts.find_user(conn, "admin")
        finally:
            await conn.close()

    assert first is not None and len(first) >= 20
    assert second is None
    assert admin is not None and admin.role is Role.ADMIN
    assert verify_password(admin.password_hash, first)
