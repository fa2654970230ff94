"""What a port number means to Conductor: manager, scaling slot or plain monitored port."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shared.settings import PortRange

__all__ = ("PortLayout", "scaling_name")

MAX_PORT = 65535


def scaling_name(port: int) -> str:
    """Resource name of the RealTimeManager instance on a scaling port."""
    return f"RealTimeManager_Scale_{port}"


@dataclass(frozen=True, slots=True)
class PortLayout:
    """The configured map from base ports to their scaling ranges."""

    ranges: Mapping[int, PortRange]
    base_ports: PortRange

    def base_of(self, port: int) -> int | None:
        """The base port whose range holds ``port``, or None outside every range."""
        for base, scaling in self.ranges.items():
            if port in scaling:
                return base
        return None

    def range_of(self, base_port: int) -> PortRange | None:
        """The scaling range of a base port, or None when it cannot be scaled."""
        return self.ranges.get(base_port)

    def all_scaling_ports(self) -> list[int]:
        """Every port of every scaling range, ascending."""
        return sorted(port for scaling in self.ranges.values() for port in scaling)

    def describe_ranges(self) -> str:
        """The ranges as an operator reads them, e.g. ``8200-8299``."""
        return ", ".join(str(r) for r in sorted(self.ranges.values(), key=lambda r: r.first))

    def is_base(self, port: int) -> bool:
        return port in self.base_ports
