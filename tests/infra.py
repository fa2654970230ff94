"""Real PostgreSQL and NATS for the test suite: from settings, from Docker, else embedded."""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, quote, unquote, urlsplit

import asyncpg
import docker  # type: ignore[import-untyped]  # no stubs for docker in the venv
from docker.errors import DockerException  # type: ignore[import-untyped]  # as above
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from requests import RequestException

from shared.embedded import EmbeddedNats, EmbeddedPostgres

__all__ = (
    "InfraSettings",
    "Provenance",
    "ProvidedNats",
    "ProvidedPostgres",
    "docker_available",
    "provide_nats",
    "provide_postgres",
    "report_header",
)

_log = logging.getLogger(__name__)

Provenance = Literal["settings", "testcontainers", "embedded"]

POSTGRES_IMAGE = "postgres:18-alpine"
NATS_IMAGE = "nats:2-alpine"
_DATABASE_PREFIX = re.compile(r"[a-z_][a-z0-9_]{0,40}")

_Starter = Callable[[], AbstractContextManager[str]]


class InfraSettings(BaseSettings):
    """Where the tests find their servers; unset means Docker, else embedded ones."""

    model_config = SettingsConfigDict(env_prefix="CONDUCTOR_TEST_")

    database_url: SecretStr | None = Field(
        default=None,
        description="Admin URL of a server, e.g. postgresql://postgres@127.0.0.1:5432/postgres.",
    )
    nats_url: str | None = Field(default=None, description="URL of a NATS server with JetStream.")
    docker: bool = Field(default=True, description="Try testcontainers before embedded servers.")


@dataclass(frozen=True)
class ProvidedPostgres:
    """A PostgreSQL server the tests may create and drop databases on."""

    server_url: str = field(repr=False)  # may hold a password
    how: Provenance

    def database_url(self, name: str) -> str:
        """The server URL with its database replaced by ``name``."""
        parts = urlsplit(self.server_url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{parts.scheme}://{parts.netloc}/{quote(name, safe='')}{query}"

    async def create_database(self, prefix: str = "conductor_test") -> str:
        """Create an empty, uniquely named database and return its URL."""
        if not _DATABASE_PREFIX.fullmatch(prefix):
            raise ValueError(f"database prefix {prefix!r} is not a lower-case identifier")
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        await self._execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    async def drop_database(self, url: str) -> None:
        """Drop the database of ``url``, closing any connection still open to it."""
        name = unquote(urlsplit(url).path.lstrip("/")).replace('"', '""')
        await self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @contextlib.asynccontextmanager
    async def fresh_database(self, prefix: str = "conductor_test") -> AsyncIterator[str]:
        """A new database for the block, dropped at its end; yields its URL."""
        url = await self.create_database(prefix)
        try:
            yield url
        finally:
            await self.drop_database(url)

    def describe(self) -> str:
        """How the server was found and where it is, without credentials."""
        return f"{self.how} ({_location(self.server_url)})"

    async def _execute(self, statement: str) -> None:
        connection = await asyncpg.connect(self.server_url)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()


@dataclass(frozen=True)
class ProvidedNats:
    """A NATS server with JetStream."""

    url: str
    how: Provenance

    def describe(self) -> str:
        """How the server was found and where it is, without credentials."""
        return f"{self.how} ({_location(self.url)})"


@contextlib.contextmanager
def provide_postgres(settings: InfraSettings | None = None) -> Iterator[ProvidedPostgres]:
    """A PostgreSQL server from settings, else a container, else an embedded one."""
    settings = settings or InfraSettings()
    url = settings.database_url.get_secret_value() if settings.database_url else None
    how = _how(settings, url)

    with _started(url, how, _postgres_container, _embedded_postgres) as server_url:
        provided = ProvidedPostgres(server_url=server_url, how=how)
        _log.info("postgres for tests: %s", provided.describe())
        yield provided


@contextlib.contextmanager
def provide_nats(settings: InfraSettings | None = None) -> Iterator[ProvidedNats]:
    """A NATS server with JetStream from settings, else a container, else an embedded one."""
    settings = settings or InfraSettings()
    how = _how(settings, settings.nats_url)

    with _started(settings.nats_url, how, _nats_container, _embedded_nats) as url:
        provided = ProvidedNats(url=url, how=how)
        _log.info("nats for tests: %s", provided.describe())
        yield provided


def report_header(
    postgres: ProvidedPostgres | None = None,
    nats: ProvidedNats | None = None,
    settings: InfraSettings | None = None,
) -> str:
    """One line for the pytest header; servers not started yet are described by plan."""
    settings = settings or InfraSettings()
    pg_url = settings.database_url.get_secret_value() if settings.database_url else None
    pg = postgres.describe() if postgres else _planned(settings, pg_url)
    ns = nats.describe() if nats else _planned(settings, settings.nats_url)
    return f"postgres: {pg}, nats: {ns}"


@functools.cache
def docker_available(timeout: float = 2.0) -> bool:
    """Whether a Docker engine answers a ping within ``timeout`` seconds (asked once)."""
    try:
        client = docker.from_env(timeout=timeout)
    except DockerException as exc:
        _log.debug("no Docker engine: %s", exc)
        return False
    try:
        return bool(client.ping())
    except (DockerException, RequestException) as exc:
        _log.debug("Docker engine does not answer: %s", exc)
        return False
    finally:
        client.close()


def _how(settings: InfraSettings, url: str | None) -> Provenance:
    if url is not None:
        return "settings"
    if settings.docker and docker_available():
        return "testcontainers"
    return "embedded"


def _started(
    url: str | None, how: Provenance, container: _Starter, embedded: _Starter
) -> AbstractContextManager[str]:
    if url is not None:
        return contextlib.nullcontext(url)
    return container() if how == "testcontainers" else embedded()


def _planned(settings: InfraSettings, url: str | None) -> str:
    how = _how(settings, url)
    return f"{how} ({_location(url)})" if url else f"{how} (not started)"


def _location(url: str) -> str:
    """``host:port`` of a URL, or its unix socket directory."""
    parts = urlsplit(url)
    if parts.hostname:
        return f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname
    return parse_qs(parts.query).get("host", ["default socket"])[0]


@contextlib.contextmanager
def _embedded_postgres() -> Iterator[str]:
    with (
        tempfile.TemporaryDirectory(prefix="conductor-pg-") as tmp,
        EmbeddedPostgres(Path(tmp) / "data", keep=False) as server,
    ):
        yield server.url()


@contextlib.contextmanager
def _embedded_nats() -> Iterator[str]:
    with (
        tempfile.TemporaryDirectory(prefix="conductor-nats-") as tmp,
        EmbeddedNats(Path(tmp)) as server,
    ):
        yield server.url


@contextlib.contextmanager
def _postgres_container() -> Iterator[str]:
    # imported here: testcontainers takes most of a second to import, for nothing without Docker
    from testcontainers.community.postgres import PostgresContainer

    with PostgresContainer(POSTGRES_IMAGE, driver=None) as container:
        yield container.get_connection_url()


@contextlib.contextmanager
def _nats_container() -> Iterator[str]:
    from testcontainers.community.nats import NatsContainer

    with NatsContainer(NATS_IMAGE, jetstream=True) as container:
        yield container.nats_uri()
