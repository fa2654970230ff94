"""The timer wheel behind check starts and deadlines."""

from __future__ import annotations

import pytest

from services.prober.timers import TickWheel


def test_wheel_files_entry_under_next_tick_when_between_ticks() -> None:
    wheel: TickWheel[str] = TickWheel(origin=100.0, tick=0.5)

    assert wheel.add(100.2, "a") == 1
    assert wheel.add(100.5, "b") == 1
    assert wheel.next_time() == pytest.approx(100.5)


def test_wheel_gives_ticks_in_order_when_due() -> None:
    wheel: TickWheel[str] = TickWheel(origin=0.0, tick=1.0)
    for when, entry in [(3.0, "late"), (1.0, "early"), (1.0, "early too"), (2.0, "middle")]:
        wheel.add(when, entry)

    due = wheel.pop_due(now=2.0)

    assert due == [(1, ["early", "early too"]), (2, ["middle"])]
    assert wheel.next_time() == pytest.approx(3.0)


def test_wheel_waits_for_batch_when_ticks_sparse() -> None:
    wheel: TickWheel[int] = TickWheel(origin=0.0, tick=1.0)
    for when in (1.0, 2.0, 3.0, 4.0):
        wheel.add(when, 0)

    assert wheel.next_time(batch=3, max_wait=5.0) == pytest.approx(3.0)
    assert wheel.next_time(batch=9, max_wait=2.0) == pytest.approx(3.0)
    assert wheel.next_time(batch=1, max_wait=2.0) == pytest.approx(1.0)
