"""Roles, password hashing and the random secrets behind sessions and API tokens."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = (
    "TOKEN_PREFIX",
    "Role",
    "hash_password",
    "new_password",
    "new_secret",
    "parse_duration",
    "secret_digest",
    "verify_password",
)

TOKEN_PREFIX = "cdt_"  # noqa: S105  # marks a string as a Conductor token, no secret
_HASHER = PasswordHasher()
_DURATION = re.compile(r"^\s*(\d{1,6})\s*([mhdw])\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
# a password that never matches, hashed once, so unknown names cost as much as known ones
_NOBODY = _HASHER.hash(secrets.token_urlsafe(16))


class Role(StrEnum):
    """What a signed-in user or a token may do; each role includes the ones before it."""

    VIEWER = "viewer"
    OPERATOR = "operator"
    ADMIN = "admin"

    def allows(self, needed: Role) -> bool:
        """Whether this role may do what ``needed`` may do."""
        order = list(Role)
        return order.index(self) >= order.index(needed)


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password``, salted, in the PHC string format."""
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored``; a missing hash takes as long and fails."""
    try:
        return _HASHER.verify(stored or _NOBODY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def new_password() -> str:
    """A generated password of about 128 bits, easy to copy."""
    return secrets.token_urlsafe(16)


def new_secret(prefix: str = "") -> str:
    """A random secret of 256 bits for a session cookie or an API token."""
    return prefix + secrets.token_urlsafe(32)


def secret_digest(secret: str) -> bytes:
    """What is stored for a secret: its SHA-256, enough for 256 random bits."""
    return hashlib.sha256(secret.encode()).digest()


def parse_duration(text: str) -> timedelta:
    """``90m``, ``12h``, ``30d`` or ``2w`` as a timedelta; a ValueError says the form."""
    found = _DURATION.match(text)
    if found is None or int(found[1]) == 0:
        raise ValueError(f"a duration is a positive number and m, h, d or w (30d), not {text!r}")
    return timedelta(**{_UNITS[found[2]]: int(found[1])})
