"""The ``conductor`` command: run the whole stack, one service, migrations or demo data."""

from __future__ import annotations

import asyncio
import gc
import json
from pathlib import Path
from typing import Annotated

import asyncpg
import typer

from services.cli.accounts import token_app, user_app
from shared.demo import seed_demo
from shared.logs import configure_logging
from shared.migrations.runner import migrate as run_migrations
from shared.settings import ApiSettings, CommonSettings, ProberSettings, ScalerSettings

__all__ = ("app", "main")

app = typer.Typer(
    help="Conductor: health and scaling of the ParcoRTLS WebSocket managers.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


def _fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=2)


def _database_url(settings: CommonSettings) -> str:
    try:
        return settings.require_database_url()
    except ValueError as exc:
        raise _fail(f"{exc}; set it or use `conductor up` for an embedded database") from exc


@app.command()
def up(
    data_dir: Annotated[Path, typer.Option(help="Where embedded servers keep data.")] = Path(
        ".conductor"
    ),
    port: Annotated[
        int | None,
        typer.Option(help="Port of the gateway on 127.0.0.1 [default: CONDUCTOR_PORT or 8000]."),
    ] = None,
    demo: Annotated[bool, typer.Option(help="Load demo data into an empty database.")] = True,
) -> None:
    """Start everything in this terminal; embedded PostgreSQL and NATS unless URLs are set."""
    from services.cli.stack import Stack, port_in_use

    settings = ApiSettings()
    configure_logging(settings.log_level)
    api_port = settings.port if port is None else port
    if port_in_use("127.0.0.1", api_port):
        raise _fail(f"port {api_port} is in use; choose another with --port or CONDUCTOR_PORT")
    raise typer.Exit(Stack(settings, data_dir=data_dir, api_port=api_port, demo=demo).run())


@app.command()
def api() -> None:
    """Run the gateway (REST API and dashboard)."""
    import uvicorn

    from services.api.app import create_app

    settings = ApiSettings()
    configure_logging(settings.log_level)
    _database_url(settings)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None)


@app.command()
def scaler() -> None:
    """Run the scaler, the one writer of tlkresources."""
    from services.cli.running import run_until_stopped
    from services.scaler.service import ScalerService

    settings = ScalerSettings()
    configure_logging(settings.log_level)
    _database_url(settings)
    run_until_stopped(ScalerService(settings))


@app.command()
def prober() -> None:
    """Run the prober: TCP checks of every monitored port, health state and events."""
    from services.cli.running import run_until_stopped
    from services.prober.service import ProberService

    settings = ProberSettings()
    configure_logging(settings.log_level)
    _database_url(settings)
    # a check makes short-lived objects by the thousand: collecting less often keeps the
    # engine's pauses (and so its scheduling lag) short
    gc.set_threshold(50_000, 20, 20)
    run_until_stopped(ProberService(settings))


@app.command("stand-ins")
def stand_ins(
    control_dir: Annotated[
        Path, typer.Option(help="A file <port>.down here stops that port's stand-in.")
    ] = Path(".conductor/stand-ins"),
) -> None:
    """Listen on the demo ports like the managers would (one refused, one timing out)."""
    from services.cli.running import run_until_stopped
    from services.standins.listeners import StandIns
    from shared.demo import DEMO_UNRESPONSIVE, demo_answering_ports

    configure_logging(CommonSettings().log_level)
    run_until_stopped(
        StandIns(demo_answering_ports(), [DEMO_UNRESPONSIVE], control_dir=control_dir.resolve())
    )


@app.command()
def migrate() -> None:
    """Bring the database schema up to date (safe to repeat)."""
    settings = CommonSettings()
    configure_logging(settings.log_level)
    run_migrations(_database_url(settings))
    typer.echo("database is up to date")


@app.command("seed-demo")
def seed_demo_command(
    force: Annotated[bool, typer.Option(help="Add the rows even if the table has some.")] = False,
) -> None:
    """Load the demo install into an empty tlkresources table."""
    settings = CommonSettings()
    configure_logging(settings.log_level)
    url = _database_url(settings)

    async def seed() -> bool:
        conn = await asyncpg.connect(url)
        try:
            return await seed_demo(conn, force=force)
        finally:
            await conn.close()

    wrote = asyncio.run(seed())
    typer.echo("demo data loaded" if wrote else "tlkresources has rows; nothing loaded")


@app.command()
def asyncapi() -> None:
    """Print the AsyncAPI document of Conductor's commands and events."""
    from services.asyncapi import asyncapi_document

    typer.echo(json.dumps(asyncapi_document(ScalerSettings()), indent=2))


def main() -> None:
    app()
