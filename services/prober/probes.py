"""What the probe engine is asked to check, and what it reports for each check."""

from __future__ import annotations

from dataclasses import dataclass

from services.prober.status import CheckResult, HealthPolicy, PortState, Status

__all__ = ("DEFAULT_POLICY", "DEFAULT_RECHECK_CAP", "ProbeOutcome", "Target")

DEFAULT_RECHECK_CAP = 2.0
# one shared instance: it is frozen, and ten thousand copies would only load the GC
DEFAULT_POLICY = HealthPolicy()


@dataclass(frozen=True, slots=True)
class Target:
    """One port to check every ``interval`` seconds, failing after ``timeout``.

    ``key`` names the port for the caller (state, events) and fixes its phase in
    the schedule. ``recheck_interval`` is used while the port is between states;
    it defaults to ``min(interval, 2)``.
    """

    key: str
    host: str
    port: int
    interval: float
    timeout: float
    policy: HealthPolicy = DEFAULT_POLICY
    recheck_interval: float | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.port <= 65535:
            raise ValueError(f"port {self.port} of {self.key!r} is outside 1-65535")
        if self.interval <= 0 or self.timeout <= 0:
            raise ValueError(f"interval and timeout of {self.key!r} must be positive")
        if self.recheck_interval is not None and self.recheck_interval <= 0:
            raise ValueError(f"recheck_interval of {self.key!r} must be positive")

    @property
    def recheck(self) -> float:
        if self.recheck_interval is not None:
            return self.recheck_interval
        return min(self.interval, DEFAULT_RECHECK_CAP)

    def same_schedule(self, other: Target) -> bool:
        """Whether ``other`` probes the same address on the same timetable."""
        return (
            self.host == other.host
            and self.port == other.port
            and self.interval == other.interval
            and self.timeout == other.timeout
            and self.recheck == other.recheck
        )


@dataclass(slots=True)
class ProbeOutcome:
    """One finished check: its result, the port's state after it, and timing.

    ``due`` and ``started`` are ``time.monotonic()`` readings; their difference is
    the scheduler's lag. ``previous`` is the status before this check, so
    ``changed`` tells the caller to publish a status change. Never changed once
    built; not frozen only because that would make it dearer to build.
    """

    target: Target
    result: CheckResult
    state: PortState
    previous: Status
    due: float
    started: float

    @property
    def changed(self) -> bool:
        return self.state.status is not self.previous
