"""Dashboard with 2,000 ports: time to the first full render in headless Chromium, bytes on connect.

Run: .venv/bin/python bench/dashboard_bench.py [--ports 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._stack import bench_stack, percentile

ROOT = Path(__file__).resolve().parents[1]


async def _fill(url: str, ports: int) -> None:
    """Rows and stored health for ``ports`` monitored ports, as a prober would have left them."""
    conn = await asyncpg.connect(url)
    extra = ports - await conn.fetchval(
        "select count(distinct i_prt) from tlkresources where i_prt > 0"
    )
    await conn.execute(
        "insert into tlkresources (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk) "
        "select 2, 'Inbound_' || g, '127.0.0.1', 30000 + g, g from generate_series(1, $1) g",
        extra,
    )
    await conn.execute(
        """
        insert into conductor.port_health (port, host, status, since, reason, last_check_at,
            last_connect_at, consecutive_failures, consecutive_successes, response_time_ms)
        select i_prt, x_ip, 'healthy', now(), 'connected in under 200 ms', now(), now(), 0, 1, 0.4
        from tlkresources where i_prt > 0
        on conflict do nothing
        """
    )
    await conn.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ports", type=int, default=2000)
    args = parser.parse_args()
    async with bench_stack(services=("api",)) as stack:
        await _fill(stack.database_url, args.ports)
        process = await asyncio.create_subprocess_exec(
            "node",
            str(ROOT / "bench" / "dashboard_render.mjs"),
            stack.api_url,
            str(args.ports),
            stdout=asyncio.subprocess.PIPE,
        )
        out, _ = await process.communicate()
    runs = json.loads(out.decode().strip().splitlines()[-1])
    times = [run["ms"] for run in runs]
    print(f"dashboard with {args.ports} ports, {len(runs)} loads in headless Chromium")
    print(
        f"  first full render: median {percentile(times, 0.5):.0f} ms, "
        f"worst {max(times):.0f} ms (target <= 1000 ms)"
    )
    print(
        f"  sent on connect: WebSocket {runs[-1]['wsBytes'] / 1024:.0f} KiB, "
        f"HTTP {runs[-1]['httpBytes'] / 1024:.0f} KiB (page, scripts and REST)"
    )


if __name__ == "__main__":
    asyncio.run(main())
