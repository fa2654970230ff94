"""Parsing of the port numbers that clients put in paths."""

from __future__ import annotations

from services.api.errors import BadRequest
from shared.ports import MAX_PORT

__all__ = ("parse_port",)


def parse_port(text: str) -> int:
    """The port in ``text``, or a 400 saying what a port looks like."""
    shown = text if len(text) <= 20 else text[:20] + "..."
    if not text.isascii() or not text.isdigit() or len(text) > 5:
        raise BadRequest(f"Port must be a whole number from 1 to {MAX_PORT}, not {shown!r}.")
    port = int(text)
    if not 1 <= port <= MAX_PORT:
        raise BadRequest(f"Port must be a whole number from 1 to {MAX_PORT}, not {port}.")
    return port
