"""Feed fan-out: 500 WebSocket clients, 1,000 events/s for 30 s, then again with slow clients.

Prints the share of events delivered, publish-to-receive latency p50/p99, the gateway's CPU,
and the fast clients' p99 with 10 stalled clients beside them as a ratio of the first run.
Run: .venv/bin/python bench/feed_bench.py [--clients 500] [--rate 1000] [--seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import socket
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

import msgspec
import nats
import psutil
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._stack import bench_stack, percentile
from shared.subjects import Subjects

WORKERS = 2


async def _client(
    url: str, stop_at: float, latencies: list[float] | None, counts: list[int]
) -> None:
    """Counts every event; only clients given ``latencies`` decode frames to time them."""
    async with websockets.connect(url, max_size=None, open_timeout=30) as ws:
        while time.time() < stop_at:
            try:
                frame = await asyncio.wait_for(ws.recv(), max(0.1, stop_at - time.time()))
            except TimeoutError:
                break
            now = time.time()
            data = frame.encode() if isinstance(frame, str) else frame
            counts[0] += data.count(_MARK)
            if latencies is not None:
                for message in msgspec.json.decode(data):
                    if message["type"] == "bench.load":
                        latencies.append(now - message["data"]["sent"])


# every tenth client decodes and times; the rest only count, so the clients' own CPU
# (Python, on the same two cores as the gateway) does not become the measured delay
_MARK = b'"type":"bench.load"'
TIMED_EVERY = 10


async def _clients(url: str, count: int, stop_at: float) -> tuple[list[float], int]:
    latencies: list[float] = []
    counts = [0]
    await asyncio.gather(
        *(
            _client(url, stop_at, latencies if i % TIMED_EVERY == 0 else None, counts)
            for i in range(count)
        )
    )
    return latencies, counts[0]


def _worker(url: str, count: int, stop_at: float, pipe: Connection) -> None:
    latencies, received = asyncio.run(_clients(url, count, stop_at))
    # a sample keeps the pipe small; percentiles of 10^6 values need no more
    step = max(1, len(latencies) // 200_000)
    pipe.send((latencies[::step], received))
    pipe.close()


def _stalled(base_url: str) -> socket.socket:
    host, port = base_url.removeprefix("http://").split(":")
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect((host, int(port)))
    raw.sendall(
        f"GET /api/components/ws HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    return raw


async def _publish(nats_url: str, subjects: Subjects, rate: int, seconds: float) -> int:
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    sent = 0
    started = time.monotonic()
    while (elapsed := time.monotonic() - started) < seconds:
        due = int(elapsed * rate) - sent
        for _ in range(due):
            payload = json.dumps({"sent": time.time(), "n": sent}).encode()
            await nc.publish(subjects.event("bench.load"), payload)
            sent += 1
        await asyncio.sleep(0.005)
    await nc.flush()
    await js.stream_info(subjects.events_stream)
    await nc.close()
    return sent


async def _run(stack, args, stalled: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    url = stack.api_url.replace("http://", "ws://") + "/api/components/ws"
    subjects = Subjects(stack.prefix)
    stop_at = time.time() + args.seconds + 15
    pipes, procs = [], []
    for _ in range(WORKERS):
        parent, child = multiprocessing.Pipe(duplex=False)
        proc = multiprocessing.Process(
            target=_worker, args=(url, args.clients // WORKERS, stop_at, child)
        )
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    stuck = [_stalled(stack.api_url) for _ in range(stalled)]
    await asyncio.sleep(8)
    gateway = psutil.Process(stack.processes["api"].pid)
    cpu_before = sum(gateway.cpu_times()[:2])
    sent = await _publish(stack.nats_url, subjects, args.rate, args.seconds)
    cpu = sum(gateway.cpu_times()[:2]) - cpu_before
    latencies: list[float] = []
    received = 0
    for pipe, proc in zip(pipes, procs, strict=True):
        part, count = await asyncio.to_thread(pipe.recv)
        latencies += part
        received += count
        proc.join()
    for raw in stuck:
        raw.close()
    return {
        "delivered": received / (sent * (args.clients // WORKERS * WORKERS)),
        "p50": percentile(latencies, 0.5) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "cpu": cpu / args.seconds * 100,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    async with bench_stack(services=("api",)) as stack:
        print(f"{args.clients} clients, {args.rate} events/s for {args.seconds:.0f} s")
        first = await _run(stack, args, stalled=0)
        print(
            f"  all fast:        delivered {first['delivered']:.2%}  p50 {first['p50']:.1f} ms  "
            f"p99 {first['p99']:.1f} ms  gateway CPU {first['cpu']:.0f}% of a core"
        )
        second = await _run(stack, args, stalled=10)
        print(
            f"  10 stalled:      delivered {second['delivered']:.2%}  p50 {second['p50']:.1f} ms  "
            f"p99 {second['p99']:.1f} ms  gateway CPU {second['cpu']:.0f}% of a core"
        )
        print(
            f"  p99 with stalled clients / without: {second['p99'] / first['p99']:.2f}x "
            "(target <= 1.2x); target p99 <= 250 ms, delivered 100%"
        )


if __name__ == "__main__":
    asyncio.run(main())
