"""The gateway's NATS connection: sends commands to the scaler and asks services who they are."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any

from nats.aio.client import Client
from nats.errors import ConnectionClosedError, NoRespondersError
from nats.errors import Error as NatsError
from nats.errors import TimeoutError as NatsTimeout

from services.api.errors import ServiceUnavailable, raise_for_reply
from shared.aio import cancel_and_wait, connect_nats
from shared.messages import Command, CommandReply, ServiceInfo

__all__ = ("Bus",)

logger = logging.getLogger(__name__)


class Bus:
    """A NATS connection that keeps trying in the background until the server answers."""

    def __init__(
        self, servers: list[str], *, timeout: float, credentials: dict[str, Any] | None = None
    ) -> None:
        self._servers = servers
        self._credentials = credentials or {}
        self.timeout = timeout
        self._nc: Client | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def connected(self) -> bool:
        return self._nc is not None and self._nc.is_connected

    @property
    def server_version(self) -> str | None:
        if self._nc is None or not self._nc.is_connected:
            return None
        found = self._nc.connected_server_version
        return f"{found.major}.{found.minor}.{found.patch}"

    async def send(
        self, subject: str, command: Command, service: str = "scaler", *, audited: bool = True
    ) -> CommandReply:
        """Sends ``command`` and returns the applied reply; a refusal raises its HTTP error.

        No answer is a 503 that says why; ``audited`` tells whether the answering service
        records refusals itself.
        """
        nc = self._require()
        deadline = datetime.now(UTC) + timedelta(seconds=self.timeout)
        command = command.model_copy(update={"deadline": deadline})
        try:
            msg = await nc.request(subject, command.model_dump_json().encode(), self.timeout)
        except NoRespondersError as exc:
            raise ServiceUnavailable(
                f"The {service} is not running, so nothing was changed; start it and try again."
            ) from exc
        except (NatsTimeout, TimeoutError) as exc:
            raise ServiceUnavailable(
                f"The {service} did not answer within {self.timeout:g} s. Command "
                f"{command.command_id} was not applied after that time; its outcome is in the "
                "audit log."
            ) from exc
        except (ConnectionClosedError, NatsError) as exc:
            raise ServiceUnavailable(
                "The message bus (NATS) is unreachable, so nothing was changed."
            ) from exc
        reply = CommandReply.model_validate_json(msg.data)
        raise_for_reply(reply, audited=audited)
        return reply

    async def ask(self, subject: str) -> ServiceInfo | None:
        """Asks a service for its info; None when it does not answer."""
        if not self.connected:
            return None
        assert self._nc is not None
        try:
            msg = await self._nc.request(subject, b"{}", 0.5)
            return ServiceInfo.model_validate_json(msg.data)
        except (NatsError, TimeoutError, ValueError):
            return None

    def _require(self) -> Client:
        if self._nc is None or not self._nc.is_connected:
            raise ServiceUnavailable(
                "The message bus (NATS) is unreachable, so nothing was changed; retry shortly."
            )
        return self._nc

    async def _connect(self) -> None:
        self._nc = await connect_nats(self._servers, "conductor-gateway", self._credentials)

    async def __aenter__(self) -> Bus:
        self._task = asyncio.create_task(self._connect(), name="nats-connect")
        try:
            await asyncio.wait_for(asyncio.shield(self._task), 3)
        except TimeoutError:
            logger.warning("starting without NATS; commands answer 503 until it is reachable")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await cancel_and_wait(self._task)
        if self._nc is not None:
            await self._nc.drain()
