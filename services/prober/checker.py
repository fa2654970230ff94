"""The single-threaded core of the engine: runs every target's checks on one epoll loop.

Nothing here is thread-safe; :class:`~services.prober.engine.ProbeEngine` owns
the one thread that drives a :class:`Checker`.
"""

from __future__ import annotations

import logging
import select
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from services.prober.probes import ProbeOutcome, Target
from services.prober.resolver import Address, BackgroundResolver, Lookup, Unusable, parse_host
from services.prober.schedule import next_after, next_check, phase_of
from services.prober.sockets import (
    ConnectFailed,
    RawSocket,
    SocketAddress,
    failure_reason,
    kernel_handshake,
    start_connect,
)
from services.prober.status import CheckResult, PortState, apply_result, needs_recheck
from services.prober.timers import TickWheel

__all__ = ("Checker",)

logger = logging.getLogger(__name__)

_WRITABLE_ONCE = select.EPOLLOUT | select.EPOLLONESHOT
_EPOCH = datetime.fromtimestamp(0, UTC)
# a wait never lasts longer, so a lost wake-up costs at most this
_MAX_SLEEP = 1.0
# a connect seen later than this may have waited for this loop rather than the
# network (a busy CPU): its time is then taken from the kernel
_LATE_MS = 50.0


@dataclass(eq=False, slots=True)
class _Slot:
    """Everything the checker knows about one target.

    ``state`` is the checker's private copy, refreshed in place after each check:
    a new long-lived object per check would keep the garbage collector sweeping
    the old generation, and its pauses stall every check behind them.
    """

    target: Target
    state: PortState
    base: float = 0.0
    literal: Lookup | None = None
    family: int = 0
    sockaddr: SocketAddress | None = None
    next_tick: int = -1
    deadline_tick: int = -1
    busy: bool = False
    sock: RawSocket | None = None
    due: float = 0.0
    started: float = 0.0
    started_at: datetime = _EPOCH
    connect_at: float = 0.0


