"""Listeners that stand in for the ParcoRTLS managers on the demo ports.

Most accept and close at once, like a manager answering a TCP check. One port is left
closed (refused) and one is a listener whose accept queue is full, so connects to it time
out. A file ``<port>.down`` in the control folder stops that port's listener until the
file is removed, which is how an operator (or a test) makes a manager "fail".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from shared.aio import cancel_and_wait

__all__ = ("StandIns", "full_backlog_listener")

logger = logging.getLogger(__name__)

POLL_INTERVAL = 0.25


def full_backlog_listener(host: str, port: int) -> list[socket.socket]:
    """A listener that never accepts, its queue filled so further handshakes never complete."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(0)
    fillers = []
    for _ in range(3):
        filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect((host, port))
        fillers.append(filler)
    return [listener, *fillers]


async def _answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(ConnectionError):
        await writer.wait_closed()


@dataclass
class StandIns:
    """Answering listeners on ``answering``; ``unresponsive`` ports time out."""

    answering: list[int]
    unresponsive: list[int] = field(default_factory=list)
    control_dir: Path | None = None
    host: str = "127.0.0.1"
    _servers: dict[int, asyncio.Server] = field(default_factory=dict)
    _held: list[socket.socket] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    async def start_port(self, port: int) -> None:
        if port in self._servers:
            return
        try:
            self._servers[port] = await asyncio.start_server(
                _answer, self.host, port, reuse_address=True
            )
        except OSError as exc:
            # something else answers there: the prober will report on whatever it is
            logger.warning("no stand-in on %d: %s", port, exc.strerror)

    async def stop_port(self, port: int) -> None:
        server = self._servers.pop(port, None)
        if server is not None:
            server.close()
            await server.wait_closed()

    async def _follow_control(self) -> None:
        assert self.control_dir is not None
        while True:
            down = {int(p.stem) for p in self.control_dir.glob("*.down") if p.stem.isdigit()}
            for port in self.answering:
                if port in down and port in self._servers:
                    logger.info("stand-in on %d stopped", port)
                    await self.stop_port(port)
                elif port not in down and port not in self._servers:
                    logger.info("stand-in on %d started", port)
                    await self.start_port(port)
            await asyncio.sleep(POLL_INTERVAL)

    async def __aenter__(self) -> StandIns:
        for port in self.answering:
            await self.start_port(port)
        for port in self.unresponsive:
            try:
                self._held += full_backlog_listener(self.host, port)
            except OSError as exc:
                logger.warning("no unresponsive stand-in on %d: %s", port, exc.strerror)
        if self.control_dir is not None:
            self.control_dir.mkdir(parents=True, exist_ok=True)
            self._task = asyncio.create_task(self._follow_control())
        logger.info(
            "stand-ins answering on %d ports, unresponsive on %s",
            len(self.answering),
            self.unresponsive,
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await cancel_and_wait(self._task)
        for port in list(self._servers):
            await self.stop_port(port)
        for sock in self._held:
            sock.close()
