"""Admin endpoints: users and API tokens, every change audited."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

import asyncpg
from litestar import Controller, Request, delete, get, post
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from pydantic import BaseModel, ConfigDict, Field

from services.api.auth.audit import record
from services.api.auth.guards import changes, needs
from services.api.auth.identity import Caller, caller_of, source_of
from services.api.deps import GatewayDep
from services.api.errors import BadRequest, Conflict, NotFound
from shared.credentials import (
    TOKEN_PREFIX,
    Role,
    hash_password,
    new_password,
    new_secret,
    parse_duration,
    secret_digest,
)
from shared.db import accounts
from shared.db.accounts import TokenInfo
from shared.messages import Outcome

__all__ = ("AccountsController", "NewToken", "NewUser")

# a literal, not the enum: bodies are validated strictly, and JSON has no enums
RoleName = Literal["viewer", "operator", "admin"]


class NewUser(BaseModel):
    """A user to add; without a password one is generated and shown once."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")
    role: RoleName
    password: str | None = Field(default=None, min_length=12, max_length=1024)


class NewToken(BaseModel):
    """An API token to create for a script."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=64)
    role: RoleName
    expires: str = Field(default="30d", description="Lifetime: 90m, 12h, 30d or 2w.")


def _token_view(token: TokenInfo) -> dict[str, Any]:
    return {
        "id": token.id,
        "name": token.name,
        "role": token.role.value,
        "created_by": token.created_by,
        "created_at": token.created_at.isoformat(),
        "expires_at": token.expires_at.isoformat(),
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


def _caller(request: Request[Any, Any, Any]) -> Caller:
    return caller_of(request) or Caller(None, source_of(request))


class AccountsController(Controller):
    path = "/api/auth"
    tags = ("accounts",)

    @get("/users", opt=needs(Role.ADMIN), summary="Every user")
    async def users(self, gateway: GatewayDep) -> dict[str, Any]:
        found = await accounts.list_users(gateway.pool)
        return {"users": found, "total": len(found)}

    @post(
        "/users",
        status_code=HTTP_201_CREATED,
        opt=changes("auth.user.add", Role.ADMIN),
        summary="Add a user",
    )
    async def add_user(
        self, gateway: GatewayDep, data: NewUser, request: Request[Any, Any, Any]
    ) -> dict[str, Any]:
        """Adds a user; a generated password is in the answer, and nowhere else."""
        password = data.password or new_password()
        hashed = await asyncio.to_thread(hash_password, password)
        try:
            await accounts.add_user(gateway.pool, data.name, Role(data.role), hashed)
        except asyncpg.UniqueViolationError as exc:
            raise Conflict(f"A user named {data.name!r} exists already.") from exc
        detail = f"user {data.name} added as {data.role}"
        await record(
            gateway, _caller(request), "auth.user.add", Outcome.APPLIED, detail, target=data.name
        )
        shown = None if data.password else password
        return {"name": data.name, "role": data.role, "password": shown}

    @get("/tokens", opt=needs(Role.ADMIN), summary="Every API token, without secrets")
    async def tokens(self, gateway: GatewayDep) -> dict[str, Any]:
        found = [_token_view(token) for token in await accounts.list_tokens(gateway.pool)]
        return {"tokens": found, "total": len(found)}

    @post(
        "/tokens",
        status_code=HTTP_201_CREATED,
        opt=changes("auth.token.create", Role.ADMIN),
        summary="Create an API token",
    )
    async def create_token(
        self, gateway: GatewayDep, data: NewToken, request: Request[Any, Any, Any]
    ) -> dict[str, Any]:
        """The token's secret is in this answer only; store it now."""
        try:
            lifetime = parse_duration(data.expires)
        except ValueError as exc:
            raise BadRequest(f"expires: {exc}.") from exc
        caller = _caller(request)
        secret = new_secret(TOKEN_PREFIX)
        token = await accounts.create_token(
            gateway.pool, data.name, Role(data.role), secret_digest(secret), lifetime, caller.actor
        )
        detail = f"token {token.id} ({data.name}) created as {data.role}"
        await record(
            gateway, caller, "auth.token.create", Outcome.APPLIED, detail, target=str(token.id)
        )
        return {**_token_view(token), "token": secret}

    @delete(
        "/tokens/{token_id:int}",
        status_code=HTTP_200_OK,
        opt=changes("auth.token.revoke", Role.ADMIN),
        summary="Revoke an API token",
    )
    async def revoke_token(
        self, gateway: GatewayDep, token_id: int, request: Request[Any, Any, Any]
    ) -> dict[str, Any]:
        token = await accounts.revoke_token(gateway.pool, token_id)
        if token is None:
            raise NotFound(f"There is no token {token_id}.")
        await record(
            gateway,
            _caller(request),
            "auth.token.revoke",
            Outcome.APPLIED,
            f"token {token_id} revoked",
            target=str(token_id),
        )
        return _token_view(token)
