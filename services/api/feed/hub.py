"""The feed hub: reads the events stream once per gateway and fans frames out to clients."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from functools import partial
from types import TracebackType
from typing import Any

import msgspec
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.errors import Error as NatsError
from nats.js.api import ConsumerConfig, DeliverPolicy

from services.api.feed.client import FeedClient
from shared.aio import cancel_and_wait, connect_nats, retry_forever
from shared.streams import ensure_events_stream
from shared.subjects import Subjects

__all__ = ("FeedHub", "FeedMessage")

logger = logging.getLogger(__name__)

FeedMessage = dict[str, Any]
SnapshotSource = Callable[[], Awaitable[dict[str, Any]]]


class FeedHub:
    """Keeps the last events in a ring and sends new ones to every client in batches.

    Every message carries the stream sequence of its event, so a client that reconnects
    with its last sequence gets exactly what it missed from the ring, or a new snapshot
    when the ring no longer reaches back that far.
    """

    def __init__(
        self,
        servers: list[str],
        subjects: Subjects,
        snapshot: SnapshotSource,
        *,
        batch_interval: float = 0.04,
        ring_size: int = 10_000,
        backlog: int = 500,
        ping_interval: float = 15.0,
        credentials: dict[str, Any] | None = None,
    ) -> None:
        self.backlog = backlog
        self._servers = servers
        self._credentials = credentials or {}
        self._subjects = subjects
        self._snapshot = snapshot
        self._batch_interval = batch_interval
        self._ping_interval = ping_interval
        self._ring: deque[FeedMessage] = deque(maxlen=ring_size)
        self._pending: list[FeedMessage] = []
        self._clients: set[FeedClient] = set()
        self._last_seq = 0
        self._nc: Client | None = None
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def last_seq(self) -> int:
        return self._last_seq

    @property
    def clients(self) -> int:
        return len(self._clients)

    async def join(self, client: FeedClient, since: int | None) -> None:
        """Registers ``client`` and queues its first frame: a replay or a snapshot."""
        self._clients.add(client)
        missed = self._replay(since)
        if missed is not None:
            client.release(_encode(missed))
            return
        seq = self._last_seq
        document = await self._snapshot()
        client.release(_encode([{"seq": seq, "type": "snapshot", "data": document}]))

    def leave(self, client: FeedClient) -> None:
        self._clients.discard(client)

    def _replay(self, since: int | None) -> list[FeedMessage] | None:
        if since is None or since > self._last_seq:
            return None
        oldest = self._ring[0]["seq"] if self._ring else self._last_seq + 1
        if since + 1 < oldest:
            return None
        return [message for message in self._ring if message["seq"] > since]

    async def _on_event(self, msg: Msg) -> None:
        seq = msg.metadata.sequence.stream
        kind = msg.subject.removeprefix(f"{self._subjects.prefix}.events.")
        try:
            data = json.loads(msg.data)
        except ValueError:
            logger.warning("event %s on %s is not JSON; skipped", seq, msg.subject)
            return
        message = {"seq": seq, "type": kind, "data": data}
        self._ring.append(message)
        self._pending.append(message)
        self._last_seq = seq

    async def _batch_loop(self) -> None:
        while True:
            await asyncio.sleep(self._batch_interval)
            if not self._pending:
                continue
            frame, self._pending = _encode(self._pending), []
            for client in tuple(self._clients):
                client.offer(frame)

    async def _ping_loop(self) -> None:
        while True:
            await asyncio.sleep(self._ping_interval)
            frame = _encode([{"seq": self._last_seq, "type": "ping", "data": {}}])
            for client in tuple(self._clients):
                client.offer(frame)

    async def _subscribe(self) -> None:
        nc = await connect_nats(self._servers, "conductor-gateway-feed", self._credentials)
        self._nc = nc
        await retry_forever("reading the events stream", partial(self._follow, nc))
        logger.info("feed relaying %s from seq %d", self._subjects.events, self._last_seq)

    async def _follow(self, nc: Client) -> None:
        js = nc.jetstream()
        await ensure_events_stream(js, self._subjects)
        info = await js.stream_info(self._subjects.events_stream)
        self._last_seq = info.state.last_seq
        await js.subscribe(
            self._subjects.events,
            cb=self._on_event,
            ordered_consumer=True,
            config=ConsumerConfig(
                deliver_policy=DeliverPolicy.BY_START_SEQUENCE,
                opt_start_seq=self._last_seq + 1,
            ),
        )

    async def __aenter__(self) -> FeedHub:
        self._tasks = [
            asyncio.create_task(self._subscribe(), name="feed-subscribe"),
            asyncio.create_task(self._batch_loop(), name="feed-batches"),
            asyncio.create_task(self._ping_loop(), name="feed-pings"),
        ]
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await cancel_and_wait(*self._tasks)
        if self._nc is not None:
            with contextlib.suppress(NatsError):
                await self._nc.close()


def _encode(messages: list[FeedMessage]) -> bytes:
    return msgspec.json.encode(messages)
