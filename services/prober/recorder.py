"""Turns probe outcomes into stored state, history samples and published events."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime

import asyncpg
from nats.js import JetStreamContext

from services.prober.probes import ProbeOutcome
from services.prober.status import PortState, Status
from services.prober.targets import state_to_row
from shared.db import health
from shared.messages import Event, HealthChanged, HealthSample, HealthSamples
from shared.subjects import Subjects

__all__ = ("HealthRecorder",)

logger = logging.getLogger(__name__)

MAX_BUFFERED_SAMPLES = 200_000
MAX_UNSENT_EVENTS = 10_000


@dataclass(slots=True)
class _Known:
    host: str
    state: PortState


@dataclass(slots=True)
class _Buffers:
    dirty: set[int] = field(default_factory=set)
    samples: deque[health.Sample] = field(
        default_factory=lambda: deque(maxlen=MAX_BUFFERED_SAMPLES)
    )
    live: list[HealthSample] = field(default_factory=list)
    unsent: deque[tuple[str, Event]] = field(
        default_factory=lambda: deque(maxlen=MAX_UNSENT_EVENTS)
    )


class HealthRecorder:
    """Keeps every port's latest state and writes it out once per flush.

    Status changes are published at once; state, samples and the one-second sample
    batch go out on :meth:`flush`. When PostgreSQL or NATS is down, what could not be
    written stays buffered (bounded) and goes out on a later flush.
    """

    def __init__(self, pool: asyncpg.Pool, js: JetStreamContext, subjects: Subjects) -> None:
        self._pool = pool
        self._js = js
        self._subjects = subjects
        self._known: dict[int, _Known] = {}
        self._buffers = _Buffers()
        self._publishing = asyncio.Lock()

    def states(self) -> dict[int, PortState]:
        return {port: known.state for port, known in self._known.items()}

    def seed(self, port: int, host: str, state: PortState) -> None:
        """What the store says of a port, before any check of this run."""
        self._known[port] = _Known(host, state)

    def set_state(self, port: int, host: str, state: PortState) -> None:
        """A state decided outside a check: monitoring turned off or on."""
        previous = self._known.get(port)
        before = previous.state.status if previous else Status.UNKNOWN
        self._known[port] = _Known(host, state)
        self._buffers.dirty.add(port)
        if before is not state.status:
            self._changed(port, before, state)

    def forget(self, ports: set[int]) -> None:
        for port in ports:
            self._known.pop(port, None)
            self._buffers.dirty.discard(port)

    def record(self, batch: list[ProbeOutcome]) -> None:
        """Folds a batch of checks in; no I/O."""
        for outcome in batch:
            port = int(outcome.target.key)
            known = self._known.get(port)
            previous = known.state.status if known else outcome.previous
            state = outcome.state
            self._known[port] = _Known(outcome.target.host, state)
            self._buffers.dirty.add(port)
            self._sample(port, outcome)
            if state.status is not previous:
                self._changed(port, previous, state)

    def _sample(self, port: int, outcome: ProbeOutcome) -> None:
        result, state = outcome.result, outcome.state
        status = state.status.value
        self._buffers.samples.append(
            health.Sample(port, result.checked_at, result.ok, result.connect_ms, status)
        )
        self._buffers.live.append(
            HealthSample(
                port=port,
                ok=result.ok,
                response_time_ms=result.connect_ms,
                status=status,
                reason=state.reason,
                consecutive_failures=state.consecutive_failures,
                checked_at=result.checked_at,
            )
        )

    def _changed(self, port: int, previous: Status, state: PortState) -> None:
        logger.info(
            "port %d: %s -> %s (%s)", port, previous.value, state.status.value, state.reason
        )
        event = HealthChanged(
            port=port,
            from_status=previous.value,
            to=state.status.value,
            reason=state.reason,
            response_time_ms=state.response_time_ms,
            at=state.since,
        )
        self._buffers.unsent.append((self._subjects.event("health.changed"), event))

    async def publish_changes(self) -> None:
        """Publishes the queued events in order; stops at the first failure to keep order."""
        # called from the check consumer and from the flush: one publisher at a time, or two
        # would send the same head event and drop the next
        async with self._publishing:
            await self._publish_queued()

    async def _publish_queued(self) -> None:
        unsent = self._buffers.unsent
        while unsent:
            subject, event = unsent[0]
            try:
                await self._js.publish(
                    subject,
                    event.model_dump_json(by_alias=True).encode(),
                    stream=self._subjects.events_stream,
                    headers={"Nats-Msg-Id": str(event.event_id)},
                    timeout=2.0,
                )
            except Exception as exc:  # noqa: BLE001  # kept and retried on the next flush
                logger.warning("%d health events not published yet: %s", len(unsent), exc)
                return
            unsent.popleft()

    async def flush(self, version: str) -> None:
        """Writes changed states and new samples, publishes the sample batch, beats."""
        buffers = self._buffers
        if buffers.live:
            live, buffers.live = buffers.live, []
            batch = HealthSamples(samples=live, at=datetime.now(UTC))
            buffers.unsent.append((self._subjects.event("health.samples"), batch))
        await self.publish_changes()
        # take what is pending now; checks recorded during the write wait for the next flush
        dirty, buffers.dirty = buffers.dirty, set()
        samples = list(buffers.samples)
        buffers.samples.clear()
        rows = [
            state_to_row(port, self._known[port].host, self._known[port].state)
            for port in dirty
            if port in self._known
        ]
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                if rows:
                    await health.save_states(conn, rows)
                if samples:
                    await health.insert_samples(conn, samples)
                await health.heartbeat(conn, version)
        except BaseException:
            buffers.dirty |= dirty
            buffers.samples.extendleft(reversed(samples))
            raise
