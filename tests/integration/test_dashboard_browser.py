"""The dashboard in headless Chromium against the whole stack: demo data, real stand-ins."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from services.prober.service import ProberService
from services.standins.listeners import StandIns
from shared.credentials import Role, new_password
from shared.demo import DEMO_UNRESPONSIVE, demo_answering_ports, seed_demo
from shared.migrations.runner import migrate
from shared.settings import ProberSettings
from tests.infra import ProvidedNats, ProvidedPostgres
from tests.integration.stack import (
    RunningGateway,
    add_user,
    new_prefix,
    running_gateway,
    running_scaler,
)

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "services" / "dashboard" / "dist"
E2E = ROOT / "tests" / "e2e"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


E2E_USER = "e2e-operator"
E2E_PASSWORD = new_password()


@pytest.fixture
async def full_stack(
    postgres_server: ProvidedPostgres, nats_server: ProvidedNats, tmp_path: Path
) -> AsyncIterator[tuple[RunningGateway, Path]]:
    prefix = new_prefix()
    control = tmp_path / "stand-ins"
    async with postgres_server.fresh_database("conductor_browser") as url:
        await asyncio.to_thread(migrate, url)
        await add_user(url, E2E_USER, Role.OPERATOR, E2E_PASSWORD)
        conn = await asyncpg.connect(url)
        await seed_demo(conn)
        # short intervals so a stopped stand-in shows within seconds, as an operator would set
        await conn.execute(
            "update tlkresources set i_monitor_interval = 2, i_monitor_timeout = 1 where i_prt > 0"
        )
        await conn.close()
        prober = ProberService(
            ProberSettings(
                database_url=url,
                nats_url=nats_server.url,
                subject_prefix=prefix,
                flush_interval=0.5,
            )
        )
        async with (
            StandIns(demo_answering_ports(), [DEMO_UNRESPONSIVE], control_dir=control),
            running_scaler(url, nats_server.url, prefix),
            prober,
            running_gateway(url, nats_server.url, prefix, dashboard_dir=DIST) as api,
        ):
            yield api, control


async def test_dashboard_works_end_to_end_in_chromium(
    full_stack: tuple[RunningGateway, Path],
) -> None:
    api, control = full_stack
    assert (DIST / "index.html").is_file(), "build the dashboard first: make dashboard"
    assert Path(CHROMIUM).exists(), "install Debian's chromium: make e2e-browser"
    if not (E2E / "node_modules").is_dir():
        await _run("npm", "ci", "--no-audit", "--no-fund", cwd=E2E)
    env = {
        **os.environ,
        "BASE_URL": api.base_url,
        "ARTIFACTS_DIR": str(ARTIFACTS),
        "CHROMIUM_PATH": CHROMIUM,
        "STANDINS_CONTROL_DIR": str(control),
        "E2E_USER": E2E_USER,
        "E2E_PASSWORD": E2E_PASSWORD,
        "API_TOKEN": api.token,
    }

    code, output = await _run("npm", "test", cwd=E2E, env=env)

    assert code == 0, output[-6000:]
    assert "# fail 0" in output
    assert "# skipped 0" in output
    shots = sorted(p.name for p in ARTIFACTS.glob("tab-*.png"))
    assert len(shots) >= 5, shots


async def _run(*command: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    async with asyncio.timeout(300):
        out, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(errors="replace")
