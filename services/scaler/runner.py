"""Applies one command in one transaction and records its outcome, whatever it is."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TypeVar

import asyncpg

from services.scaler.errors import CommandExpired, ScalerRefusal
from services.scaler.operations import Applied
from shared.db import audit
from shared.db.outbox import PendingEvent
from shared.db.pool import Connection
from shared.messages import AuditRecorded, Command, CommandReply, ErrorCode, Outcome
from shared.ports import PortLayout
from shared.subjects import Subjects

__all__ = ("CommandRunner",)

logger = logging.getLogger(__name__)

C = TypeVar("C", bound=Command)
Operation = Callable[[Connection, PortLayout, C], Awaitable[Applied]]

_AUDIT_COMMAND_KEY = "audit_command_id_key"


class CommandRunner:
    """Runs operations so that every command ends applied, refused or failed, and says so."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        layout: PortLayout,
        subjects: Subjects,
        publish: Callable[[list[PendingEvent]], None],
    ) -> None:
        self._pool = pool
        self._layout = layout
        self._subjects = subjects
        self._publish = publish

    async def run(self, action: str, cmd: C, operation: Operation[C]) -> CommandReply:
        """Applies ``cmd`` and returns the reply for its sender."""
        try:
            reply = await self._apply_or_refuse(action, cmd, operation)
        except asyncpg.UniqueViolationError as exc:
            if exc.constraint_name != _AUDIT_COMMAND_KEY:
                raise
            reply = await self._replay(cmd)
        return reply

    async def fail(self, action: str, cmd: C, exc: BaseException) -> CommandReply:
        """Records a command that broke on an unexpected error; the detail hides internals."""
        logger.error("command failed", exc_info=exc, extra={"command_id": str(cmd.command_id)})
        detail = "The scaler could not apply the command; see the scaler log for this command id."
        return await self._record(action, cmd, Outcome.FAILED, detail, ErrorCode.INTERNAL)

    async def _apply_or_refuse(self, action: str, cmd: C, operation: Operation[C]) -> CommandReply:
        try:
            return await self._apply(action, cmd, operation)
        except ScalerRefusal as exc:
            return await self._record(action, cmd, Outcome.REFUSED, exc.detail, exc.code)

    async def _apply(self, action: str, cmd: C, operation: Operation[C]) -> CommandReply:
        if cmd.deadline is not None and cmd.deadline < datetime.now(UTC):
            raise CommandExpired("The command arrived after its deadline and was not applied.")
        async with self._pool.acquire() as conn, conn.transaction():
            applied = await operation(conn, self._layout, cmd)
            entry = audit.AuditEntry(
                command_id=cmd.command_id,
                action=action,
                port=getattr(cmd, "port", None),
                outcome=Outcome.APPLIED,
                detail=applied.detail,
                actor=cmd.actor,
                role=cmd.role,
                source=cmd.source,
                before=applied.before,
                after=applied.after,
            )
            pending = await self._write(conn, entry, applied)
        self._publish(pending)
        logger.info("%s applied", action, extra={"command_id": str(cmd.command_id)})
        return CommandReply(
            command_id=cmd.command_id,
            outcome=Outcome.APPLIED,
            detail=applied.detail,
            result=applied.result,
        )

    async def _record(
        self, action: str, cmd: C, outcome: Outcome, detail: str, code: ErrorCode
    ) -> CommandReply:
        entry = audit.AuditEntry(
            command_id=cmd.command_id,
            action=action,
            port=getattr(cmd, "port", None),
            outcome=outcome,
            detail=detail,
            actor=cmd.actor,
            role=cmd.role,
            source=cmd.source,
            error=code,
        )
        async with self._pool.acquire() as conn:
            pending = await self._write(conn, entry, None)
        self._publish(pending)
        logger.info("%s %s: %s", action, outcome.value, detail)
        return CommandReply(command_id=cmd.command_id, outcome=outcome, error=code, detail=detail)

    async def _write(
        self, conn: Connection, entry: audit.AuditEntry, applied: Applied | None
    ) -> list[PendingEvent]:
        recorded = AuditRecorded(
            command_id=entry.command_id,
            action=entry.action,
            port=entry.port,
            outcome=entry.outcome,
            detail=entry.detail,
            actor=entry.actor,
            role=entry.role,
            source=entry.source,
        )
        events = (
            [(self._subjects.event(name), event) for name, event in applied.events]
            if applied
            else []
        )
        events.append((self._subjects.event("audit.recorded"), recorded))
        return await audit.record(conn, entry, events)

    async def _replay(self, cmd: C) -> CommandReply:
        # the same command id came twice (a redelivery or a retrying client): answer as before
        entry = await audit.find_entry(self._pool, cmd.command_id)
        assert entry is not None
        return CommandReply(
            command_id=cmd.command_id,
            outcome=entry.outcome,
            error=entry.error,
            detail=f"Command {cmd.command_id} was already handled: {entry.detail}",
        )
