"""Pure health rules: how a check is graded and how a port's status moves.

Every step builds a new state rather than changing the old one, and nothing
handed to a caller is changed afterwards. The types are not frozen only because
frozen dataclasses cost five times more to build, and the engine builds several
per check.

A port leaves ``unknown`` on its first good check, or becomes ``unhealthy`` once
``threshold`` checks in a row have failed; a failure below the threshold leaves
the status as it was (the port is then *between states*). An unhealthy port
comes back after ``recovery_checks`` good checks in a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = (
    "FAIL_ABOVE_MS",
    "WARNING_FROM_MS",
    "CheckResult",
    "HealthPolicy",
    "PortState",
    "Status",
    "Transition",
    "Verdict",
    "apply_result",
    "classify",
    "disable",
    "enable",
    "needs_recheck",
)

WARNING_FROM_MS = 200.0
FAIL_ABOVE_MS = 750.0
# fixed texts: the time itself is in response_time_ms, and formatting it on
# every good check would cost the engine measurable CPU
_QUICK = f"connected in under {WARNING_FROM_MS:.0f} ms"
_SLOW = f"connected in {WARNING_FROM_MS:.0f}-{FAIL_ABOVE_MS:.0f} ms"


class Status(StrEnum):
    """Health status of a port, spelled as stored and published."""

    UNKNOWN = "unknown"
    HEALTHY = "healthy"
    WARNING = "warning"
    UNHEALTHY = "unhealthy"
    DISABLED = "disabled"


@dataclass(slots=True)
class CheckResult:
    """Outcome of one TCP connect: ``ok`` when it connected, in ``connect_ms``."""

    ok: bool
    connect_ms: float | None
    error: str | None
    checked_at: datetime


@dataclass(frozen=True, slots=True)
class HealthPolicy:
    """How many checks in a row move a port to unhealthy and back."""

    threshold: int = 2
    recovery_checks: int = 1

    def __post_init__(self) -> None:
        if self.threshold < 1 or self.recovery_checks < 1:
            raise ValueError(f"threshold and recovery_checks must be >= 1, not {self}")


@dataclass(slots=True)
class Verdict:
    """A graded check: ``status`` is healthy or warning for a good check, else None."""

    status: Status | None
    reason: str

    @property
    def good(self) -> bool:
        return self.status is not None


@dataclass(slots=True)
class PortState:
    """Health state of one port; every field can be read back from storage."""

    status: Status
    since: datetime
    reason: str
    last_check_at: datetime | None = None
    last_connect_at: datetime | None = None
    consecutive_failures: int = 0
    consecutive_successes: int = 0
    response_time_ms: float | None = None

    @classmethod
    def initial(cls, at: datetime) -> PortState:
        return cls(Status.UNKNOWN, at, "not checked yet")


@dataclass(slots=True)
class Transition:
    """A state after one step, and the status it had before."""

    state: PortState
    previous: Status

    @property
    def changed(self) -> bool:
        return self.state.status is not self.previous


def classify(result: CheckResult) -> Verdict:
    """Grade one check by the thresholds of the health table."""
    ms = result.connect_ms
    if not result.ok or ms is None:
        return Verdict(None, result.error or "connection failed")
    if ms > FAIL_ABOVE_MS:
        return Verdict(None, f"connected in {ms:.1f} ms, over {FAIL_ABOVE_MS:.0f} ms")
    if ms < WARNING_FROM_MS:
        return Verdict(Status.HEALTHY, _QUICK)
    return Verdict(Status.WARNING, _SLOW)


def apply_result(state: PortState, result: CheckResult, policy: HealthPolicy) -> Transition:
    """Fold one check into ``state``; a disabled port ignores checks."""
    if state.status is Status.DISABLED:
        return Transition(state, state.status)
    verdict = classify(result)
    if verdict.good:
        return _after_good(state, result, verdict, policy)
    return _after_failure(state, result, verdict, policy)


def _after_good(
    state: PortState, result: CheckResult, verdict: Verdict, policy: HealthPolicy
) -> Transition:
    successes = state.consecutive_successes + 1
    recovering = state.status is Status.UNHEALTHY and successes < policy.recovery_checks
    status = state.status if recovering else verdict.status
    assert status is not None  # a good verdict always carries a status
    at = result.checked_at
    since = state.since if status is state.status else at
    new = PortState(status, since, verdict.reason, at, at, 0, successes, result.connect_ms)
    return Transition(new, state.status)


def _after_failure(
    state: PortState, result: CheckResult, verdict: Verdict, policy: HealthPolicy
) -> Transition:
    failures = state.consecutive_failures + 1
    status = Status.UNHEALTHY if failures >= policy.threshold else state.status
    at = result.checked_at
    since = state.since if status is state.status else at
    # a slow connect still connected: it counts as the port's last contact
    connected_at = at if result.ok else state.last_connect_at
    new = PortState(status, since, verdict.reason, at, connected_at, failures, 0, result.connect_ms)
    return Transition(new, state.status)


def needs_recheck(state: PortState) -> bool:
    """Whether the port is between states, so its next check should come sooner."""
    if state.status is Status.UNHEALTHY:
        return state.consecutive_successes > 0
    return state.status is not Status.DISABLED and state.consecutive_failures > 0


def disable(state: PortState, at: datetime) -> Transition:
    """Monitoring turned off: the port shows ``disabled`` and its counters restart."""
    if state.status is Status.DISABLED:
        return Transition(state, state.status)
    return Transition(PortState(Status.DISABLED, at, "monitoring off"), state.status)


def enable(state: PortState, at: datetime) -> Transition:
    """Monitoring turned back on: the port is ``unknown`` until checked."""
    if state.status is not Status.DISABLED:
        return Transition(state, state.status)
    return Transition(PortState.initial(at), state.status)
