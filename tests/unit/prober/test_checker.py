"""Internals of the checker that the engine tests cannot see."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import UTC, datetime, timedelta

from services.prober.checker import _refresh
from services.prober.status import PortState, Status

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def test_refresh_copies_every_field_when_state_changes() -> None:
    private = PortState.initial(T0)
    values = [Status.WARNING, T0 + timedelta(1), "r", T0, T0, 3, 4, 5.0]
    latest = PortState(*values)
    assert len(values) == len(fields(PortState))

    _refresh(private, latest)

    assert asdict(private) == asdict(latest)
