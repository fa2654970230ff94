"""NATS subjects and stream names of Conductor's commands and events."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ("Subjects",)


@dataclass(frozen=True, slots=True)
class Subjects:
    """Every subject Conductor uses, under one prefix (``conductor`` by default)."""

    prefix: str = "conductor"

    @property
    def create_scaling_port(self) -> str:
        return f"{self.prefix}.cmd.scaling.create"

    @property
    def remove_scaling_port(self) -> str:
        return f"{self.prefix}.cmd.scaling.remove"

    @property
    def update_monitoring(self) -> str:
        return f"{self.prefix}.cmd.monitoring.update"

    @property
    def prober_reload(self) -> str:
        return f"{self.prefix}.cmd.prober.reload"

    def service_info(self, service: str) -> str:
        """Request subject a running service answers with its name and version."""
        return f"{self.prefix}.info.{service}"

    @property
    def events(self) -> str:
        """Wildcard over every event subject."""
        return f"{self.prefix}.events.>"

    def event(self, name: str) -> str:
        """Subject of one event, e.g. ``scaling.created``."""
        return f"{self.prefix}.events.{name}"

    @property
    def events_stream(self) -> str:
        """JetStream stream that keeps the events for late subscribers."""
        return f"{self.prefix.upper().replace('-', '_')}_EVENTS"
