"""When each port is checked: a fixed grid per port, offset by a stable phase.

Every port's checks fall on ``origin + phase + k * interval``. The phase comes from
a hash of the port's key, so a thousand ports spread over the interval instead of
firing together, and a port keeps its slot whenever it is scheduled again. Phases
are whole ticks, so the ports that share a tick are started by one wake-up of the
scheduler: a wake-up costs more CPU than a check.
"""

from __future__ import annotations

import math
import zlib

__all__ = ("next_after", "next_check", "phase_of")

# float error must not make a due time count as "after" itself
_EPSILON = 1e-9


def phase_of(key: str, interval: float, tick: float) -> float:
    """Stable offset in ``[0, interval)``, a whole number of ticks, for port ``key``."""
    slots = max(int(interval / tick), 1)
    return zlib.crc32(key.encode()) % slots * tick


def next_after(moment: float, base: float, interval: float) -> float:
    """First grid point ``base + k * interval`` strictly after ``moment``."""
    steps = math.floor((moment - base) / interval + _EPSILON) + 1
    return base + steps * interval


def next_check(
    due: float,
    now: float,
    base: float,
    interval: float,
    recheck: float | None,
    grace: float = 0.0,
) -> float:
    """Due time of the check after the one that was due at ``due``.

    Counted start to start from ``due``. A recheck comes ``recheck`` seconds after
    ``due``; a regular check returns to the grid. A slot that passed while its
    predecessor ran is still taken, late, if it passed less than ``grace`` ago;
    one missed by more is not made up: the check moves to the next slot.
    """
    if recheck is not None and recheck < interval:
        return max(due + recheck, now)
    upcoming = next_after(due, base, interval)
    return upcoming if upcoming > now - grace else next_after(now, base, interval)