class Checker:
    """Starts each target's checks on time, waits for them, grades them.

    Check starts are rounded up to whole ``tick`` seconds so one wake-up starts
    every check of a tick; when a tick holds fewer than ``batch`` checks, their
    start may wait up to ``batch_wait`` seconds to share a wake-up with later
    ones: a wake-up costs more CPU than several checks.
    """

    def __init__(
        self, resolver: BackgroundResolver, *, tick: float, batch: int, batch_wait: float
    ) -> None:
        self._resolver = resolver
        self._tick = tick
        self._batch = batch
        self._batch_wait = batch_wait
        self._origin = time.monotonic()
        self._slots: dict[str, _Slot] = {}
        self._inflight: dict[int, _Slot] = {}
        self._starts: TickWheel[_Slot] = TickWheel(self._origin, tick)
        self._deadlines: TickWheel[_Slot] = TickWheel(self._origin, tick)
        self._waiting: dict[str, set[_Slot]] = {}
        self._outbox: list[ProbeOutcome] = []
        self._epoll = select.epoll()
        self.checks = 0

    def watch(self, fd: int) -> None:
        """Also wake :meth:`wait` when ``fd`` becomes readable."""
        self._epoll.register(fd, select.EPOLLIN)

    def wait(self) -> bool:
        """Sleep until something is due and settle finished connects.

        Returns whether a watched descriptor became readable.
        """
        woken = False
        # room for every socket: an event left for the next call could see its
        # check expire first
        room = len(self._inflight) + 8
        for fd, mask in self._epoll.poll(self._sleep_time(), room):
            slot = self._inflight.pop(fd, None)
            if slot is None:
                woken = True
            else:
                self._on_ready(slot, mask)
        return woken

    def run_due(self) -> None:
        """Start the checks that are due and fail the ones past their timeout."""
        now = time.monotonic()
        for index, slots in self._deadlines.pop_due(now):
            for slot in slots:
                if self._overdue(slot, index):
                    self._expire(slot)
        self._start_due(now)

    def take_outcomes(self) -> list[ProbeOutcome]:
        """Every check finished since the last call."""
        outcomes, self._outbox = self._outbox, []
        return outcomes

    def close(self) -> None:
        for slot in list(self._inflight.values()):
            self._drop_socket(slot)
        self._epoll.close()

    # -- targets ------------------------------------------------------------------

    def upsert(self, target: Target, state: PortState | None) -> None:
        slot = self._slots.get(target.key)
        if slot is None:
            initial = replace(state) if state else PortState.initial(datetime.now(UTC))
            slot = self._slots[target.key] = _Slot(target, initial)
            self._reschedule(slot)
            return
        if state is not None:
            slot.state = replace(state)
        previous = slot.target
        if previous.host != target.host or previous.port != target.port:
            self._cancel(slot)
        slot.target = target
        if not previous.same_schedule(target):
            self._reschedule(slot)

    def remove(self, key: str) -> None:
        slot = self._slots.pop(key, None)
        if slot is not None:
            self._cancel(slot)

    def replace_all(self, targets: list[Target], states: dict[str, PortState]) -> None:
        keep = {target.key for target in targets}
        for key in [key for key in self._slots if key not in keep]:
            self.remove(key)
        for target in targets:
            self.upsert(target, states.get(target.key))

    def snapshot(self) -> dict[str, PortState]:
        return {key: replace(slot.state) for key, slot in self._slots.items()}

    def store_answer(self, host: str, answer: Lookup) -> None:
        """File a name resolution and go on with the checks that waited for it."""
        self._resolver.store(host, answer, time.monotonic())
        for slot in self._waiting.pop(host, set()):
            if slot.busy and slot.sock is None and slot.target.host == host:
                self._resolve(slot)

    def _reschedule(self, slot: _Slot) -> None:
        target = slot.target
        slot.base = self._origin + phase_of(target.key, target.interval, self._tick)
        literal = parse_host(target.host)
        if isinstance(literal, Address):
            slot.family, slot.sockaddr = literal.family, literal.sockaddr(target.port)
            slot.literal = None
        else:
            slot.literal, slot.sockaddr = literal, None
        # a check in flight schedules the next one when it ends
        if not slot.busy:
            self._queue(slot, next_after(time.monotonic(), slot.base, target.interval))

    def _cancel(self, slot: _Slot) -> None:
        if slot.busy:
            self._drop_socket(slot)
            self._waiting.get(slot.target.host, set()).discard(slot)
            slot.busy = False

    # -- timing -------------------------------------------------------------------

    def _sleep_time(self) -> float:
        now = time.monotonic()
        wakes = [now + _MAX_SLEEP]
        starts = self._starts.next_time(self._batch, self._batch_wait)
        if starts is not None:
            wakes.append(starts)
        # most deadlines belong to checks long finished: never wake just for them
        # while a start is near, and let a real timeout wait ``batch_wait`` at most
        deadline = self._deadlines.next_time()
        if deadline is not None:
            wakes.append(deadline + self._batch_wait)
        return max(min(wakes) - now, 0.0)

    def _start_due(self, now: float) -> None:
        ticks = self._starts.pop_due(now)
        if not ticks:
            return
        # one wall-clock reading per turn: the checks of a turn start together
        at = datetime.now(UTC)
        for index, slots in ticks:
            for slot in slots:
                if self._may_start(slot, index):
                    self._begin(slot, at)

    def _may_start(self, slot: _Slot, tick: int) -> bool:
        """Whether a slot taken from ``tick`` is still due there (not moved or removed)."""
        return slot.next_tick == tick and self._slots.get(slot.target.key) is slot

    def _overdue(self, slot: _Slot, tick: int) -> bool:
        """Whether a slot taken from deadline ``tick`` is still running that check."""
        return slot.busy and slot.deadline_tick == tick and self._slots.get(slot.target.key) is slot

    def _queue(self, slot: _Slot, due: float) -> None:
        slot.due = due
        slot.next_tick = self._starts.add(due, slot)

    def _schedule_after(self, slot: _Slot) -> None:
        target = slot.target
        recheck = target.recheck if needs_recheck(slot.state) else None
        # a slot that our own wake-up batching made us miss is taken late, not skipped
        grace = self._tick + self._batch_wait
        now = time.monotonic()
        self._queue(slot, next_check(slot.due, now, slot.base, target.interval, recheck, grace))

    # -- one check ----------------------------------------------------------------

    def _begin(self, slot: _Slot, at: datetime) -> None:
        slot.busy = True
        slot.next_tick = -1
        slot.started = started = time.monotonic()
        slot.started_at = at
        slot.deadline_tick = self._deadlines.add(started + slot.target.timeout, slot)
        if slot.sockaddr is not None:
            self._connect(slot, slot.family, slot.sockaddr)
        else:
            self._resolve(slot)

    def _resolve(self, slot: _Slot) -> None:
        host = slot.target.host
        lookup = slot.literal or self._resolver.lookup(host, slot.started)
        if lookup is None:
            self._waiting.setdefault(host, set()).add(slot)
        elif isinstance(lookup, Unusable):
            self._finish(slot, None, lookup.reason)
        else:
            self._connect(slot, lookup.family, lookup.sockaddr(slot.target.port))

    def _connect(self, slot: _Slot, family: int, address: SocketAddress) -> None:
        slot.connect_at = time.monotonic()
        try:
            sock = start_connect(family, address)
        except ConnectFailed as exc:
            self._finish(slot, None, exc.reason)
            return
        if sock is None:
            self._finish(slot, (time.monotonic() - slot.connect_at) * 1000.0, None)
            return
        fd = sock.fileno()
        self._epoll.register(fd, _WRITABLE_ONCE)
        self._inflight[fd] = slot
        slot.sock = sock

    def _on_ready(self, slot: _Slot, mask: int) -> None:
        sock, slot.sock = slot.sock, None
        if sock is None:
            return
        if mask == select.EPOLLOUT:
            connect_ms, reason = _connect_ms(slot, sock), None
        else:
            connect_ms, reason = None, failure_reason(sock)
        # the one-shot registration has disarmed itself; close() drops it from epoll
        sock.close()
        self._finish(slot, connect_ms, reason)

    def _expire(self, slot: _Slot) -> None:
        timeout_ms = slot.target.timeout * 1000.0
        connected, handshake_ms = kernel_handshake(slot.sock) if slot.sock else (False, None)
        if connected:
            # it connected in time; only this loop was too busy to notice
            self._drop_socket(slot)
            self._finish(slot, handshake_ms or timeout_ms, None)
            return
        if slot.sock is None:
            self._waiting.get(slot.target.host, set()).discard(slot)
            reason = f"name resolution timed out after {timeout_ms:.0f} ms"
        else:
            reason = f"timed out after {timeout_ms:.0f} ms"
        self._drop_socket(slot)
        self._finish(slot, None, reason)

    def _finish(self, slot: _Slot, connect_ms: float | None, error: str | None) -> None:
        result = CheckResult(error is None, connect_ms, error, slot.started_at)
        step = apply_result(slot.state, result, slot.target.policy)
        _refresh(slot.state, step.state)
        slot.busy = False
        self.checks += 1
        outcome = ProbeOutcome(
            slot.target, result, step.state, step.previous, slot.due, slot.started
        )
        self._outbox.append(outcome)
        if outcome.changed:
            _log_change(outcome)
        self._schedule_after(slot)

    def _drop_socket(self, slot: _Slot) -> None:
        sock, slot.sock = slot.sock, None
        if sock is not None:
            self._inflight.pop(sock.fileno(), None)
            # unregister first: a forked child may still hold the descriptor open
            self._epoll.unregister(sock.fileno())
            sock.close()


def _connect_ms(slot: _Slot, sock: RawSocket) -> float:
    """Time the connect took: by this loop's clock, or the kernel's if the loop was late."""
    elapsed = (time.monotonic() - slot.connect_at) * 1000.0
    if elapsed > _LATE_MS:
        return kernel_handshake(sock)[1] or elapsed
    return elapsed


def _refresh(private: PortState, latest: PortState) -> None:
    """Copy every field of ``latest`` into ``private``.

    Spelled out field by field: a loop over the fields costs six times as much,
    on every check. A unit test fails when a field of PortState is left out.
    """
    private.status = latest.status
    private.since = latest.since
    private.reason = latest.reason
    private.last_check_at = latest.last_check_at
    private.last_connect_at = latest.last_connect_at
    private.consecutive_failures = latest.consecutive_failures
    private.consecutive_successes = latest.consecutive_successes
    private.response_time_ms = latest.response_time_ms


def _log_change(outcome: ProbeOutcome) -> None:
    key, state = outcome.target.key, outcome.state
    extra = {"target": key, "status": str(state.status)}
    logger.info(
        "%s is %s (was %s): %s", key, state.status, outcome.previous, state.reason, extra=extra
    )
