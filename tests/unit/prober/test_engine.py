"""The probe engine against real loopback ports."""

from __future__ import annotations

import itertools
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.prober.engine import ProbeEngine
from services.prober.probes import ProbeOutcome, Target
from services.prober.status import HealthPolicy, PortState, Status
from tests.unit.prober.conftest import Collector, Listener

TIME_WAIT = "06"


def target(
    key: str,
    port: int,
    host: str = "127.0.0.1",
    *,
    interval: float = 0.2,
    timeout: float = 0.5,
    recheck_interval: float | None = None,
    policy: HealthPolicy | None = None,
) -> Target:
    policy = policy or HealthPolicy()
    return Target(key, host, port, interval, timeout, policy, recheck_interval)


def time_wait_count(port: int) -> int:
    suffix = f":{port:04X}"
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            ends = (fields[1], fields[2])
            if fields[3] == TIME_WAIT and any(end.endswith(suffix) for end in ends):
                count += 1
    return count


def due_gaps(outcomes: list[ProbeOutcome]) -> list[float]:
    return [later.due - earlier.due for earlier, later in itertools.pairwise(outcomes)]


def test_check_is_healthy_when_port_listens(
    engine: ProbeEngine, collector: Collector, listener: Listener
) -> None:
    engine.upsert(target("up", listener.port))

    [outcome] = collector.wait("up", 1)

    assert outcome.result.ok and outcome.result.connect_ms is not None
    assert outcome.result.connect_ms < 200.0
    assert outcome.state.status is Status.HEALTHY and outcome.changed


def test_check_fails_refused_when_nothing_listens(
    engine: ProbeEngine, collector: Collector, refused_port: int
) -> None:
    engine.upsert(target("down", refused_port))

    [outcome] = collector.wait("down", 1)

    assert not outcome.result.ok
    assert outcome.result.error == "connection refused"


def test_check_times_out_when_accept_queue_full(
    engine: ProbeEngine, collector: Collector, silent_port: int
) -> None:
    engine.upsert(target("silent", silent_port, interval=1.0, timeout=0.3))

    [outcome] = collector.wait("silent", 1)
    waited = time.monotonic() - outcome.started

    assert outcome.result.error == "timed out after 300 ms"
    assert waited >= 0.3


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("no-such-host.invalid", "cannot resolve"),
        ("999.1.1.1", "not a valid IP address"),
        ("bad host!", "not a valid host name"),
    ],
)
def test_check_fails_with_reason_when_host_unusable(
    engine: ProbeEngine, collector: Collector, host: str, reason: str
) -> None:
    engine.upsert(target("bad", 80, host=host))

    [outcome] = collector.wait("bad", 1)

    assert not outcome.result.ok and reason in (outcome.result.error or "")


def test_check_connects_when_host_is_a_name(
    engine: ProbeEngine, collector: Collector, listener: Listener
) -> None:
    engine.upsert(target("named", listener.port, host="localhost"))

    [outcome] = collector.wait("named", 1)

    assert outcome.result.ok, outcome.result.error


def test_check_connects_when_host_is_ipv6(
    engine: ProbeEngine, collector: Collector, ipv6_listener: Listener
) -> None:
    engine.upsert(target("v6", ipv6_listener.port, host="::1"))

    [outcome] = collector.wait("v6", 1)

    assert outcome.result.ok, outcome.result.error


def test_checks_leave_no_time_wait_when_connections_close(
    engine: ProbeEngine, collector: Collector, listener: Listener
) -> None:
    keys = [f"tw{n}" for n in range(6)]
    for key in keys:
        engine.upsert(target(key, listener.port, interval=0.1))

    collector.wait_until(lambda: all(len(collector.of(key)) >= 4 for key in keys))

    assert all(outcome.result.ok for key in keys for outcome in collector.of(key))
    assert time_wait_count(listener.port) == 0


def test_port_is_rechecked_sooner_when_between_states(
    engine: ProbeEngine, collector: Collector, refused_port: int
) -> None:
    policy = HealthPolicy(threshold=3)
    engine.upsert(target("flaky", refused_port, interval=0.5, recheck_interval=0.1, policy=policy))

    outcomes = collector.wait("flaky", 4)
    gaps = due_gaps(outcomes)

    assert [o.state.status for o in outcomes[:3]] == [Status.UNKNOWN] * 2 + [Status.UNHEALTHY]
    assert gaps[:2] == pytest.approx([0.1, 0.1], abs=1e-6)
    assert gaps[2] == pytest.approx(0.3, abs=1e-6)


