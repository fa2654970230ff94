"""The prober service: probes every monitored port and keeps true, persistent health."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from types import TracebackType

import asyncpg
from faststream.middlewares import ExceptionMiddleware
from faststream.nats import NatsBroker

from services.prober.recorder import HealthRecorder
from services.prober.status import PortState, Status
from services.prober.stream import OutcomeStream, running_engine
from services.prober.targets import Plan, disabled_state, plan_targets, state_from_row
from shared.aio import cancel_and_wait
from shared.db import health
from shared.db import resources as db
from shared.db.pool import open_pool
from shared.messages import CommandReply, ErrorCode, Outcome, ProberReload, ServiceInfo
from shared.nats_security import broker_security
from shared.settings import ProberSettings
from shared.streams import ensure_events_stream, stop_quietly
from shared.subjects import Subjects

__all__ = ("ProberService",)

logger = logging.getLogger(__name__)

RELOAD_ON = ("scaling.created", "scaling.removed", "monitoring.updated")
RELOAD_DEBOUNCE = 0.1


class ProberService:
    """Runs the probe engine, records what it finds and reloads on configuration changes."""

    def __init__(self, settings: ProberSettings) -> None:
        self.settings = settings
        self.subjects = Subjects(settings.subject_prefix)
        self._stack = AsyncExitStack()
        self._lock = asyncio.Lock()
        self._reload_wanted = asyncio.Event()
        self._version = version("conductor")
        self._started_at = datetime.now(UTC)
        self._tasks: list[asyncio.Task[None]] = []
        self._probed: set[str] = set()

    async def __aenter__(self) -> ProberService:
        settings = self.settings
        self._pool = await self._stack.enter_async_context(
            open_pool(settings.require_database_url(), size=settings.db_pool_size)
        )
        self._broker = self._build_broker()
        await self._broker.connect()
        self._stack.push_async_callback(stop_quietly, self._broker)
        js = self._broker.connection.jetstream()
        await ensure_events_stream(js, self.subjects)
        self._engine, stream = await self._stack.enter_async_context(running_engine())
        self._recorder = HealthRecorder(self._pool, js, self.subjects)
        await self._resume()
        await self.reload()
        self._tasks = [
            asyncio.create_task(self._consume(stream), name="prober-consume"),
            asyncio.create_task(self._flush_loop(), name="prober-flush"),
            asyncio.create_task(self._reload_loop(), name="prober-reload"),
            asyncio.create_task(self._retention_loop(), name="prober-retention"),
        ]
        await self._broker.start()
        logger.info("prober ready on %s", self.subjects.prefix)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await cancel_and_wait(*self._tasks)
        with contextlib.suppress(OSError, asyncpg.PostgresError):
            await self._recorder.flush(self._version)
        await self._stack.aclose()
        logger.info("prober stopped")

    async def reload(self) -> Plan:
        """Reads the monitored ports again and hands the engine the new set."""
        async with self._lock:
            rows = await db.resources(self._pool)
            plan = plan_targets(
                rows,
                recovery_checks=self.settings.recovery_checks,
                recheck_interval=self.settings.recheck_interval,
            )
            self._apply(plan)
        logger.info("monitoring %d ports, %d disabled", len(plan.targets), len(plan.disabled))
        return plan

    def _apply(self, plan: Plan) -> None:
        # the engine owns the state of every port it already checks; only ports new to it
        # start from what the store (or the recorder) knows, so a reload never rewinds one
        now = datetime.now(UTC)
        known = self._recorder.states()
        new = [t for t in plan.targets if t.key not in self._probed]
        resumed = {
            t.key: known[int(t.key)]
            for t in new
            if int(t.key) in known and known[int(t.key)].status is not Status.DISABLED
        }
        self._engine.replace_all(plan.targets, resumed)
        self._probed = {t.key for t in plan.targets}
        for target in new:
            if target.key not in resumed:
                self._recorder.set_state(int(target.key), target.host, PortState.initial(now))
        for port, host in plan.disabled.items():
            self._recorder.set_state(port, host, disabled_state(now))
        self._recorder.forget(set(known) - set(plan.ports))

    async def _resume(self) -> None:
        for port, row in (await health.load_states(self._pool)).items():
            self._recorder.seed(port, row.host, state_from_row(row))

    async def _consume(self, stream: OutcomeStream) -> None:
        async for batch in stream:
            self._recorder.record(batch)
            await self._recorder.publish_changes()

    async def _flush_loop(self) -> None:
        while True:
            await asyncio.sleep(self.settings.flush_interval)
            try:
                await self._recorder.flush(self._version)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                logger.warning("health not stored yet, will retry: %s", exc)
            except Exception:  # the loop must outlive any one bad flush
                logger.exception("storing health failed; will retry")

    async def _reload_loop(self) -> None:
        while True:
            await self._reload_wanted.wait()
            await asyncio.sleep(RELOAD_DEBOUNCE)
            self._reload_wanted.clear()
            try:
                await self.reload()
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                logger.warning("reload failed, will retry on the next change: %s", exc)

    async def _retention_loop(self) -> None:
        while True:
            cutoff = datetime.now(UTC) - timedelta(hours=self.settings.history_hours)
            try:
                removed = await health.delete_samples_before(self._pool, cutoff)
                logger.debug("history: %d samples past retention removed", removed)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                logger.warning("history retention failed, will retry: %s", exc)
            await asyncio.sleep(60)

    def _build_broker(self) -> NatsBroker:
        servers = self.settings.require_nats_url().split(",")
        middleware = ExceptionMiddleware()

        @middleware.add_handler(Exception, publish=True)
        async def broken(exc: Exception) -> CommandReply:
            logger.error("prober command failed", exc_info=exc)
            return CommandReply(
                command_id=None,
                outcome=Outcome.FAILED,
                error=ErrorCode.INTERNAL,
                detail="The prober could not reload; see its log.",
            )

        broker = NatsBroker(
            servers,
            middlewares=[middleware],
            name="conductor-prober",
            logger=logger,
            log_level=logging.DEBUG,
            max_reconnect_attempts=-1,
            security=broker_security(self.settings),
        )

        @broker.subscriber(self.subjects.prober_reload, title="prober-reload")
        async def reload_command(cmd: ProberReload) -> CommandReply:
            plan = await self.reload()
            detail = (
                f"Prober reloaded: {len(plan.targets)} ports monitored, "
                f"{len(plan.disabled)} disabled."
            )
            return CommandReply(
                command_id=cmd.command_id,
                outcome=Outcome.APPLIED,
                detail=detail,
                result={"monitored": len(plan.targets), "disabled": len(plan.disabled)},
            )

        @broker.subscriber(self.subjects.service_info("prober"), title="prober-info")
        async def info() -> ServiceInfo:
            return ServiceInfo(service="prober", version=self._version, started_at=self._started_at)

        for name in RELOAD_ON:

            @broker.subscriber(self.subjects.event(name), title=f"prober-on-{name}")
            async def on_change() -> None:
                self._reload_wanted.set()

        return broker
