"""Services sign in to a NATS server that wants a user and password, and never log it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from shared.embedded import EmbeddedNats
from tests.integration.stack import new_prefix, running_gateway, running_scaler

USER, PASSWORD = "conductor", "nats-secret-5f2c9a"


@pytest.fixture
def guarded_nats(tmp_path: Path) -> Iterator[str]:
    with EmbeddedNats(tmp_path / "nats", options=["--user", USER, "--pass", PASSWORD]) as server:
        yield server.url


async def test_scaler_and_gateway_use_the_nats_user_and_password(
    guarded_nats: str,
    demo_database: str,
    db: asyncpg.Connection,
    caplog: pytest.LogCaptureFixture,
) -> None:
    prefix = new_prefix()
    login = {"nats_user": USER, "nats_password": PASSWORD}

    async with (
        running_scaler(demo_database, guarded_nats, prefix, **login),
        running_gateway(demo_database, guarded_nats, prefix, **login) as api,
    ):
        created = await api.client.post("/api/components/scaling/create/8290")
    async with running_gateway(demo_database, guarded_nats, new_prefix()) as stranger:
        refused = await stranger.client.post("/api/components/scaling/create/8291")

    assert created.status_code == 201
    assert refused.status_code == 503
    assert PASSWORD not in caplog.text
