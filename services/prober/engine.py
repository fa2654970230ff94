"""The probe engine: one thread, one epoll loop, every port's TCP check on its own timer.

Callers add, change and remove :class:`Target` objects from any thread; the
engine applies each check to the port's :class:`PortState` and hands finished
checks to a sink, in batches, from its own thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from types import TracebackType
from typing import Self

from services.prober.probes import ProbeOutcome, Target
from services.prober.resolver import Address, BackgroundResolver, Lookup, Unusable, parse_host
from services.prober.schedule import next_after, next_check, phase_of
from services.prober.sockets import (
    ConnectFailed,
    RawSocket,
    SocketAddress,
    failure_reason,
    start_connect,
)
from services.prober.status import CheckResult, PortState, apply_result, needs_recheck
from services.prober.timers import TickWheel

__all__ = ("OutcomeSink", "ProbeEngine")

logger = logging.getLogger(__name__)

OutcomeSink = Callable[[list[ProbeOutcome]], None]

_WRITABLE_ONCE = select.EPOLLOUT | select.EPOLLONESHOT
_EPOCH = datetime.fromtimestamp(0, UTC)
# a loop turn never sleeps longer, so a lost wake-up costs at most this
_MAX_SLEEP = 1.0


@dataclass(eq=False, slots=True)
class _Slot:
    """Engine-side record of one target; touched only by the engine thread."""

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


class ProbeEngine:
    """Checks every target on its schedule and reports each check to ``sink``.

    Check starts are rounded up to whole ``tick`` seconds so one wake-up starts
    every check of a tick; when a tick holds fewer than ``batch`` checks, their
    start may wait up to ``batch_wait`` seconds to share a wake-up with later
    ones. A wake-up costs more CPU than several checks. ``sink`` gets finished
    checks at most every ``flush_every`` seconds, on the engine thread: it must
    return quickly (see :class:`~services.prober.stream.OutcomeStream`).
    """

    def __init__(
        self,
        sink: OutcomeSink,
        *,
        tick: float = 0.01,
        batch: int = 32,
        batch_wait: float = 0.04,
        flush_every: float = 0.05,
        dns_ttl: float = 60.0,
        dns_workers: int = 2,
    ) -> None:
        self._sink = sink
        self._tick = tick
        self._batch = batch
        self._batch_wait = batch_wait
        self._flush_every = flush_every
        self._origin = time.monotonic()
        self._slots: dict[str, _Slot] = {}
        self._inflight: dict[int, _Slot] = {}
        self._starts: TickWheel[_Slot] = TickWheel(self._origin, tick)
        self._deadlines: TickWheel[_Slot] = TickWheel(self._origin, tick)
        self._outbox: list[ProbeOutcome] = []
        self._flushed_at = 0.0
        self._commands: deque[Callable[[], None]] = deque()
        self._dns = BackgroundResolver(self._on_answer, ttl=dns_ttl, workers=dns_workers)
        self._waiting: dict[str, set[_Slot]] = {}
        self._epoll = select.epoll()
        self._wake_fd = os.eventfd(0, os.EFD_NONBLOCK | os.EFD_CLOEXEC)
        self._wake_lock = threading.Lock()
        self._epoll.register(self._wake_fd, select.EPOLLIN)
        self._thread = threading.Thread(target=self._run, name="prober-engine", daemon=True)
        self._stopping = False
        self.checks = 0

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start(self) -> None:
        self._thread.start()
        logger.info("probe engine started")

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the loop, close every socket and wait for the thread to end."""
        self._stopping = True
        if self._thread.ident is None:
            self._close()
        else:
            self._wake()
            self._thread.join(timeout)
        self._dns.close()
        logger.info("probe engine stopped after %d checks", self.checks)

    def upsert(self, target: Target, state: PortState | None = None) -> None:
        """Add or change a target; ``state`` (e.g. read back from storage) replaces its own."""
        self._post(partial(self._upsert, target, state))

    def remove(self, key: str) -> None:
        self._post(partial(self._remove, key))

    def replace_all(
        self, targets: Iterable[Target], states: Mapping[str, PortState] | None = None
    ) -> None:
        """Make ``targets`` the whole set: others go, known ones keep their state."""
        self._post(partial(self._replace_all, list(targets), dict(states or {})))

    def states(self) -> dict[str, PortState]:
        """A snapshot of every target's state, keyed by target key."""
        # dict.copy runs under the GIL in one step, so it is safe from another thread
        return {key: slot.state for key, slot in self._slots.copy().items()}

    def _post(self, command: Callable[[], None]) -> None:
        self._commands.append(command)
        self._wake()

    def _wake(self) -> None:
        # the lock keeps a late caller from writing to a closed, maybe reused, fd
        with self._wake_lock:
            if self._wake_fd >= 0:
                os.eventfd_write(self._wake_fd, 1)

    # -- the loop, engine thread only ------------------------------------------------

    def _run(self) -> None:
        while not self._stopping:
            try:
                self._turn()
            except Exception:
                logger.exception("probe engine turn failed; carrying on")
        self._close()

    def _turn(self) -> None:
        woken = False
        for fd, mask in self._epoll.poll(self._sleep_time()):
            if fd == self._wake_fd:
                woken = True
            else:
                self._on_ready(fd, mask)
        # commands after the connect events: a command may close a socket, and
        # its descriptor could otherwise be reused under a pending event
        if woken:
            self._run_commands()
        now = time.monotonic()
        self._start_due(now)
        for index, slots in self._deadlines.pop_due(now):
            for slot in slots:
                if self._overdue(slot, index):
                    self._expire(slot)
        self._flush(now)

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

    def _sleep_time(self) -> float:
        now = time.monotonic()
        starts = self._starts.next_time(self._batch, self._batch_wait)
        # most deadlines belong to checks long finished: never wake just for them
        # while a start is near, and let a real timeout wait ``batch_wait`` at most
        deadline = self._deadlines.next_time()
        wakes = [now + _MAX_SLEEP, starts]
        if deadline is not None:
            wakes.append(deadline + self._batch_wait)
        if self._outbox:
            wakes.append(self._flushed_at + self._flush_every)
        return max(min(wake for wake in wakes if wake is not None) - now, 0.0)

    def _run_commands(self) -> None:
        with contextlib.suppress(BlockingIOError):
            os.eventfd_read(self._wake_fd)
        while self._commands:
            self._commands.popleft()()

    def _may_start(self, slot: _Slot, tick: int) -> bool:
        """Whether a slot taken from ``tick`` is still due there (not moved or removed)."""
        return slot.next_tick == tick and self._slots.get(slot.target.key) is slot

    def _overdue(self, slot: _Slot, tick: int) -> bool:
        """Whether a slot taken from deadline ``tick`` is still running that check."""
        return slot.busy and slot.deadline_tick == tick and self._slots.get(slot.target.key) is slot

    def _flush(self, now: float, force: bool = False) -> None:
        if not self._outbox or (now < self._flushed_at + self._flush_every and not force):
            return
        batch, self._outbox = self._outbox, []
        self._flushed_at = now
        try:
            self._sink(batch)
        except Exception:
            logger.exception("outcome sink failed; %d outcomes lost", len(batch))

    # -- one check --------------------------------------------------------------------

    def _begin(self, slot: _Slot, at: datetime) -> None:
        target = slot.target
        slot.busy = True
        slot.next_tick = -1
        slot.started = started = time.monotonic()
        slot.started_at = at
        slot.deadline_tick = self._deadlines.add(started + target.timeout, slot)
        if slot.sockaddr is not None:
            self._connect(slot, slot.family, slot.sockaddr)
        else:
            self._resolve(slot)

    def _resolve(self, slot: _Slot) -> None:
        host = slot.target.host
        lookup = slot.literal or self._dns.lookup(host, slot.started)
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

    def _on_ready(self, fd: int, mask: int) -> None:
        slot = self._inflight.pop(fd, None)
        if slot is None or slot.sock is None:
            return
        sock, slot.sock = slot.sock, None
        if mask == select.EPOLLOUT:
            elapsed, reason = (time.monotonic() - slot.connect_at) * 1000.0, None
        else:
            elapsed, reason = None, failure_reason(sock)
        # the one-shot registration has disarmed itself; close() drops it from epoll
        sock.close()
        self._finish(slot, elapsed, reason)

    def _expire(self, slot: _Slot) -> None:
        timeout_ms = slot.target.timeout * 1000.0
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
        slot.state = step.state
        slot.busy = False
        self.checks += 1
        outcome = ProbeOutcome(
            slot.target, result, step.state, step.previous, slot.due, slot.started
        )
        self._outbox.append(outcome)
        if outcome.changed:
            self._log_change(outcome)
        self._schedule_after(slot)

    def _schedule_after(self, slot: _Slot) -> None:
        target = slot.target
        recheck = target.recheck if needs_recheck(slot.state) else None
        # a slot that our own wake-up batching made us miss is taken late, not skipped
        grace = self._tick + self._batch_wait
        now = time.monotonic()
        self._queue(slot, next_check(slot.due, now, slot.base, target.interval, recheck, grace))

    def _queue(self, slot: _Slot, due: float) -> None:
        slot.due = due
        slot.next_tick = self._starts.add(due, slot)

    def _drop_socket(self, slot: _Slot) -> None:
        sock, slot.sock = slot.sock, None
        if sock is not None:
            self._inflight.pop(sock.fileno(), None)
            # unregister first: a forked child may still hold the descriptor open
            self._epoll.unregister(sock.fileno())
            sock.close()

    @staticmethod
    def _log_change(outcome: ProbeOutcome) -> None:
        key, state = outcome.target.key, outcome.state
        extra = {"target": key, "status": str(state.status)}
        logger.info(
            "%s is %s (was %s): %s", key, state.status, outcome.previous, state.reason, extra=extra
        )

    # -- names ------------------------------------------------------------------------

    def _on_answer(self, host: str, answer: Lookup) -> None:
        """Runs on a resolver thread: hand the answer to the engine thread."""
        self._post(partial(self._store_answer, host, answer))

    def _store_answer(self, host: str, answer: Lookup) -> None:
        self._dns.store(host, answer, time.monotonic())
        for slot in self._waiting.pop(host, set()):
            if slot.busy and slot.sock is None and slot.target.host == host:
                self._resolve(slot)

    # -- commands ---------------------------------------------------------------------

    def _upsert(self, target: Target, state: PortState | None) -> None:
        slot = self._slots.get(target.key)
        if slot is None:
            slot = _Slot(target, state or PortState.initial(datetime.now(UTC)))
            self._slots[target.key] = slot
            self._reschedule(slot)
            return
        if state is not None:
            slot.state = state
        previous = slot.target
        if previous.host != target.host or previous.port != target.port:
            self._cancel(slot)
        slot.target = target
        if not previous.same_schedule(target):
            self._reschedule(slot)

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

    def _remove(self, key: str) -> None:
        slot = self._slots.pop(key, None)
        if slot is not None:
            self._cancel(slot)

    def _replace_all(self, targets: list[Target], states: dict[str, PortState]) -> None:
        keep = {target.key for target in targets}
        for key in [key for key in self._slots if key not in keep]:
            self._remove(key)
        for target in targets:
            self._upsert(target, states.get(target.key))

    def _close(self) -> None:
        self._flush(time.monotonic(), force=True)
        for slot in list(self._inflight.values()):
            self._drop_socket(slot)
        self._epoll.close()
        with self._wake_lock:
            os.close(self._wake_fd)
            self._wake_fd = -1
