"""The live feed endpoint: a snapshot, then every change, over one WebSocket."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Annotated, Any

from litestar import WebSocket, websocket
from litestar.exceptions import WebSocketDisconnect
from litestar.params import Parameter

from services.api.feed.client import FeedClient, SlowClient
from services.api.feed.hub import FeedHub

__all__ = ("SLOW_CLIENT_CLOSE", "feed")

logger = logging.getLogger(__name__)

# application close codes live in 4000-4999; this one says "reconnect, you fell behind"
SLOW_CLIENT_CLOSE = 4008


@websocket("/api/components/ws")
async def feed(
    socket: WebSocket[Any, Any, Any],
    since: Annotated[
        int | None, Parameter(ge=0, description="Last sequence seen, to resume without a gap.")
    ] = None,
) -> None:
    """Sends JSON arrays of ``{seq, type, data}``: first a snapshot or a replay, then events."""
    hub: FeedHub = socket.app.state.feed
    client = FeedClient(backlog=hub.backlog)
    await socket.accept()
    sender = asyncio.create_task(_send(socket, hub, client, since))
    listener = asyncio.create_task(_drain_incoming(socket))
    cut_off = asyncio.create_task(client.cut_off.wait())
    try:
        await asyncio.wait({sender, listener, cut_off}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        hub.leave(client)
        for task in (sender, listener, cut_off):
            task.cancel()
        await asyncio.gather(sender, listener, cut_off, return_exceptions=True)
    if client.too_slow:
        # its sends may be stuck on a full socket: give the close frame a moment, no more
        logger.info("feed client too slow; closing it", extra={"clients": hub.clients})
        with contextlib.suppress(Exception):
            async with asyncio.timeout(1):
                await socket.close(SLOW_CLIENT_CLOSE, "too slow: reconnect with ?since=<last seq>")


async def _send(
    socket: WebSocket[Any, Any, Any], hub: FeedHub, client: FeedClient, since: int | None
) -> None:
    with contextlib.suppress(WebSocketDisconnect, SlowClient):
        await hub.join(client, since)
        while True:
            await socket.send_text(await client.next_frame())


async def _drain_incoming(socket: WebSocket[Any, Any, Any]) -> None:
    # the feed is one-way; reading notices a client that went away
    with contextlib.suppress(WebSocketDisconnect):
        while True:
            await socket.receive_data("text")
