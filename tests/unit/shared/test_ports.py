"""Port layout: which ports scale, onto which range."""

from __future__ import annotations

from shared.ports import PortLayout, scaling_name
from shared.settings import PortRange


def _layout() -> PortLayout:
    return PortLayout(
        ranges={8002: PortRange(first=8200, last=8299), 8003: PortRange(first=8300, last=8309)},
        base_ports=PortRange(first=8001, last=8008),
    )


def test_base_of_finds_the_range_holding_a_port() -> None:
    layout = _layout()

    assert [layout.base_of(p) for p in (8199, 8200, 8299, 8300, 8310)] == [
        None,
        8002,
        8002,
        8003,
        None,
    ]


def test_all_scaling_ports_lists_every_range_in_order() -> None:
    ports = _layout().all_scaling_ports()

    assert (len(ports), ports[0], ports[-1]) == (110, 8200, 8309)


def test_scaling_name_follows_the_manual() -> None:
    assert scaling_name(8200) == "RealTimeManager_Scale_8200"
