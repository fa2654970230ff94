"""Commands, replies and events that Conductor's services exchange over NATS."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = (
    "AuditRecorded",
    "Command",
    "CommandReply",
    "CreateScalingPort",
    "ErrorCode",
    "Event",
    "HealthChanged",
    "HealthSample",
    "HealthSamples",
    "MonitorSettings",
    "MonitorValues",
    "MonitoringUpdated",
    "Outcome",
    "ProberReload",
    "RemoveScalingPort",
    "ResourceRecord",
    "ScalingCreated",
    "ScalingRemoved",
    "ServiceInfo",
    "UpdateMonitoring",
)

Port = Annotated[int, Field(ge=1, le=65535)]


def _now() -> datetime:
    return datetime.now(UTC)


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MonitorValues(_Message):
    """The five monitoring settings of a port as stored, whatever their values."""

    monitor_enabled: bool
    auto_expand: bool
    monitor_interval: int
    monitor_timeout: int
    monitor_threshold: int


class MonitorSettings(MonitorValues):
    """The five monitoring settings of a port, within the bounds an operator may set."""

    monitor_enabled: bool
    auto_expand: bool
    monitor_interval: int = Field(ge=2, le=3600, description="Seconds between checks.")
    monitor_timeout: int = Field(ge=1, le=60, description="Seconds a connect may take.")
    monitor_threshold: int = Field(ge=1, le=10, description="Failed checks before unhealthy.")

    @model_validator(mode="after")
    def _timeout_below_interval(self) -> MonitorSettings:
        if self.monitor_timeout >= self.monitor_interval:
            raise ValueError(
                f"monitor_timeout ({self.monitor_timeout} s) must be below "
                f"monitor_interval ({self.monitor_interval} s)"
            )
        return self


class Command(_Message):
    """What every command carries: its id, who sent it, and until when it may apply."""

    command_id: UUID = Field(default_factory=uuid4)
    actor: str = Field(default="anonymous", max_length=200)
    role: str | None = Field(default=None, max_length=20, description="The actor's role.")
    source: str | None = Field(
        default=None, max_length=100, description="Address the request came from."
    )
    deadline: datetime | None = Field(
        default=None, description="After this instant the scaler refuses the command unapplied."
    )


class CreateScalingPort(Command):
    """Create a RealTimeManager instance row on a scaling port."""

    port: Port


class RemoveScalingPort(Command):
    """Remove the row of a scaling port."""

    port: Port


class UpdateMonitoring(Command):
    """Replace the monitoring settings of every row on a port."""

    port: Port
    settings: MonitorSettings


class ProberReload(Command):
    """Ask the prober to reload its targets from the database."""


class ErrorCode(StrEnum):
    """Why a command was refused; the gateway maps each to an HTTP status."""

    OUT_OF_RANGE = "out_of_range"
    NOT_SCALING_PORT = "not_scaling_port"
    EXISTS = "exists"
    BASE_MISSING = "base_missing"
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    EXPIRED = "expired"
    UNAVAILABLE = "unavailable"
    INTERNAL = "internal"


class Outcome(StrEnum):
    APPLIED = "applied"
    REFUSED = "refused"
    FAILED = "failed"


class CommandReply(_Message):
    """What the scaler answers to every command, success or not."""

    command_id: UUID | None
    outcome: Outcome
    error: ErrorCode | None = None
    detail: str
    result: dict[str, object] = Field(default_factory=dict)


class ResourceRecord(_Message):
    """One ``tlkresources`` row as events carry it."""

    id: int
    type_id: int
    name: str
    ip: str
    port: int
    rank: int
    fs: bool | None
    avg: bool | None
    monitor: MonitorValues


class Event(_Message):
    """What every event carries: its own id and when it happened."""

    event_id: UUID = Field(default_factory=uuid4)
    at: datetime = Field(default_factory=_now)


class ScalingCreated(Event):
    """A scaling port's row was created."""

    kind: Literal["scaling.created"] = "scaling.created"
    command_id: UUID
    actor: str
    port: int
    base_port: int
    resource: ResourceRecord


class ScalingRemoved(Event):
    """A scaling port's rows were removed."""

    kind: Literal["scaling.removed"] = "scaling.removed"
    command_id: UUID
    actor: str
    port: int
    resources: list[ResourceRecord]


class MonitoringUpdated(Event):
    """The monitoring settings of a port changed."""

    kind: Literal["monitoring.updated"] = "monitoring.updated"
    command_id: UUID
    actor: str
    port: int
    before: MonitorValues
    after: MonitorSettings


class AuditRecorded(Event):
    """An audit entry: every command's outcome, applied or not."""

    kind: Literal["audit.recorded"] = "audit.recorded"
    command_id: UUID
    action: str
    port: int | None
    outcome: Outcome
    detail: str
    actor: str
    role: str | None = None
    source: str | None = None


class HealthChanged(Event):
    """A port's health status changed; ``from`` is the status it left."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    kind: Literal["health.changed"] = "health.changed"
    port: int
    from_status: str = Field(serialization_alias="from", validation_alias="from")
    to: str
    reason: str
    response_time_ms: float | None


class HealthSample(_Message):
    """One check, as the live display plots it."""

    port: int
    ok: bool
    response_time_ms: float | None
    status: str
    reason: str
    consecutive_failures: int
    checked_at: datetime


class HealthSamples(Event):
    """The checks of about one second, in one message."""

    kind: Literal["health.samples"] = "health.samples"
    samples: list[HealthSample]


class ServiceInfo(_Message):
    """A running service's answer to an info request."""

    service: str
    version: str
    started_at: datetime
