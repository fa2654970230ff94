"""What the gateway's handlers share: settings, pool, bus and port layout."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from services.api.bus import Bus
from shared.ports import PortLayout
from shared.settings import ApiSettings
from shared.subjects import Subjects

__all__ = ("Gateway",)


@dataclass(frozen=True, slots=True)
class Gateway:
    """The long-lived parts of a running gateway, built once at start-up."""

    settings: ApiSettings
    pool: asyncpg.Pool
    bus: Bus
    layout: PortLayout
    subjects: Subjects
