"""Conversions between the PostgreSQL URL forms that asyncpg and SQLAlchemy expect."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ("display_url", "sqlalchemy_url")


def sqlalchemy_url(url: str) -> str:
    """The same URL with SQLAlchemy's asyncpg driver named in its scheme."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in {"postgres", "postgresql", "postgresql+asyncpg"}:
        raise ValueError("the database URL must start with postgresql://")
    return f"postgresql+asyncpg://{rest}"


def display_url(url: str) -> str:
    """The URL without its password, fit for logs and error messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"
