"""What the prober checks, read from ``tlkresources``: one target per monitored port."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.prober.probes import Target
from services.prober.status import HealthPolicy, PortState, Status
from shared.db.health import HealthRow
from shared.db.resources import Resource

__all__ = ("Plan", "disabled_state", "plan_targets", "state_from_row", "state_to_row")


@dataclass(frozen=True, slots=True)
class Plan:
    """The ports to check, and the ports with monitoring off (shown as disabled)."""

    targets: list[Target]
    disabled: dict[int, str]

    @property
    def ports(self) -> list[int]:
        return sorted([int(t.key) for t in self.targets] + list(self.disabled))


def plan_targets(
    rows: list[Resource], *, recovery_checks: int, recheck_interval: float | None
) -> Plan:
    """One target per port with a port > 0; the oldest row of a port speaks for it."""
    targets: list[Target] = []
    disabled: dict[int, str] = {}
    seen: set[int] = set()
    for row in sorted(rows, key=lambda r: (r.port, r.id)):
        if row.port <= 0 or row.port in seen:
            continue
        seen.add(row.port)
        monitor = row.monitor
        if not monitor.monitor_enabled:
            disabled[row.port] = row.ip
            continue
        policy = HealthPolicy(
            threshold=max(1, monitor.monitor_threshold), recovery_checks=recovery_checks
        )
        targets.append(
            Target(
                key=str(row.port),
                host=row.ip.strip(),
                port=row.port,
                interval=float(max(1, monitor.monitor_interval)),
                timeout=float(max(1, monitor.monitor_timeout)),
                policy=policy,
                recheck_interval=recheck_interval,
            )
        )
    return Plan(targets, disabled)


def state_from_row(row: HealthRow) -> PortState:
    """A stored state, so a restarted prober resumes its counters."""
    return PortState(
        Status(row.status),
        row.since,
        row.reason,
        row.last_check_at,
        row.last_connect_at,
        row.consecutive_failures,
        row.consecutive_successes,
        row.response_time_ms,
    )


def state_to_row(port: int, host: str, state: PortState) -> HealthRow:
    return HealthRow(
        port=port,
        host=host,
        status=state.status.value,
        since=state.since,
        reason=state.reason,
        last_check_at=state.last_check_at,
        last_connect_at=state.last_connect_at,
        consecutive_failures=state.consecutive_failures,
        consecutive_successes=state.consecutive_successes,
        response_time_ms=state.response_time_ms,
    )


def disabled_state(at: datetime) -> PortState:
    return PortState(Status.DISABLED, at, "monitoring off")
