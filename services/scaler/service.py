"""The scaler service: NATS command handlers around one database pool and the outbox relay."""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from importlib.metadata import version
from types import TracebackType

import asyncpg
from faststream.middlewares import ExceptionMiddleware
from faststream.nats import NatsBroker
from pydantic import ValidationError

from services.scaler import operations
from services.scaler.relay import EventRelay
from services.scaler.runner import CommandRunner
from shared.db.outbox import PendingEvent
from shared.db.pool import open_pool
from shared.messages import (
    AuditRecorded,
    CommandReply,
    CreateScalingPort,
    ErrorCode,
    MonitoringUpdated,
    Outcome,
    RemoveScalingPort,
    ScalingCreated,
    ScalingRemoved,
    ServiceInfo,
    UpdateMonitoring,
)
from shared.nats_security import broker_security
from shared.ports import PortLayout
from shared.settings import ScalerSettings
from shared.streams import ensure_events_stream, stop_quietly
from shared.subjects import Subjects

__all__ = ("ScalerService", "build_broker")

logger = logging.getLogger(__name__)

QUEUE = "conductor-scaler"
DATABASE_DOWN = (
    OSError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
)


def _error_replies() -> ExceptionMiddleware:
    middleware = ExceptionMiddleware()

    @middleware.add_handler(ValidationError, publish=True)
    async def invalid(exc: ValidationError) -> CommandReply:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return CommandReply(
            command_id=None,
            outcome=Outcome.REFUSED,
            error=ErrorCode.INVALID,
            detail=f"The command is malformed: {problems}",
        )

    @middleware.add_handler(Exception, publish=True)
    async def broken(exc: Exception) -> CommandReply:
        logger.error("command could not be handled", exc_info=exc)
        return CommandReply(
            command_id=None,
            outcome=Outcome.FAILED,
            error=ErrorCode.INTERNAL,
            detail="The scaler could not handle the command; see the scaler log.",
        )

    return middleware


def build_broker(settings: ScalerSettings, runner: CommandRunner | None = None) -> NatsBroker:
    """The scaler's broker with its handlers; ``runner`` may be None to build docs only."""
    subjects = Subjects(settings.subject_prefix)
    servers = (settings.nats_url or "nats://127.0.0.1:4222").split(",")
    broker = NatsBroker(
        servers,
        middlewares=[_error_replies()],
        name="conductor-scaler",
        logger=logger,
        log_level=logging.DEBUG,
        max_reconnect_attempts=-1,
        graceful_timeout=5.0,
        security=broker_security(settings),
    )
    started_at = datetime.now(UTC)

    def _runner() -> CommandRunner:
        assert runner is not None, "the scaler is not running"
        return runner

    async def _run(
        action: str,
        cmd: CreateScalingPort | RemoveScalingPort | UpdateMonitoring,
        operation: operations.AnyOperation,
    ) -> CommandReply:
        try:
            return await _runner().run(action, cmd, operation)
        except DATABASE_DOWN as exc:
            # nothing was written, and nothing can be recorded either: say so, and why
            logger.warning("%s not applied, database unreachable: %s", action, exc)
            return CommandReply(
                command_id=cmd.command_id,
                outcome=Outcome.FAILED,
                error=ErrorCode.UNAVAILABLE,
                detail="The database is unreachable, so nothing was changed; retry shortly.",
            )
        except Exception as exc:  # noqa: BLE001  # becomes a recorded, answered failure
            return await _runner().fail(action, cmd, exc)

    @broker.subscriber(
        subjects.create_scaling_port,
        queue=QUEUE,
        max_workers=settings.workers,
        title="create-scaling-port",
        description="Create a RealTimeManager row on a scaling port.",
    )
    async def create(cmd: CreateScalingPort) -> CommandReply:
        return await _run("scaling.create", cmd, operations.create_scaling_port)

    @broker.subscriber(
        subjects.remove_scaling_port,
        queue=QUEUE,
        max_workers=settings.workers,
        title="remove-scaling-port",
        description="Remove the row of a scaling port.",
    )
    async def remove(cmd: RemoveScalingPort) -> CommandReply:
        return await _run("scaling.remove", cmd, operations.remove_scaling_port)

    @broker.subscriber(
        subjects.update_monitoring,
        queue=QUEUE,
        max_workers=settings.workers,
        title="update-monitoring",
        description="Replace the monitoring settings of a port.",
    )
    async def update(cmd: UpdateMonitoring) -> CommandReply:
        return await _run("monitoring.update", cmd, operations.update_monitoring)

    @broker.subscriber(subjects.service_info("scaler"), title="scaler-info")
    async def info() -> ServiceInfo:
        return ServiceInfo(service="scaler", version=version("conductor"), started_at=started_at)

    for name, model in (
        ("scaling.created", ScalingCreated),
        ("scaling.removed", ScalingRemoved),
        ("monitoring.updated", MonitoringUpdated),
        ("audit.recorded", AuditRecorded),
    ):
        broker.publisher(
            subjects.event(name),
            schema=model,
            title=name,
            description=f"Published on the {subjects.events_stream} stream after commit.",
        )
    return broker


class ScalerService:
    """Runs the scaler until the context exits; the only writer of ``tlkresources``."""

    def __init__(self, settings: ScalerSettings) -> None:
        self.settings = settings
        self._stack = AsyncExitStack()

    async def __aenter__(self) -> ScalerService:
        settings = self.settings
        subjects = Subjects(settings.subject_prefix)
        layout = PortLayout(settings.scaling_ranges, settings.base_ports)
        pool = await self._stack.enter_async_context(
            open_pool(settings.require_database_url(), size=settings.db_pool_size)
        )
        relay: EventRelay | None = None

        def publish(events: list[PendingEvent]) -> None:
            assert relay is not None
            relay.submit(events)

        broker = build_broker(settings, CommandRunner(pool, layout, subjects, publish))
        await broker.connect()
        self._stack.push_async_callback(stop_quietly, broker)
        await ensure_events_stream(broker.connection.jetstream(), subjects)
        relay = EventRelay(
            pool,
            broker.connection.jetstream(),
            subjects.events_stream,
            interval=settings.outbox_interval,
        )
        await self._stack.enter_async_context(relay)
        await broker.start()
        logger.info("scaler ready on %s", subjects.prefix)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._stack.aclose()
        logger.info("scaler stopped")
