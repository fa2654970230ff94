"""Session-wide real servers for the suite: PostgreSQL and NATS, found as tests/infra.py says."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.infra import (
    ProvidedNats,
    ProvidedPostgres,
    provide_nats,
    provide_postgres,
    report_header,
)


def pytest_report_header() -> str:
    return report_header()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[ProvidedPostgres]:
    with provide_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def nats_server() -> Iterator[ProvidedNats]:
    with provide_nats() as server:
        yield server


@pytest.fixture(scope="session")
async def fresh_database(postgres_server: ProvidedPostgres) -> AsyncIterator[str]:
    """An empty database of the session's own, dropped at the end."""
    async with postgres_server.fresh_database() as url:
        yield url
