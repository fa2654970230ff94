"""The JetStream stream that keeps Conductor's events for late and reconnecting readers."""

from __future__ import annotations

from nats.js import JetStreamContext
from nats.js.api import StreamConfig
from nats.js.errors import BadRequestError

from shared.subjects import Subjects

__all__ = ("ensure_events_stream",)

WEEK = 7 * 24 * 3600


async def ensure_events_stream(js: JetStreamContext, subjects: Subjects) -> None:
    """Creates the events stream, or brings an existing one to this configuration."""
    config = StreamConfig(
        name=subjects.events_stream,
        subjects=[subjects.events],
        max_age=WEEK,
        max_bytes=1 << 30,
        duplicate_window=120,
    )
    try:
        await js.add_stream(config=config)
    except BadRequestError:
        await js.update_stream(config=config)
