"""Health state per port and the probe history behind the charts."""

from alembic import op

revision = "0003"
down_revision = "0002"

_STATEMENTS = (
    """
    create table conductor.port_health (
        port integer primary key,
        host text not null,
        status text not null
            check (status in ('unknown', 'healthy', 'warning', 'unhealthy', 'disabled')),
        since timestamptz not null,
        reason text not null,
        last_check_at timestamptz,
        last_connect_at timestamptz,
        consecutive_failures integer not null default 0,
        consecutive_successes integer not null default 0,
        response_time_ms double precision,
        updated_at timestamptz not null default now()
    )
    """,
    """
    create table conductor.probe_samples (
        port integer not null,
        at timestamptz not null,
        ok boolean not null,
        response_time_ms real,
        status text not null
    )
    """,
    "create index ix_probe_samples_port_at on conductor.probe_samples (port, at)",
    "create index ix_probe_samples_at on conductor.probe_samples (at)",
    """
    create table conductor.prober_heartbeat (
        singleton boolean primary key default true check (singleton),
        at timestamptz not null,
        version text not null
    )
    """,
)


def upgrade() -> None:
    for statement in _STATEMENTS:
        op.execute(statement)
