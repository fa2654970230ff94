"""The JetStream stream that keeps Conductor's events for late and reconnecting readers."""

from __future__ import annotations

import logging

from faststream.nats import NatsBroker
from nats.errors import Error as NatsError
from nats.js import JetStreamContext
from nats.js.api import StreamConfig
from nats.js.errors import BadRequestError

from shared.subjects import Subjects

__all__ = ("ensure_events_stream", "stop_quietly")

logger = logging.getLogger(__name__)

WEEK = 7 * 24 * 3600


async def stop_quietly(broker: NatsBroker) -> None:
    """Stops a broker; a NATS that is down at shutdown is logged, not raised."""
    try:
        await broker.stop()
    except (NatsError, OSError) as exc:
        logger.warning("NATS was unreachable at shutdown: %s", exc)


async def ensure_events_stream(js: JetStreamContext, subjects: Subjects) -> None:
    """Creates the events stream, or brings an existing one to this configuration."""
    config = StreamConfig(
        name=subjects.events_stream,
        subjects=[subjects.events],
        max_age=WEEK,
        # a message cap, not a byte cap: JetStream reserves a stream's max_bytes up front
        max_msgs=5_000_000,
        duplicate_window=120,
    )
    try:
        await js.add_stream(config=config)
    except BadRequestError:
        await js.update_stream(config=config)
