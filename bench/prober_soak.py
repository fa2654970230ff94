"""Soak: the whole prober service at 1,000 ports, 1 s interval, open file descriptors over time.

Starts loopback stand-ins, a database whose rows point at them, and `conductor prober` as its
own process; samples its descriptors and RSS every 10 s and prints whether they stay flat.
Run: .venv/bin/python bench/prober_soak.py [--ports 1000] [--minutes 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._stack import bench_stack
from services.standins.listeners import StandIns


def _free_ports(count: int) -> list[int]:
    sockets = []
    for _ in range(count):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sockets.append(sock)
    ports = [s.getsockname()[1] for s in sockets]
    for sock in sockets:
        sock.close()
    return ports


async def _point_rows_at(url: str, ports: list[int]) -> None:
    conn = await asyncpg.connect(url)
    await conn.execute("delete from tlkresources")
    await conn.executemany(
        "insert into tlkresources (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk, f_monitor_enabled, "
        "i_monitor_interval, i_monitor_timeout, i_monitor_threshold) "
        "values (2, $1, '127.0.0.1', $2, $3, true, 1, 1, 2)",
        [(f"Soak_{port}", port, i) for i, port in enumerate(ports)],
    )
    await conn.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ports", type=int, default=1000)
    parser.add_argument("--minutes", type=float, default=10)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    ports = _free_ports(args.ports)
    async with StandIns(ports), bench_stack(services=()) as stack:
        await _point_rows_at(stack.database_url, ports)
        async with bench_stack_prober(stack) as prober:
            readings = await _watch(prober, args.minutes * 60)
            _report(args, readings)
            await _report_checks(stack.database_url, args.ports)


async def _report_checks(url: str, ports: int) -> None:
    conn = await asyncpg.connect(url)
    row = await conn.fetchrow(
        "select count(*) as n, extract(epoch from max(at) - min(at)) as span, "
        "count(*) filter (where ok) as good from conductor.probe_samples"
    )
    await conn.close()
    rate = row["n"] / max(float(row["span"] or 1), 1.0)
    print(f"  checks stored: {row['n']} ({rate:.0f}/s for {ports} ports), {row['good']} connected")


def _report(args: argparse.Namespace, readings: list[tuple[float, int, float, float]]) -> None:
    first, last = readings[0], readings[-1]
    most = max(r[1] for r in readings)
    print(f"prober at {args.ports} ports, 1 s interval, {args.minutes:g} min")
    print(
        f"  open descriptors: first {first[1]}, last {last[1]}, most {most} "
        f"(growth {last[1] - first[1]:+d})"
    )
    print(f"  RSS: first {first[2]:.0f} MB, last {last[2]:.0f} MB")
    print(f"  CPU: {last[3]:.0f}% of a core on average")


async def _watch(process: psutil.Process, seconds: float) -> list[tuple[float, int, float, float]]:
    await asyncio.sleep(15)  # start-up and the first round of checks
    started, cpu0 = time.monotonic(), sum(process.cpu_times()[:2])
    readings = []
    while (elapsed := time.monotonic() - started) < seconds:
        cpu = (sum(process.cpu_times()[:2]) - cpu0) / max(elapsed, 1e-3) * 100
        readings.append((elapsed, process.num_fds(), process.memory_info().rss / 2**20, cpu))
        await asyncio.sleep(10)
    return readings


class bench_stack_prober:  # reads as the context manager it is
    """`conductor prober` as a process on the bench stack's database and NATS."""

    def __init__(self, stack) -> None:  # type: ignore[no-untyped-def]
        self._stack = stack
        self._log = open(os.environ.get("SOAK_LOG", os.devnull), "ab")  # noqa: SIM115

    async def __aenter__(self) -> psutil.Process:
        env = {
            **os.environ,
            "CONDUCTOR_DATABASE_URL": self._stack.database_url,
            "CONDUCTOR_NATS_URL": self._stack.nats_url,
            "CONDUCTOR_SUBJECT_PREFIX": self._stack.prefix,
            "CONDUCTOR_LOG_LEVEL": "WARNING",
        }
        self._process = subprocess.Popen(  # noqa: ASYNC220  # started once, never waited on
            [sys.executable, "-m", "services.cli", "prober"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        return psutil.Process(self._process.pid)

    async def __aexit__(self, *exc: object) -> None:
        started = time.monotonic()
        self._process.terminate()
        try:
            await asyncio.to_thread(self._process.wait, 30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            print("  the prober did not stop within 30 s of SIGTERM; killed")
            return
        print(f"  stopped {time.monotonic() - started:.1f} s after SIGTERM")


if __name__ == "__main__":
    asyncio.run(main())
