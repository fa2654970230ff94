"""Signing in and out of the dashboard, and who the caller is."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.status_codes import HTTP_200_OK
from pydantic import BaseModel, ConfigDict, Field

from services.api.auth.audit import record
from services.api.auth.guards import PUBLIC
from services.api.auth.identity import SESSION_COOKIE, Caller, caller_of, source_of
from services.api.deps import GatewayDep
from services.api.errors import Unauthenticated
from shared.credentials import new_secret, secret_digest, verify_password
from shared.db import accounts
from shared.messages import Outcome

__all__ = ("AuthController", "SignIn")

_SIGN_IN = {"access": PUBLIC, "action": "auth.sign_in", "sign_in": True}


class SignIn(BaseModel):
    """A user's name and password."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


def _who(caller: Caller, anonymous_read: bool) -> dict[str, Any]:
    role = caller.role.value if caller.role else None
    kind = caller.account.kind if caller.account else "anonymous"
    return {"name": caller.actor, "role": role, "kind": kind, "anonymous_read": anonymous_read}


class AuthController(Controller):
    path = "/api/auth"
    tags = ("auth",)

    @post("/sign-in", status_code=HTTP_200_OK, opt=_SIGN_IN, summary="Sign in")
    async def sign_in(
        self, gateway: GatewayDep, data: SignIn, request: Request[Any, Any, Any]
    ) -> Response[dict[str, Any]]:
        """Checks the password and sets the session cookie the dashboard and its feed use."""
        source = source_of(request)
        account = await accounts.find_user(gateway.pool, data.name)
        stored = account.password_hash if account else None
        if account is None or not await asyncio.to_thread(verify_password, stored, data.password):
            detail = "The name or the password is wrong."
            await record(
                gateway,
                Caller(None, source),
                "auth.sign_in",
                Outcome.REFUSED,
                detail,
                target=data.name,
                error="bad_credentials",
                status=401,
            )
            raise Unauthenticated(detail, audited=True)

        secret = new_secret()
        lifetime = timedelta(hours=gateway.settings.session_hours)
        await accounts.create_session(
            gateway.pool, account.id, secret_digest(secret), lifetime, source
        )
        caller = Caller(account, source)
        await record(
            gateway, caller, "auth.sign_in", Outcome.APPLIED, "signed in", target=data.name
        )
        response = Response(_who(caller, gateway.settings.auth_anonymous_read))
        response.set_cookie(
            SESSION_COOKIE,
            secret,
            max_age=int(lifetime.total_seconds()),
            httponly=True,
            samesite="strict",
            secure=gateway.settings.session_cookie_secure,
        )
        return response

    @post("/sign-out", status_code=HTTP_200_OK, opt={"access": PUBLIC}, summary="Sign out")
    async def sign_out(
        self, gateway: GatewayDep, request: Request[Any, Any, Any]
    ) -> Response[dict[str, Any]]:
        """Ends the session of the cookie, if any, and clears the cookie."""
        if cookie := request.cookies.get(SESSION_COOKIE):
            digest = secret_digest(cookie)
            account = await accounts.session_account(gateway.pool, digest)
            await accounts.delete_session(gateway.pool, digest)
            if account is not None:
                caller = Caller(account, source_of(request))
                await record(gateway, caller, "auth.sign_out", Outcome.APPLIED, "signed out")
        response = Response({"detail": "Signed out."})
        response.delete_cookie(SESSION_COOKIE)
        return response

    @get("/me", summary="Who the caller is")
    async def me(self, gateway: GatewayDep, request: Request[Any, Any, Any]) -> dict[str, Any]:
        """Name and role of the caller; ``anonymous`` when the gateway lets anyone read."""
        caller = caller_of(request) or Caller(None, source_of(request))
        return _who(caller, gateway.settings.auth_anonymous_read)
