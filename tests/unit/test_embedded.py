"""Tests of the embedded PostgreSQL and NATS servers, each started for real."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import asyncpg
import nats
import psutil  # type: ignore[import-untyped]  # no stubs for psutil in the venv
import pytest

from shared.embedded import EmbeddedNats, EmbeddedPostgres, EmbeddedServerError

REPO_ROOT = Path(__file__).resolve().parents[2]

# holds a server as another process would, until killed
_HOLDER = """
import sys
from pathlib import Path
from shared.embedded import EmbeddedPostgres
server = EmbeddedPostgres(Path(sys.argv[1])).start()
print(server.pid, flush=True)
sys.stdin.read()
"""


def _running(pid: int | None) -> bool:
    """Whether the process lives; a zombie left for init to reap counts as gone."""
    try:
        return pid is not None and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


async def _fetch(url: str, query: str) -> object:
    connection = await asyncpg.connect(url)
    try:
        return await connection.fetchval(query)
    finally:
        await connection.close()


async def _execute(url: str, script: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(script)
    finally:
        await connection.close()


async def test_embedded_nats_acks_jetstream_publish_when_started(tmp_path: Path) -> None:
    with EmbeddedNats(tmp_path) as server:
        client = await nats.connect(server.url)
        try:
            stream = client.jetstream()
            await stream.add_stream(name="ORDERS", subjects=["orders.>"])
            ack = await stream.publish("orders.1", b"one")
        finally:
            await client.close()

    assert (ack.stream, ack.seq) == ("ORDERS", 1)
    assert (tmp_path / "jetstream").is_dir()


def test_embedded_nats_listens_on_loopback_only_when_port_is_zero(tmp_path: Path) -> None:
    with EmbeddedNats(tmp_path) as server:
        port = server.port
        listening = {
            (conn.laddr.ip, conn.laddr.port)
            for conn in psutil.Process(server.pid).net_connections()
            if conn.status == psutil.CONN_LISTEN
        }

    assert listening == {("127.0.0.1", port)}


def test_embedded_nats_leaves_no_process_when_stopped(tmp_path: Path) -> None:
    server = EmbeddedNats(tmp_path).start()
    pid = server.pid

    server.stop()

    assert not _running(pid)


def test_embedded_nats_raises_with_log_tail_when_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = EmbeddedNats(tmp_path, port=taken.getsockname()[1])

        with pytest.raises(EmbeddedServerError, match="address already in use"):
            server.start()

    assert server.pid is None


async def test_embedded_postgres_serves_database_when_ensured_twice(tmp_path: Path) -> None:
    with EmbeddedPostgres(tmp_path / "pg", keep=False) as server:
        first = server.ensure_database("ParcoRTLSMaint")
        second = server.ensure_database("ParcoRTLSMaint")
        name = await _fetch(first, "SELECT current_database()")

    assert first == second
    assert first.startswith("postgresql://postgres@/ParcoRTLSMaint?host=/")
    assert name == "ParcoRTLSMaint"


async def test_embedded_postgres_keeps_data_when_restarted_on_same_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data_dir = Path(".conductor/postgres")
    with EmbeddedPostgres(data_dir) as server:
        url = server.ensure_database("kept")
        await _execute(url, "CREATE TABLE note (body text); INSERT INTO note VALUES ('survives')")
        first_pid = server.pid

    with EmbeddedPostgres(data_dir) as server:
        body = await _fetch(server.url("kept"), "SELECT body FROM note")

    assert body == "survives"
    assert not _running(first_pid)


def test_embedded_postgres_deletes_data_and_process_when_not_kept(tmp_path: Path) -> None:
    server = EmbeddedPostgres(tmp_path / "pg", keep=False).start()
    pid = server.pid

    server.stop()

    assert not _running(pid)
    assert not (tmp_path / "pg").exists()


def test_embedded_postgres_stops_server_when_previous_holder_was_killed(tmp_path: Path) -> None:
    command = [sys.executable, "-c", _HOLDER, str(tmp_path / "pg")]
    pipe = subprocess.PIPE
    with subprocess.Popen(command, cwd=REPO_ROOT, stdin=pipe, stdout=pipe, text=True) as holder:
        assert holder.stdout is not None
        orphan_pid = int(holder.stdout.readline())
        holder.kill()

    with EmbeddedPostgres(tmp_path / "pg") as server:
        reused = server.pid == orphan_pid

    assert reused
    assert not _running(orphan_pid)
