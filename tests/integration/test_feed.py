"""The WebSocket feed: snapshot then deltas, resume without gaps, slow clients cut off."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
from collections.abc import AsyncIterator
from typing import Any

import nats
import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from shared.subjects import Subjects
from tests.infra import ProvidedNats
from tests.integration.stack import RunningGateway, new_prefix, running_gateway, running_scaler

P = "/api/components"


def _ws_url(api: RunningGateway, since: int | None = None) -> str:
    url = api.base_url.replace("http://", "ws://") + f"{P}/ws"
    return url if since is None else f"{url}?since={since}"


def _connect(api: RunningGateway, since: int | None = None, **options: Any) -> websockets.connect:
    """The feed, with the operator's token the gateway's client carries."""
    return websockets.connect(_ws_url(api, since), additional_headers=api.headers, **options)


async def _messages(ws: ClientConnection) -> list[dict[str, Any]]:
    frame = await asyncio.wait_for(ws.recv(), 5)
    found: list[dict[str, Any]] = json.loads(frame)
    return found


async def _until(ws: ClientConnection, kind: str, port: int) -> list[dict[str, Any]]:
    """Every message up to and including the first ``kind`` event about ``port``."""
    seen: list[dict[str, Any]] = []
    async with asyncio.timeout(5):
        while True:
            for message in await _messages(ws):
                seen.append(message)
                if message["type"] == kind and message["data"].get("port") == port:
                    return seen


async def test_feed_sends_a_snapshot_then_each_change(api: RunningGateway) -> None:
    async with _connect(api) as ws:
        first = await _messages(ws)

        await api.client.post(f"{P}/scaling/create/8240")
        seen = await _until(ws, "scaling.created", 8240)

    snapshot = first[0]
    assert snapshot["type"] == "snapshot"
    assert {"ports", "scaling_status", "activity"} <= set(snapshot["data"])
    assert len(snapshot["data"]["ports"]) == 17
    assert all(m["seq"] > snapshot["seq"] for m in seen if m["type"] != "ping")
    assert seen[-1]["data"]["resource"]["name"] == "RealTimeManager_Scale_8240"


async def test_feed_resumes_after_a_reconnect_without_gaps(api: RunningGateway) -> None:
    async with _connect(api) as ws:
        await _messages(ws)
        await api.client.post(f"{P}/scaling/create/8241")
        seen = await _until(ws, "scaling.created", 8241)
    last_seq = seen[-1]["seq"]

    await api.client.post(f"{P}/scaling/create/8243")
    await api.client.delete(f"{P}/scaling/remove/8241")
    async with _connect(api, since=last_seq) as ws:
        replay = await _until(ws, "scaling.removed", 8241)

    assert replay[0]["type"] != "snapshot"
    seqs = [m["seq"] for m in replay]
    assert seqs == list(range(last_seq + 1, last_seq + 1 + len(seqs)))
    kinds = [(m["type"], m["data"].get("port")) for m in replay]
    assert ("scaling.created", 8243) in kinds


async def test_feed_sends_a_snapshot_when_the_gap_is_too_old(api: RunningGateway) -> None:
    async with _connect(api, since=10**12) as ws:
        first = await _messages(ws)

    assert first[0]["type"] == "snapshot"


@pytest.fixture
async def small_backlog_gateway(
    demo_database: str, nats_server: ProvidedNats
) -> AsyncIterator[tuple[RunningGateway, str]]:
    prefix = new_prefix()
    async with (
        running_scaler(demo_database, nats_server.url, prefix),
        running_gateway(demo_database, nats_server.url, prefix, feed_backlog=5) as api,
    ):
        yield api, prefix


async def _stalled_client(api: RunningGateway) -> socket.socket:
    """A WebSocket client that completes the handshake and then never reads."""
    host, port = api.base_url.removeprefix("http://").split(":")
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect((host, int(port)))
    key = base64.b64encode(os.urandom(16)).decode()
    raw.sendall(
        f"GET {P}/ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
        f"Authorization: Bearer {api.token}\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    # wait for the upgrade, so that the client is in the feed before the load begins
    raw.setblocking(False)
    answer = b""
    async with asyncio.timeout(5):
        while b"\r\n\r\n" not in answer:
            answer += await asyncio.get_running_loop().sock_recv(raw, 1)
    assert answer.startswith(b"HTTP/1.1 101"), answer
    return raw


async def test_slow_client_is_cut_off_while_a_fast_one_keeps_receiving(
    small_backlog_gateway: tuple[RunningGateway, str], nats_server: ProvidedNats
) -> None:
    api, prefix = small_backlog_gateway
    subjects = Subjects(prefix)
    stalled = await _stalled_client(api)
    nc = await nats.connect(nats_server.url)

    async with _connect(api, max_size=None) as fast:
        await _messages(fast)
        reader = asyncio.create_task(_count(fast, "load.test", 60))
        for round_ in range(60):
            payload = {"round": round_, "pad": "x" * 200_000}
            await nc.jetstream().publish(subjects.event("load.test"), json.dumps(payload).encode())
            await asyncio.sleep(0.02)
        received = await reader
        stalled.setblocking(False)
        sent_to_stalled = await _read_until_close_frame(stalled)

    await nc.close()
    stalled.close()
    assert received == 60
    # the read ended, so the gateway hung up: with a 4008 close frame when that still fit in
    # the socket, otherwise by closing it; either way long before everything was sent
    close_frame = b"\x88" + bytes([2 + len(_CLOSE_REASON)]) + (4008).to_bytes(2, "big")
    if close_frame in sent_to_stalled:
        assert sent_to_stalled.endswith(close_frame + _CLOSE_REASON)
    assert len(sent_to_stalled) < 60 * 200_000


async def _count(ws: ClientConnection, kind: str, wanted: int) -> int:
    count = 0
    async with asyncio.timeout(15):
        while count < wanted:
            count += sum(m["type"] == kind for m in await _messages(ws))
    return count


async def _read_until_close_frame(raw: socket.socket) -> bytes:
    """What the server sends until its close frame or the end of the connection (10 s at most)."""
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    loop = asyncio.get_running_loop()
    data = bytearray()
    async with asyncio.timeout(10):
        while _CLOSE_REASON not in data[-100:]:
            chunk = await loop.sock_recv(raw, 1 << 20)
            if not chunk:
                break
            data += chunk
    return bytes(data)


_CLOSE_REASON = b"too slow: reconnect with ?since=<last seq>"