def test_slow_port_never_delays_others_when_checks_time_out(
    engine: ProbeEngine, collector: Collector, listener: Listener, silent_port: int
) -> None:
    for n in range(5):
        engine.upsert(target(f"silent{n}", silent_port, interval=0.5, timeout=0.25))
    engine.upsert(target("up", listener.port, interval=0.1))

    fast = collector.wait("up", 8)
    slow = collector.wait("silent0", 3)

    lags = [o.started - o.due for o in fast]
    # start batching may hold a start back a tick plus batch_wait, never a timeout
    assert max(lags) < 0.2
    for outcomes, interval in ((fast, 0.1), (slow, 0.5)):
        gaps = due_gaps(outcomes)
        assert gaps == pytest.approx([interval] * len(gaps), abs=1e-6)


def test_first_checks_spread_over_interval_when_many_ports_added(
    engine: ProbeEngine, collector: Collector, listener: Listener
) -> None:
    keys = [str(port) for port in range(8200, 8240)]

    for key in keys:
        engine.upsert(target(key, listener.port, interval=0.5))
    collector.wait_until(lambda: all(collector.of(key) for key in keys))

    dues = sorted(collector.of(key)[0].due for key in keys)
    buckets = [0] * 5
    for due in dues:
        buckets[min(int((due - dues[0]) / 0.1), 4)] += 1
    assert dues[-1] - dues[0] > 0.3
    assert max(buckets) <= 16


def test_interval_change_reschedules_when_target_updated(
    engine: ProbeEngine, collector: Collector, listener: Listener
) -> None:
    engine.upsert(target("moving", listener.port, interval=1.0))
    collector.wait("moving", 1, timeout=3.0)

    engine.upsert(target("moving", listener.port, interval=0.1))
    outcomes = collector.wait("moving", 4, timeout=3.0)

    gaps = due_gaps(outcomes[1:])
    assert gaps == pytest.approx([0.1] * len(gaps), abs=1e-6)


def test_removed_target_stops_being_checked_when_removed(
    engine: ProbeEngine, collector: Collector, listener: Listener
) -> None:
    engine.upsert(target("gone", listener.port, interval=0.05))
    collector.wait("gone", 1)

    engine.remove("gone")
    # commands run in order: once "fence" is checked, the removal has happened
    engine.upsert(target("fence", listener.port, interval=0.05))
    collector.wait("fence", 1)
    seen = len(collector.of("gone"))
    collector.wait("fence", 4)

    assert len(collector.of("gone")) == seen
    assert "gone" not in engine.states()


def test_saved_state_resumes_counters_when_target_added_with_state(
    engine: ProbeEngine, collector: Collector, refused_port: int
) -> None:
    saved = PortState(Status.HEALTHY, datetime.now(UTC), "connected", consecutive_failures=1)

    engine.upsert(target("resumed", refused_port), saved)
    [outcome] = collector.wait("resumed", 1)

    assert outcome.previous is Status.HEALTHY
    assert outcome.state.status is Status.UNHEALTHY and outcome.changed


def test_replace_all_keeps_known_state_when_refreshed(
    engine: ProbeEngine, collector: Collector, listener: Listener, refused_port: int
) -> None:
    engine.upsert(target("kept", listener.port))
    engine.upsert(target("dropped", refused_port))
    collector.wait("kept", 1)

    engine.replace_all([target("kept", listener.port), target("new", refused_port)])
    collector.wait("new", 1)

    states = engine.states()
    assert set(states) == {"kept", "new"}
    assert states["kept"].status is Status.HEALTHY


def test_engine_keeps_checking_when_sink_raises(listener: Listener) -> None:
    calls: list[int] = []
    third_call = threading.Event()

    def broken_sink(batch: list[ProbeOutcome]) -> None:
        calls.append(len(batch))
        if len(calls) >= 3:
            third_call.set()
        raise RuntimeError("sink down")

    with ProbeEngine(broken_sink) as engine:
        engine.upsert(target("up", listener.port, interval=0.05))

        assert third_call.wait(5.0)


def test_engine_closes_cleanly_when_never_started() -> None:
    engine = ProbeEngine(Collector())

    engine.stop()

    assert engine.states() == {}
