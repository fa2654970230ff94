"""Message models: the monitoring bounds and the shape of commands on the bus."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared.messages import CreateScalingPort, MonitorSettings

GOOD = {
    "monitor_enabled": True,
    "auto_expand": False,
    "monitor_interval": 30,
    "monitor_timeout": 5,
    "monitor_threshold": 2,
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("monitor_interval", 1),
        ("monitor_interval", 3601),
        ("monitor_timeout", 0),
        ("monitor_timeout", 61),
        ("monitor_threshold", 0),
        ("monitor_threshold", 11),
    ],
)
def test_monitor_settings_refuse_values_out_of_bounds(field: str, value: int) -> None:
    with pytest.raises(ValidationError):
        MonitorSettings(**{**GOOD, field: value})


def test_monitor_settings_need_timeout_below_interval() -> None:
    with pytest.raises(ValidationError, match="must be below monitor_interval"):
        MonitorSettings(**{**GOOD, "monitor_interval": 5, "monitor_timeout": 5})


def test_monitor_settings_accept_the_bounds() -> None:
    low = MonitorSettings(**{**GOOD, "monitor_interval": 2, "monitor_timeout": 1})
    high = MonitorSettings(**{**GOOD, "monitor_interval": 3600, "monitor_timeout": 60})

    assert (low.monitor_interval, high.monitor_threshold) == (2, 2)


def test_commands_round_trip_through_json_with_their_id() -> None:
    command = CreateScalingPort(port=8200, actor="operator")

    again = CreateScalingPort.model_validate_json(command.model_dump_json())

    assert again == command


def test_commands_refuse_unknown_fields() -> None:
    with pytest.raises(ValidationError):
        CreateScalingPort.model_validate({"port": 8200, "sneaky": True})
