"""Dashboard sessions: signing in and out, what a session may do, and anonymous reading."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
import websockets
from websockets.exceptions import InvalidStatus

from services.api.auth.identity import SESSION_COOKIE
from shared.credentials import Role
from tests.infra import ProvidedNats
from tests.integration.stack import (
    RunningGateway,
    add_user,
    new_prefix,
    running_gateway,
    running_scaler,
)

P = "/api/components"
PASSWORD = "correct horse battery staple"


@pytest.fixture
async def bare(api: RunningGateway) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the session gateway without any credentials."""
    async with httpx.AsyncClient(base_url=api.base_url, timeout=10) as client:
        yield client


async def _user(database: str, role: Role) -> str:
    name = f"{role.value}-{uuid.uuid4().hex[:6]}"
    await add_user(database, name, role, PASSWORD)
    return name


async def _session(client: httpx.AsyncClient, name: str) -> str:
    response = await client.post("/api/auth/sign-in", json={"name": name, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return response.cookies[SESSION_COOKIE]


async def test_sign_in_sets_a_strict_http_only_cookie_that_identifies_the_user(
    bare: httpx.AsyncClient, demo_database: str
) -> None:
    name = await _user(demo_database, Role.VIEWER)

    response = await bare.post("/api/auth/sign-in", json={"name": name, "password": PASSWORD})

    assert response.status_code == 200
    assert response.json()["role"] == "viewer"
    set_cookie = response.headers["set-cookie"].lower()
    assert "httponly" in set_cookie
    assert "samesite=strict" in set_cookie
    me = await bare.get("/api/auth/me")
    assert me.json() | {"anonymous_read": False} == {
        "name": name,
        "role": "viewer",
        "kind": "user",
        "anonymous_read": False,
    }


async def test_sign_in_refuses_a_wrong_password_and_an_unknown_name_alike(
    bare: httpx.AsyncClient, demo_database: str
) -> None:
    name = await _user(demo_database, Role.OPERATOR)

    wrong = await bare.post("/api/auth/sign-in", json={"name": name, "password": "nope"})
    unknown = await bare.post("/api/auth/sign-in", json={"name": "nobody", "password": "nope"})

    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert SESSION_COOKIE not in wrong.cookies


async def test_a_viewer_session_reads_but_may_not_change(
    bare: httpx.AsyncClient, demo_database: str
) -> None:
    cookie = await _session(bare, await _user(demo_database, Role.VIEWER))

    read = await bare.get(f"{P}/scaling/status", cookies={SESSION_COOKIE: cookie})
    change = await bare.post(f"{P}/scaling/create/8260", cookies={SESSION_COOKIE: cookie})

    assert read.status_code == 200
    assert change.status_code == 403
    assert "operator" in change.json()["detail"]


async def test_an_operator_session_changes_and_is_over_after_sign_out(
    api: RunningGateway, bare: httpx.AsyncClient, demo_database: str
) -> None:
    cookie = await _session(bare, await _user(demo_database, Role.OPERATOR))
    jar = {SESSION_COOKIE: cookie}

    created = await bare.post(f"{P}/scaling/create/8261", cookies=jar)
    signed_out = await bare.post("/api/auth/sign-out", cookies=jar)
    after = await bare.get(f"{P}/scaling/status", cookies=jar)

    assert created.status_code == 201
    assert signed_out.status_code == 200
    assert after.status_code == 401


async def test_the_feed_takes_the_session_cookie_but_not_from_a_foreign_page(
    api: RunningGateway, bare: httpx.AsyncClient, demo_database: str
) -> None:
    cookie = await _session(bare, await _user(demo_database, Role.VIEWER))
    url = api.base_url.replace("http://", "ws://") + f"{P}/ws"
    headers = {"Cookie": f"{SESSION_COOKIE}={cookie}"}

    async with websockets.connect(url, additional_headers=headers, origin=api.base_url) as ws:
        first = await ws.recv()
    with pytest.raises(InvalidStatus) as foreign:
        async with websockets.connect(
            url, additional_headers=headers, origin="http://evil.example"
        ):
            pass

    assert '"type":"snapshot"' in str(first)
    assert foreign.value.response.status_code == 403


@pytest.fixture
async def open_reads(demo_database: str, nats_server: ProvidedNats) -> AsyncIterator[str]:
    prefix = new_prefix()
    async with (
        running_scaler(demo_database, nats_server.url, prefix),
        running_gateway(
            demo_database, nats_server.url, prefix, auth_anonymous_read=True
        ) as gateway,
    ):
        yield gateway.base_url


async def test_anonymous_read_opens_reads_and_the_feed_but_never_changes(
    open_reads: str, db: object
) -> None:
    async with httpx.AsyncClient(base_url=open_reads, timeout=10) as anonymous:
        read = await anonymous.get(f"{P}/port-monitoring")
        me = await anonymous.get("/api/auth/me")
        change = await anonymous.post(f"{P}/scaling/create/8262")
        forged = await anonymous.get(f"{P}/port-monitoring", headers={"Authorization": "Bearer x"})
        admin = await anonymous.get("/api/auth/tokens")
    async with websockets.connect(open_reads.replace("http://", "ws://") + f"{P}/ws") as ws:
        first = await ws.recv()

    assert read.status_code == 200
    assert me.json()["name"] == "anonymous"
    assert me.json()["anonymous_read"] is True
    assert change.status_code == 401
    assert forged.status_code == 401
    assert admin.status_code == 401
    assert '"type":"snapshot"' in str(first)
