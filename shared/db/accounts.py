"""Users, their sessions and API tokens in ``conductor``; only hashes of secrets are stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg

from shared.credentials import Role
from shared.db.pool import Queryable

__all__ = (
    "Account",
    "TokenInfo",
    "add_user",
    "count_users",
    "create_session",
    "create_token",
    "delete_session",
    "find_user",
    "list_tokens",
    "list_users",
    "revoke_token",
    "session_account",
    "token_account",
)


@dataclass(frozen=True, slots=True)
class Account:
    """Who a request acts as: a user (by session) or an API token."""

    name: str
    role: Role
    kind: str  # "user" or "token"
    id: int
    password_hash: str | None = None

    @property
    def actor(self) -> str:
        """The name the audit trail records: a user's name, or ``token:<name>``."""
        return self.name if self.kind == "user" else f"token:{self.name}"


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """An API token as listed: never its secret."""

    id: int
    name: str
    role: Role
    created_by: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


async def add_user(conn: Queryable, name: str, role: Role, password_hash: str) -> int:
    """Adds a user; raises ``UniqueViolationError`` when the name is taken."""
    found: int = await conn.fetchval(
        "insert into conductor.users (name, role, password_hash) values ($1, $2, $3) returning id",
        name,
        role.value,
        password_hash,
    )
    return found


async def count_users(conn: Queryable) -> int:
    found: int = await conn.fetchval("select count(*) from conductor.users")
    return found


async def list_users(conn: Queryable) -> list[dict[str, object]]:
    rows = await conn.fetch(
        "select id, name, role, created_at, disabled_at from conductor.users order by name"
    )
    return [dict(row) for row in rows]


async def find_user(conn: Queryable, name: str) -> Account | None:
    """An enabled user with its password hash, for signing in."""
    row = await conn.fetchrow(
        "select id, name, role, password_hash from conductor.users "
        "where name = $1 and disabled_at is null",
        name,
    )
    if row is None:
        return None
    return Account(row["name"], Role(row["role"]), "user", row["id"], row["password_hash"])


async def create_session(
    conn: Queryable, user_id: int, digest: bytes, lifetime: timedelta, source: str
) -> None:
    """Stores a new session and drops the expired ones."""
    await conn.execute("delete from conductor.sessions where expires_at < now()")
    await conn.execute(
        "insert into conductor.sessions (secret_hash, user_id, source, expires_at) "
        "values ($1, $2, $3, now() + $4::interval)",
        digest,
        user_id,
        source,
        lifetime,
    )


async def delete_session(conn: Queryable, digest: bytes) -> None:
    await conn.execute("delete from conductor.sessions where secret_hash = $1", digest)


async def session_account(conn: Queryable, digest: bytes) -> Account | None:
    """The enabled user of a live session."""
    row = await conn.fetchrow(
        "select u.id, u.name, u.role from conductor.sessions s "
        "join conductor.users u on u.id = s.user_id "
        "where s.secret_hash = $1 and s.expires_at > now() and u.disabled_at is null",
        digest,
    )
    return None if row is None else Account(row["name"], Role(row["role"]), "user", row["id"])


async def create_token(
    conn: Queryable, name: str, role: Role, digest: bytes, lifetime: timedelta, created_by: str
) -> TokenInfo:
    """Stores a token's hash; the caller shows the secret once and forgets it."""
    expires_at = datetime.now(UTC) + lifetime
    row = await conn.fetchrow(
        "insert into conductor.api_tokens (name, role, secret_hash, created_by, expires_at) "
        "values ($1, $2, $3, $4, $5) returning *",
        name,
        role.value,
        digest,
        created_by,
        expires_at,
    )
    assert row is not None
    return _token_info(row)


async def token_account(conn: Queryable, digest: bytes) -> Account | None:
    """The token of ``digest`` if it is neither expired nor revoked."""
    row = await conn.fetchrow(
        "select id, name, role from conductor.api_tokens "
        "where secret_hash = $1 and revoked_at is null and expires_at > now()",
        digest,
    )
    return None if row is None else Account(row["name"], Role(row["role"]), "token", row["id"])


async def revoke_token(conn: Queryable, token_id: int) -> TokenInfo | None:
    """Revokes a token (once); None when there is no such token."""
    row = await conn.fetchrow(
        "update conductor.api_tokens set revoked_at = coalesce(revoked_at, now()) "
        "where id = $1 returning *",
        token_id,
    )
    return None if row is None else _token_info(row)


async def list_tokens(conn: Queryable) -> list[TokenInfo]:
    rows = await conn.fetch("select * from conductor.api_tokens order by id")
    return [_token_info(row) for row in rows]


def _token_info(row: asyncpg.Record) -> TokenInfo:
    return TokenInfo(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        created_by=row["created_by"],
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        revoked_at=row["revoked_at"],
    )
