"""Measures the probe engine's CPU per check, scheduling lag and memory against HAProxy.

Listeners run in a child process on 127.0.1.x so only the prober is measured;
HAProxy, when installed, then checks the same ports from its own process. The
machine may be shared: each run also says how long it waited for a CPU.
Run: ``python bench/prober_bench.py --ports 1000 10000 --duration 30``.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import gc
import itertools
import json
import os
import resource
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil

from services.prober.engine import EngineOptions
from services.prober.probes import Target
from services.prober.stream import running_engine

PORTS_PER_ADDRESS = 1000
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
DEFAULTS = EngineOptions()


@dataclass
class Figures:
    """What one run measured over its measuring window."""

    checks: int
    seconds: float
    cpu: float
    lags: list[float] | None = None
    rss_mb: float | None = None
    failures: int = 0
    opens: int = 0
    starved: float = 0.0

    @property
    def us_per_check(self) -> float:
        return self.cpu / max(self.checks, 1) * 1e6


def raise_fd_limit(wanted: int = 65536) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, max(wanted, hard)))
    except (ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# -- listener child --------------------------------------------------------------------


def bind_listeners(count: int, base_port: int) -> list[socket.socket]:
    """Listen on ``count`` ports, a thousand per loopback address 127.0.1.x."""
    listeners: list[socket.socket] = []
    for address in itertools.count(1):
        host, bound = f"127.0.1.{address}", 0
        for port in range(base_port, base_port + 2 * PORTS_PER_ADDRESS):
            if bound == PORTS_PER_ADDRESS or len(listeners) == count:
                break
            sock = try_listen(host, port)
            if sock is not None:
                listeners.append(sock)
                bound += 1
        if len(listeners) == count:
            return listeners
    raise AssertionError("unreachable")


def try_listen(host: str, port: int) -> socket.socket | None:
    sock = socket.socket()
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            return None
        raise
    sock.listen(4096)
    sock.setblocking(False)
    return sock


def serve(count: int, base_port: int) -> None:
    """Child: listen, accept and close until stdin reaches end of file."""
    raise_fd_limit()
    listeners = {sock.fileno(): sock for sock in bind_listeners(count, base_port)}
    print(json.dumps([sock.getsockname() for sock in listeners.values()]), flush=True)
    poller = select.epoll()
    for fd in listeners:
        poller.register(fd, select.EPOLLIN)
    poller.register(sys.stdin.fileno(), select.EPOLLIN)
    while True:
        for fd, _ in poller.poll(1.0):
            if fd == sys.stdin.fileno():
                return
            accept_all(listeners[fd])


def accept_all(listener: socket.socket) -> None:
    while True:
        try:
            conn, _ = listener.accept()
        except (BlockingIOError, ConnectionAbortedError):
            return
        conn.close()


class Listeners:
    """Handle on the listener child process; it ends when we close its stdin."""

    def __init__(self, count: int, base_port: int) -> None:
        command = [sys.executable, __file__, "--serve", str(count), "--base-port", str(base_port)]
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        self.addresses = [tuple(item) for item in json.loads(self.proc.stdout.readline())]

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(10)


def cpu_wait(pid: int | str = "self") -> float:
    """Seconds the process's threads have waited, runnable, for a CPU."""
    tasks = Path(f"/proc/{pid}/task")
    return sum(int((task / "schedstat").read_text().split()[1]) for task in tasks.iterdir()) / 1e9


def active_opens() -> int:
    """Connects started by the whole machine: a cross-check on check counts."""
    rows = [line.split() for line in Path("/proc/net/snmp").read_text().splitlines()]
    names, values = [row for row in rows if row[0] == "Tcp:"][:2]
    return int(values[names.index("ActiveOpens")])


# -- our engine ------------------------------------------------------------------------


def process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def tune_gc() -> None:
    """What a prober process can do once its targets are loaded: park them out of the GC."""
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


async def measure_engine(addresses: list[tuple[str, int]], args: argparse.Namespace) -> Figures:
    targets = [
        Target(f"{ip}:{port}", ip, port, args.interval, args.timeout) for ip, port in addresses
    ]
    lags = array("d")
    counted = [0, 0]
    window = [float("inf"), float("inf")]

    options = EngineOptions(tick=args.tick, batch=args.batch, batch_wait=args.batch_wait)
    async with running_engine(options) as (engine, stream):

        async def consume() -> None:
            async for batch in stream:
                for outcome in batch:
                    if window[0] <= outcome.started < window[1]:
                        lags.append(outcome.started - outcome.due)
                        counted[0] += 1
                        counted[1] += not outcome.result.ok

        consumer = asyncio.create_task(consume())
        engine.replace_all(targets)
        await asyncio.sleep(args.warmup)
        if args.tune_gc:
            tune_gc()
        window[0], cpu0, opens0, wait0 = time.monotonic(), process_cpu(), active_opens(), cpu_wait()
        await asyncio.sleep(args.duration)
        window[1], cpu1, opens1, wait1 = time.monotonic(), process_cpu(), active_opens(), cpu_wait()
        rss = psutil.Process().memory_info().rss / 2**20
        await asyncio.sleep(args.timeout + 0.2)  # let checks started in the window end
        consumer.cancel()

    seconds = window[1] - window[0]
    lags_ms = sorted(lag * 1e3 for lag in lags)
    starved = (wait1 - wait0) / seconds
    return Figures(
        counted[0], seconds, cpu1 - cpu0, lags_ms, rss, counted[1], opens1 - opens0, starved
    )


# -- HAProxy ---------------------------------------------------------------------------


