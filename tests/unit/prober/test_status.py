"""Health rules: grading a check and moving a port between statuses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.prober.status import (
    CheckResult,
    HealthPolicy,
    PortState,
    Status,
    apply_result,
    classify,
    disable,
    enable,
    needs_recheck,
)

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def good(ms: float = 5.0, second: int = 0) -> CheckResult:
    return CheckResult(True, ms, None, T0 + timedelta(seconds=second))


def bad(reason: str = "connection refused", second: int = 0) -> CheckResult:
    return CheckResult(False, None, reason, T0 + timedelta(seconds=second))


def run(state: PortState, results: list[CheckResult], policy: HealthPolicy) -> list[PortState]:
    states = []
    for result in results:
        state = apply_result(state, result, policy).state
        states.append(state)
    return states


@pytest.mark.parametrize(
    ("ms", "expected"),
    [
        (0.0, Status.HEALTHY),
        (199.0, Status.HEALTHY),
        (199.99, Status.HEALTHY),
        (200.0, Status.WARNING),
        (750.0, Status.WARNING),
        (750.01, None),
        (751.0, None),
    ],
)
def test_classify_grades_connect_time_at_thresholds(ms: float, expected: Status | None) -> None:
    verdict = classify(good(ms))

    assert verdict.status is expected
    assert verdict.good is (expected is not None)


def test_classify_fails_with_reason_when_not_connected() -> None:
    verdict = classify(bad("timed out after 5000 ms"))

    assert not verdict.good
    assert verdict.reason == "timed out after 5000 ms"


def test_classify_names_limit_when_connect_too_slow() -> None:
    assert "over 750 ms" in classify(good(751.0)).reason


def test_port_becomes_unhealthy_only_at_threshold_when_checks_fail() -> None:
    healthy = apply_result(PortState.initial(T0), good(), HealthPolicy(threshold=3)).state

    states = run(healthy, [bad(second=s) for s in (1, 2, 3)], HealthPolicy(threshold=3))

    assert [s.status for s in states] == [Status.HEALTHY, Status.HEALTHY, Status.UNHEALTHY]
    assert [s.consecutive_failures for s in states] == [1, 2, 3]
    assert states[2].since == T0 + timedelta(seconds=3)
    assert states[2].reason == "connection refused"


def test_unknown_port_stays_unknown_when_failing_below_threshold() -> None:
    states = run(PortState.initial(T0), [bad(), bad()], HealthPolicy(threshold=3))

    assert [s.status for s in states] == [Status.UNKNOWN, Status.UNKNOWN]
    assert states[-1].last_check_at == T0


def test_port_recovers_after_recovery_checks_when_checks_succeed() -> None:
    policy = HealthPolicy(threshold=1, recovery_checks=3)
    down = apply_result(PortState.initial(T0), bad(), policy).state

    states = run(down, [good(second=s) for s in (1, 2, 3)], policy)

    assert [s.status for s in states] == [Status.UNHEALTHY, Status.UNHEALTHY, Status.HEALTHY]
    assert states[-1].since == T0 + timedelta(seconds=3)
    assert states[-1].consecutive_successes == 3


def test_recovery_restarts_when_a_check_fails_midway() -> None:
    policy = HealthPolicy(threshold=1, recovery_checks=2)
    down = apply_result(PortState.initial(T0), bad(), policy).state

    states = run(down, [good(), bad(), good(), good()], policy)

    assert [s.status for s in states][-2:] == [Status.UNHEALTHY, Status.HEALTHY]
    assert states[1].consecutive_successes == 0


def test_apply_result_reports_change_when_status_moves() -> None:
    policy = HealthPolicy()
    first = apply_result(PortState.initial(T0), good(250.0), policy)

    second = apply_result(first.state, good(250.0, second=1), policy)
    third = apply_result(second.state, good(10.0, second=2), policy)

    assert (first.changed, first.previous, first.state.status) == (
        True,
        Status.UNKNOWN,
        Status.WARNING,
    )
    assert not second.changed and second.state.since == first.state.since
    assert third.changed and third.state.status is Status.HEALTHY


def test_state_records_contact_times_when_checks_run() -> None:
    policy = HealthPolicy(threshold=5)
    states = run(PortState.initial(T0), [good(12.5), bad(second=5), good(800.0, second=9)], policy)

    assert states[0].response_time_ms == 12.5
    assert states[1].last_connect_at == T0 and states[1].response_time_ms is None
    assert states[2].last_connect_at == T0 + timedelta(seconds=9)
    assert states[2].consecutive_failures == 2


def test_persisted_state_resumes_counters_when_restarted() -> None:
    saved = PortState(Status.HEALTHY, T0, "connected in 3.0 ms", T0, T0, consecutive_failures=1)

    step = apply_result(saved, bad(second=30), HealthPolicy(threshold=2))

    assert step.changed and step.state.status is Status.UNHEALTHY


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (PortState(Status.HEALTHY, T0, "", consecutive_failures=1), True),
        (PortState(Status.UNKNOWN, T0, "", consecutive_failures=1), True),
        (PortState(Status.HEALTHY, T0, "", consecutive_successes=4), False),
        (PortState(Status.UNHEALTHY, T0, "", consecutive_failures=3), False),
        (PortState(Status.UNHEALTHY, T0, "", consecutive_successes=1), True),
        (PortState(Status.DISABLED, T0, ""), False),
    ],
)
def test_needs_recheck_is_true_only_when_between_states(state: PortState, expected: bool) -> None:
    assert needs_recheck(state) is expected


def test_disabled_port_ignores_checks_until_enabled() -> None:
    off = disable(PortState.initial(T0), T0).state

    ignored = apply_result(off, bad(), HealthPolicy(threshold=1))
    back = enable(off, T0 + timedelta(seconds=1))

    assert off.status is Status.DISABLED and not ignored.changed
    assert back.changed and back.state.status is Status.UNKNOWN


def test_policy_rejects_zero_when_built() -> None:
    with pytest.raises(ValueError, match="threshold"):
        HealthPolicy(threshold=0)
