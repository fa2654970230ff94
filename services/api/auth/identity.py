"""Who a request comes from: a bearer token, a dashboard session, or nobody."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar.connection import ASGIConnection

from services.api.errors import Unauthenticated
from shared.credentials import Role, secret_digest
from shared.db import accounts
from shared.db.accounts import Account
from shared.db.pool import Queryable

__all__ = ("SESSION_COOKIE", "Caller", "caller_of", "identify", "source_of")

SESSION_COOKIE = "conductor_session"
_SCOPE_KEY = "user"


@dataclass(frozen=True, slots=True)
class Caller:
    """The account behind a request (None when anonymous) and the address it came from."""

    account: Account | None
    source: str

    @property
    def actor(self) -> str:
        return self.account.actor if self.account else "anonymous"

    @property
    def role(self) -> Role | None:
        return self.account.role if self.account else None

    def command_fields(self) -> dict[str, Any]:
        """Who sent a command, as the scaler records it."""
        role = self.role.value if self.role else None
        return {"actor": self.actor, "role": role, "source": self.source}


def source_of(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    return connection.client.host if connection.client else "unknown"


async def identify(connection: ASGIConnection[Any, Any, Any, Any], pool: Queryable) -> Caller:
    """The caller of ``connection``, remembered in its scope for handlers and the audit.

    A bearer token that is unknown, expired or revoked is a 401; a session cookie that is
    no longer valid reads as no session, so the dashboard shows its sign-in page.
    """
    account: Account | None = None
    header = connection.headers.get("authorization")
    if header is not None:
        account = await _token_account(header, pool)
    elif cookie := connection.cookies.get(SESSION_COOKIE):
        account = await accounts.session_account(pool, secret_digest(cookie))
    caller = Caller(account, source_of(connection))
    connection.scope[_SCOPE_KEY] = caller  # type: ignore[literal-required]  # litestar's slot
    return caller


def caller_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Caller | None:
    """The caller found for this request, if it was identified already."""
    found = connection.scope.get(_SCOPE_KEY)
    return found if isinstance(found, Caller) else None


async def _token_account(header: str, pool: Queryable) -> Account:
    scheme, _, secret = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthenticated("Send the token as 'Authorization: Bearer <token>'.")
    account = await accounts.token_account(pool, secret_digest(secret.strip()))
    if account is None:
        raise Unauthenticated(
            "The token is unknown, expired or revoked; ask an admin for a new one "
            "(conductor token create)."
        )
    return account
