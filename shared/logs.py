"""One logging set-up for every Conductor process."""

from __future__ import annotations

import logging

__all__ = ("configure_logging",)

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure_logging(level: str = "INFO") -> None:
    """Readable lines on stderr; libraries' chatter only from WARNING up."""
    logging.basicConfig(level=level.upper(), format=_FORMAT, force=True)
    for noisy in ("uvicorn.access", "alembic.runtime.plugins", "faststream.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
