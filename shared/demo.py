"""Demo data: a realistic ParcoRTLS install with its managers, inbound ports and services."""

from __future__ import annotations

import logging

import asyncpg

__all__ = (
    "DEMO_REFUSED",
    "DEMO_RESOURCES",
    "DEMO_TYPES",
    "DEMO_UNRESPONSIVE",
    "demo_answering_ports",
    "seed_demo",
)

logger = logging.getLogger(__name__)

DEMO_TYPES: tuple[tuple[int, str], ...] = (
    (1, "RealTime"),
    (2, "Inbound"),
    (3, "OData"),
    (7, "Subscription"),
    (8, "External service"),
    (10, "Control"),
    (11, "Historical data"),
    (12, "Sensor data"),
    (13, "Averaged data"),
    (2101, "inbound AllTraq"),
    (8008, "Dashboard stream"),
)

# (type, name, port, rank, auto-expand); ip is loopback so the demo never leaves the machine
DEMO_RESOURCES: tuple[tuple[int, str, int, int, bool], ...] = (
    (10, "ControlManager", 8001, 1, True),
    (1, "RealTimeManager", 8002, 100, True),
    (11, "HistoricalManager", 8003, 3, True),
    (13, "AveragedManager", 8004, 4, True),
    (7, "SubscriptionManager", 8005, 5, True),
    (3, "ODataManager", 8006, 6, True),
    (12, "SensorDataManager", 8007, 7, True),
    (8008, "DashboardStreamManager", 8008, 8, True),
    (2, "InboundMessageFilter", 18000, 20, False),
    (2, "InboundStreamProcessor", 18001, 21, False),
    (2101, "AllTraqInbound", 18002, 22, False),
    (2, "InboundZoneEvents", 18003, 23, False),
    (2, "InboundSensorBridge", 18004, 24, False),
    (2, "InboundTagConfig", 18005, 25, False),
    (2, "InboundGatewayApi", 18006, 26, False),
    (2, "InboundBatteryMonitor", 18007, 27, False),
    (2, "InboundLegacyFeed", 18008, 28, False),
    (8, "MapTileService", 0, 40, False),
    (8, "ReportingService", 0, 41, False),
    (8, "MailRelay", 0, 42, False),
)


# the demo's stand-ins leave one inbound port closed and one that never completes a handshake
DEMO_REFUSED = 18003
DEMO_UNRESPONSIVE = 18005


def demo_answering_ports() -> list[int]:
    """The demo ports that a stand-in answers on."""
    silent = {DEMO_REFUSED, DEMO_UNRESPONSIVE, 0}
    return [port for _, _, port, _, _ in DEMO_RESOURCES if port not in silent]


async def seed_demo(conn: asyncpg.Connection, *, force: bool = False) -> bool:
    """Fills an empty ``tlkresources`` with the demo install; returns whether it wrote."""
    async with conn.transaction():
        if not force and await conn.fetchval("select exists (select 1 from public.tlkresources)"):
            logger.info("tlkresources already has rows; demo data not loaded")
            return False
        await conn.executemany(
            "insert into public.tlkresourcetypes (i_typ_res, x_dsc_res) values ($1, $2) "
            "on conflict (i_typ_res) do nothing",
            DEMO_TYPES,
        )
        await conn.executemany(
            """
            insert into public.tlkresources
                (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk, f_fs, f_avg, f_monitor_enabled,
                 f_auto_expand, i_monitor_interval, i_monitor_timeout, i_monitor_threshold)
            values ($1, $2, '127.0.0.1', $3, $4, false, false, $5, $6, 30, 5, 2)
            """,
            [(t, name, port, rank, port > 0, auto) for t, name, port, rank, auto in DEMO_RESOURCES],
        )
    logger.info("demo data loaded: %d resources", len(DEMO_RESOURCES))
    return True
