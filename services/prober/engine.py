"""The probe engine: a thread that runs a :class:`Checker` and takes commands from others.

Callers add, change and remove :class:`Target` objects from any thread; the
engine applies each check to the port's :class:`PortState` and hands finished
checks to a sink, in batches, from its own thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import Self

from services.prober.checker import Checker
from services.prober.probes import ProbeOutcome, Target
from services.prober.resolver import BackgroundResolver, Lookup
from services.prober.status import PortState

__all__ = ("EngineOptions", "OutcomeSink", "ProbeEngine")

logger = logging.getLogger(__name__)

OutcomeSink = Callable[[list[ProbeOutcome]], None]


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """How the engine trades start precision for CPU, and caches host names.

    Check starts are rounded up to whole ``tick`` seconds; a tick holding fewer
    than ``batch`` checks may wait up to ``batch_wait`` seconds to share one
    wake-up with later ticks.
    """

    tick: float = 0.01
    batch: int = 32
    batch_wait: float = 0.04
    dns_ttl: float = 60.0
    dns_workers: int = 2


class ProbeEngine:
    """Checks every target on its schedule and reports each check to ``sink``.

    ``sink`` gets the checks finished in each loop turn, on the engine thread:
    it must return quickly (see :class:`~services.prober.stream.OutcomeStream`).
    Handing them over at once also keeps them from living long enough to burden
    the garbage collector.
    """

    def __init__(self, sink: OutcomeSink, options: EngineOptions | None = None) -> None:
        options = options or EngineOptions()
        self._sink = sink
        self._resolver = BackgroundResolver(
            self._on_answer, ttl=options.dns_ttl, workers=options.dns_workers
        )
        self._checker = Checker(
            self._resolver, tick=options.tick, batch=options.batch, batch_wait=options.batch_wait
        )
        self._commands: deque[Callable[[], None]] = deque()
        self._wake_fd = os.eventfd(0, os.EFD_NONBLOCK | os.EFD_CLOEXEC)
        self._wake_lock = threading.Lock()
        self._checker.watch(self._wake_fd)
        self._thread = threading.Thread(target=self._run, name="prober-engine", daemon=True)
        self._stopping = False

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def checks(self) -> int:
        """Checks finished since the engine started."""
        return self._checker.checks

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
        self._resolver.close()
        logger.info("probe engine stopped after %d checks", self.checks)

    def upsert(self, target: Target, state: PortState | None = None) -> None:
        """Add or change a target; ``state`` (e.g. read back from storage) replaces its own."""
        self._post(partial(self._checker.upsert, target, state))

    def remove(self, key: str) -> None:
        self._post(partial(self._checker.remove, key))

    def replace_all(
        self, targets: Iterable[Target], states: Mapping[str, PortState] | None = None
    ) -> None:
        """Make ``targets`` the whole set: others go, known ones keep their state."""
        self._post(partial(self._checker.replace_all, list(targets), dict(states or {})))

    def states(self, timeout: float = 1.0) -> dict[str, PortState]:
        """A consistent snapshot of every target's state, keyed by target key.

        Taken on the engine thread, so the caller waits for it (one loop turn).
        """
        if not self._thread.is_alive():
            return self._checker.snapshot()
        answer: Future[dict[str, PortState]] = Future()
        self._post(lambda: answer.set_result(self._checker.snapshot()))
        return answer.result(timeout)

    def _post(self, command: Callable[[], None]) -> None:
        self._commands.append(command)
        self._wake()

    def _wake(self) -> None:
        # the lock keeps a late caller from writing to a closed, maybe reused, fd
        with self._wake_lock:
            if self._wake_fd >= 0:
                os.eventfd_write(self._wake_fd, 1)

    def _on_answer(self, host: str, answer: Lookup) -> None:
        """Runs on a resolver thread: hand the answer to the engine thread."""
        self._post(partial(self._checker.store_answer, host, answer))

    # -- engine thread only -----------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping:
            try:
                self._turn()
            except Exception:
                logger.exception("probe engine turn failed; carrying on")
        self._close()

    def _turn(self) -> None:
        # commands after the connect events that wait() settled: a command may
        # close a socket, and its descriptor could otherwise be reused under a
        # pending event
        if self._checker.wait():
            self._run_commands()
        self._checker.run_due()
        self._deliver()

    def _run_commands(self) -> None:
        with contextlib.suppress(BlockingIOError):
            os.eventfd_read(self._wake_fd)
        while self._commands:
            self._commands.popleft()()

    def _deliver(self) -> None:
        outcomes = self._checker.take_outcomes()
        if not outcomes:
            return
        try:
            self._sink(outcomes)
        except Exception:
            logger.exception("outcome sink failed; %d outcomes lost", len(outcomes))

    def _close(self) -> None:
        self._deliver()
        self._checker.close()
        with self._wake_lock:
            os.close(self._wake_fd)
            self._wake_fd = -1