def haproxy_config(addresses: list[tuple[str, int]], args: argparse.Namespace) -> str:
    inter = f"{int(args.interval * 1000)}ms"
    lines = [
        "global",
        "    nbthread 1",
        # every process here is capped at 20000 descriptors; HAProxy asks 2x maxconn
        "    maxconn 2000",
        "defaults",
        "    mode tcp",
        f"    timeout connect {int(args.timeout * 1000)}ms",
        f"    timeout check {int(args.timeout * 1000)}ms",
        "    timeout client 10s",
        "    timeout server 10s",
        f"    default-server check inter {inter}",
        "frontend idle",
        f"    bind 127.0.0.1:{free_port()}",
        "    default_backend probed",
        "backend probed",
    ]
    lines += [f"    server s{n} {ip}:{port}" for n, (ip, port) in enumerate(addresses)]
    return "\n".join(lines) + "\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def measure_haproxy(binary: str, listeners: Listeners, args: argparse.Namespace) -> Figures:
    with tempfile.TemporaryDirectory(prefix="prober-bench-") as folder:
        config = Path(folder, "haproxy.cfg")
        config.write_text(haproxy_config(listeners.addresses, args))
        with Path(folder, "haproxy.log").open("w") as log:
            return _run_haproxy([binary, "-db", "-f", str(config)], log, listeners, args)


def _run_haproxy(
    command: list[str], log: IO[str], listeners: Listeners, args: argparse.Namespace
) -> Figures:
    proc = subprocess.Popen(command, stdout=log, stderr=log)
    try:
        time.sleep(args.warmup)
        if proc.poll() is not None:
            raise RuntimeError(f"haproxy exited with {proc.returncode}; see {log.name}")
        cpu0, opens0, t0 = cpu_of(proc.pid), active_opens(), time.monotonic()
        wait0 = cpu_wait(proc.pid)
        time.sleep(args.duration)
        cpu1, opens1, t1 = cpu_of(proc.pid), active_opens(), time.monotonic()
        wait1 = cpu_wait(proc.pid)
        rss = psutil.Process(proc.pid).memory_info().rss / 2**20
    finally:
        proc.terminate()
        proc.wait(10)
    nominal = int(len(listeners.addresses) * (t1 - t0) / args.interval)
    starved = (wait1 - wait0) / (t1 - t0)
    return Figures(
        nominal, t1 - t0, cpu1 - cpu0, rss_mb=rss, opens=opens1 - opens0, starved=starved
    )


# -- report ----------------------------------------------------------------------------


def percentile(ordered: list[float], share: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def report_engine(ours: Figures) -> None:
    lags = ours.lags or []
    print(f"  prober : {ours.checks} checks in {ours.seconds:.1f} s", end="")
    print(f" ({ours.checks / ours.seconds:.0f}/s, {ours.failures} failed, {ours.opens} TCP opens)")
    print(f"           CPU {ours.cpu:.2f} s = {ours.us_per_check:.1f} us/check")
    p50, p99, top = (percentile(lags, share) for share in (0.5, 0.99, 1.0))
    print(f"           lag p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {top:.2f} ms")
    print(f"           RSS {ours.rss_mb:.1f} MB; waited for a CPU {ours.starved:.0%} of the time")


def report_haproxy(ours: Figures, theirs: Figures) -> None:
    """HAProxy's checks are counted as ports x seconds; TCP opens, machine-wide, cross-check."""
    per_open = theirs.cpu / max(theirs.opens, 1) * 1e6
    print(f"  haproxy: {theirs.checks} checks nominal, {theirs.opens} TCP opens")
    print(f"           CPU {theirs.cpu:.2f} s = {theirs.us_per_check:.1f} us/check", end="")
    print(f" ({per_open:.1f} us per TCP open)")
    print(
        f"           RSS {theirs.rss_mb:.1f} MB; waited for a CPU {theirs.starved:.0%} of the time"
    )
    ratio = ours.us_per_check / theirs.us_per_check
    print(f"  ratio prober/haproxy CPU per check: {ratio:.2f}x", end="")
    print(f" ({ours.us_per_check / per_open:.2f}x per TCP open)")


def run_size(ports: int, args: argparse.Namespace, haproxy: str | None) -> None:
    print(f"\n== {ports} ports, interval {args.interval} s, {args.duration} s", flush=True)
    listeners = Listeners(ports, args.base_port)
    try:
        ours = asyncio.run(measure_engine(listeners.addresses, args))
        report_engine(ours)
        if haproxy:
            report_haproxy(ours, measure_haproxy(haproxy, listeners, args))
    finally:
        listeners.close()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ports", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--duration", type=float, default=30.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before measuring")
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=1.0)
    parser.add_argument("--base-port", type=int, default=20000)
    parser.add_argument("--tick", type=float, default=DEFAULTS.tick)
    parser.add_argument("--batch", type=int, default=DEFAULTS.batch)
    parser.add_argument("--batch-wait", type=float, default=DEFAULTS.batch_wait)
    parser.add_argument("--no-haproxy", action="store_true")
    parser.add_argument(
        "--tune-gc", action="store_true", help="gc.freeze() and a higher gen0 threshold"
    )
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.serve:
        serve(args.serve, args.base_port)
        return
    raise_fd_limit()
    haproxy = None if args.no_haproxy else shutil.which("haproxy")
    print(f"haproxy: {haproxy or 'not used'}; cpus: {os.cpu_count()}")
    for ports in args.ports:
        run_size(ports, args, haproxy)


if __name__ == "__main__":
    main()
