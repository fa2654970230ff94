"""The gateway's edges: rate limits, CORS, security headers and the body size limit."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest

from tests.infra import ProvidedNats
from tests.integration.stack import RunningGateway, new_prefix, running_gateway, running_scaler

P = "/api/components"
ALLOWED = "https://console.example"


@pytest.fixture
async def strict(demo_database: str, nats_server: ProvidedNats) -> AsyncIterator[RunningGateway]:
    """A gateway with low limits and one allowed origin."""
    prefix = new_prefix()
    async with (
        running_scaler(demo_database, nats_server.url, prefix),
        running_gateway(
            demo_database,
            nats_server.url,
            prefix,
            sign_in_per_minute=3,
            mutations_per_minute=2,
            cors_origins=[ALLOWED],
            dashboard_dir="/nonexistent",
        ) as gateway,
    ):
        yield gateway


async def test_sign_in_is_rate_limited_per_address_and_the_excess_audited(
    strict: RunningGateway, db: asyncpg.Connection
) -> None:
    attempt = {"name": "mallory", "password": "guess"}
    async with httpx.AsyncClient(base_url=strict.base_url) as client:
        statuses = [
            (await client.post("/api/auth/sign-in", json=attempt)).status_code for _ in "1234"
        ]
    limited = await strict.client.get(
        f"{P}/audit", params={"action": "auth.sign_in", "outcome": "refused", "limit": 500}
    )

    assert statuses == [401, 401, 401, 429]
    assert "rate_limited" in [entry["error"] for entry in limited.json()["entries"]]


async def test_changes_are_rate_limited_but_reads_are_not(
    strict: RunningGateway, db: asyncpg.Connection
) -> None:
    changes = [
        (await strict.client.post(f"{P}/scaling/create/{p}")).status_code
        for p in (8280, 8281, 8282)
    ]
    reads = [(await strict.client.get(f"{P}/scaling/status")).status_code for _ in range(5)]

    assert changes == [201, 201, 429]
    assert set(reads) == {200}
    assert await db.fetchval("select count(*) from tlkresources where i_prt = 8282") == 0


async def test_cors_preflight_answers_an_allowed_origin_only(strict: RunningGateway) -> None:
    ask = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization",
    }
    async with httpx.AsyncClient(base_url=strict.base_url) as client:
        allowed = await client.options(
            f"{P}/scaling/create/8283", headers={"Origin": ALLOWED, **ask}
        )
        foreign = await client.options(
            f"{P}/scaling/create/8283", headers={"Origin": "https://evil.example", **ask}
        )

    assert allowed.status_code in {200, 204}
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    assert allowed.headers["access-control-allow-credentials"] == "true"
    assert foreign.headers.get("access-control-allow-origin") is None
    assert foreign.status_code >= 400


async def test_without_an_allowlist_no_origin_gets_cors_headers(api: RunningGateway) -> None:
    response = await api.client.get(f"{P}/menu/scaling", headers={"Origin": ALLOWED})

    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("path", ["/", f"{P}/menu/scaling", "/api/auth/me", "/api/docs"])
async def test_responses_carry_security_headers(strict: RunningGateway, path: str) -> None:
    async with httpx.AsyncClient(base_url=strict.base_url) as anonymous:
        response = await anonymous.get(path)

    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_a_body_over_the_limit_is_refused_without_internals(api: RunningGateway) -> None:
    body = b'{"port": 8003, "pad": "' + b"x" * 100_000 + b'"}'

    response = await api.client.put(
        f"{P}/port-monitoring/8003", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 413
    assert "Traceback" not in response.text
    assert set(response.json()) <= {"status_code", "detail"}
