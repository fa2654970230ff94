"""``conductor user`` and ``conductor token``: accounts made from the command line."""

from __future__ import annotations

import asyncio
import getpass
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import asyncpg
import typer

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
from shared.db.pool import Connection
from shared.embedded import PARCO_DATABASE, EmbeddedPostgres
from shared.logs import configure_logging
from shared.settings import CommonSettings

__all__ = ("ensure_first_admin", "token_app", "user_app")

T = TypeVar("T")

user_app = typer.Typer(help="Users who sign in to the dashboard.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for scripts.", no_args_is_help=True)

_MIN_PASSWORD = 12
EMBEDDED_DATA = Path(".conductor") / "postgres"


def _fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=2)


def _with_database(work: Callable[[Connection], Awaitable[T]]) -> T:
    settings = CommonSettings()
    configure_logging(settings.log_level)

    async def run(url: str) -> T:
        conn = await asyncpg.connect(url)
        try:
            return await work(conn)
        finally:
            await conn.close()

    if settings.database_url is not None:
        return asyncio.run(run(settings.require_database_url()))
    # no URL: the embedded database `conductor up` keeps in this folder, if there is one
    if not (EMBEDDED_DATA / "PG_VERSION").is_file():
        raise _fail(
            "CONDUCTOR_DATABASE_URL is not set and there is no ./.conductor database here; "
            "set it, or run this where you ran `conductor up`"
        )
    with EmbeddedPostgres(EMBEDDED_DATA) as server:
        return asyncio.run(run(server.url(PARCO_DATABASE)))


def _ask_password() -> str:
    first = getpass.getpass("Password: ")
    if len(first) < _MIN_PASSWORD:
        raise _fail(f"a password has at least {_MIN_PASSWORD} characters")
    if getpass.getpass("Again: ") != first:
        raise _fail("the two passwords differ")
    return first


@user_app.command("add")
def add_user(
    name: Annotated[str, typer.Argument(help="Letters, digits and _.@- (64 at most).")],
    role: Annotated[Role, typer.Option(help="viewer, operator or admin.")],
    generate: Annotated[
        bool, typer.Option(help="Generate the password and print it once, instead of asking.")
    ] = False,
) -> None:
    """Add a user; the password is asked for twice, or generated with --generate."""
    password = new_password() if generate else _ask_password()
    hashed = hash_password(password)

    async def add(conn: Connection) -> None:
        try:
            await accounts.add_user(conn, name, role, hashed)
        except asyncpg.UniqueViolationError as exc:
            raise _fail(f"a user named {name!r} exists already") from exc
        except asyncpg.CheckViolationError as exc:
            raise _fail("a name is 1-64 letters, digits or _.@-") from exc

    _with_database(add)
    typer.echo(f"user {name} added as {role.value}")
    if generate:
        typer.echo(f"password (shown once): {password}")


@user_app.command("list")
def list_users() -> None:
    """List users and their roles."""
    for user in _with_database(accounts.list_users):
        state = " (disabled)" if user["disabled_at"] else ""
        typer.echo(f"{user['name']}\t{user['role']}{state}")


@token_app.command("create")
def create_token(
    role: Annotated[Role, typer.Option(help="viewer, operator or admin.")],
    name: Annotated[str, typer.Option(help="Who or what uses it; the audit shows it.")] = "cli",
    expires: Annotated[str, typer.Option(help="Lifetime: 90m, 12h, 30d or 2w.")] = "30d",
) -> None:
    """Create an API token and print it once; only its hash is stored."""
    try:
        lifetime = parse_duration(expires)
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    secret = new_secret(TOKEN_PREFIX)

    async def create(conn: Connection) -> accounts.TokenInfo:
        return await accounts.create_token(
            conn, name, role, secret_digest(secret), lifetime, f"cli:{getpass.getuser()}"
        )

    token = _with_database(create)
    typer.echo(
        f"token {token.id} ({name}, {role.value}) expires {token.expires_at:%Y-%m-%d %H:%M %Z}"
    )
    typer.echo(secret)


@token_app.command("revoke")
def revoke_token(
    token_id: Annotated[int, typer.Argument(help="The id shown at creation.")],
) -> None:
    """Revoke a token; requests with it answer 401 from then on."""

    async def revoke(conn: Connection) -> accounts.TokenInfo | None:
        return await accounts.revoke_token(conn, token_id)

    if _with_database(revoke) is None:
        raise _fail(f"there is no token {token_id}")
    typer.echo(f"token {token_id} revoked")


@token_app.command("list")
def list_tokens() -> None:
    """List tokens (never their secrets)."""
    for token in _with_database(accounts.list_tokens):
        state = "revoked" if token.revoked_at else f"expires {token.expires_at:%Y-%m-%d %H:%M}"
        typer.echo(f"{token.id}\t{token.name}\t{token.role.value}\t{state}")


async def ensure_first_admin(conn: Connection, name: str = "admin") -> str | None:
    """Adds an admin with a generated password when there is no user; returns the password."""
    if await accounts.count_users(conn):
        return None
    password = new_password()
    await accounts.add_user(conn, name, Role.ADMIN, hash_password(password))
    return password
