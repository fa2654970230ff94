"""Check timetable: stable phases, a fixed grid, quicker rechecks."""

from __future__ import annotations

import pytest

from services.prober.schedule import next_after, next_check, phase_of


def test_phase_stays_same_when_computed_twice() -> None:
    assert phase_of("8002", 30.0, 0.01) == phase_of("8002", 30.0, 0.01)


def test_phase_is_whole_ticks_when_computed() -> None:
    ticks = phase_of("8002", 30.0, 0.25) / 0.25

    assert ticks == int(ticks)


def test_phases_spread_over_interval_when_many_ports() -> None:
    phases = [phase_of(str(port), 1.0, 0.01) for port in range(8000, 9000)]

    buckets = [0] * 10
    for phase in phases:
        buckets[int(phase * 10)] += 1

    assert all(0.0 <= phase < 1.0 for phase in phases)
    assert max(buckets) < 150 and min(buckets) > 50


def test_next_after_is_strictly_later_when_on_grid_point() -> None:
    assert next_after(10.3, 0.3, 5.0) == pytest.approx(15.3)
    assert next_after(10.2, 0.3, 5.0) == pytest.approx(10.3)


def test_next_check_counts_start_to_start_when_regular() -> None:
    assert next_check(due=10.3, now=10.9, base=0.3, interval=5.0, recheck=None) == pytest.approx(
        15.3
    )


def test_next_check_skips_missed_slot_when_check_ran_long() -> None:
    assert next_check(due=10.3, now=16.0, base=0.3, interval=5.0, recheck=None) == pytest.approx(
        20.3
    )


def test_next_check_comes_sooner_when_recheck_asked() -> None:
    assert next_check(due=10.3, now=10.4, base=0.3, interval=5.0, recheck=2.0) == pytest.approx(
        12.3
    )


def test_next_check_returns_to_grid_when_recheck_done() -> None:
    assert next_check(due=12.3, now=12.4, base=0.3, interval=5.0, recheck=None) == pytest.approx(
        15.3
    )


def test_next_check_takes_slot_late_when_missed_within_grace() -> None:
    assert next_check(
        due=10.3, now=15.32, base=0.3, interval=5.0, recheck=None, grace=0.05
    ) == pytest.approx(15.3)
