"""Schemathesis against the gateway's OpenAPI document: no 5xx, answers as documented."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from services.prober.service import ProberService
from shared.settings import ProberSettings
from tests.infra import ProvidedNats
from tests.integration.stack import RunningGateway, new_prefix, running_gateway, running_scaler

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
BUDGET_S = 40


@pytest.fixture
async def whole_stack(
    demo_database: str, nats_server: ProvidedNats, db: asyncpg.Connection
) -> AsyncIterator[RunningGateway]:
    """Scaler, prober and gateway, so that every change has someone to answer it."""
    prefix = new_prefix()
    prober = ProberService(
        ProberSettings(database_url=demo_database, nats_url=nats_server.url, subject_prefix=prefix)
    )
    async with (
        running_scaler(demo_database, nats_server.url, prefix),
        prober,
        running_gateway(demo_database, nats_server.url, prefix, command_timeout=10) as gateway,
    ):
        yield gateway


@pytest.mark.timeout(120)
async def test_the_api_keeps_its_openapi_promises_for_an_operator(
    whole_stack: RunningGateway, tmp_path: Path
) -> None:
    assert SCHEMATHESIS.exists(), "pip install schemathesis (it is in the dev extras)"
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{whole_stack.base_url}/api/docs/openapi.json",
        "--checks=not_a_server_error,response_schema_conformance,content_type_conformance",
        f"--header=Authorization: Bearer {whole_stack.token}",
        "--max-examples=8",
        f"--max-time={BUDGET_S}",
        "--phases=examples,coverage,fuzzing",
        "--workers=1",
        "--seed=5",
        "--generation-database=none",
        "--request-timeout=15",
        "--suppress-health-check=all",
        "--no-color",
    ]

    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    async with asyncio.timeout(BUDGET_S + 40):
        out, _ = await process.communicate()

    report = out.decode(errors="replace")
    assert process.returncode == 0, report[-8000:]
