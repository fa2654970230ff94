"""Create or complete the ParcoRTLS resource tables; add Conductor's audit and outbox."""

from alembic import op

revision = "0001"
down_revision = None

_RESOURCE_TABLES = """
create table if not exists public.tlkresourcetypes (
    i_typ_res integer primary key,
    x_dsc_res varchar(50) not null
);
create sequence if not exists public.tlkresources_i_res_seq;
create table if not exists public.tlkresources (
    i_res integer primary key default nextval('public.tlkresources_i_res_seq'),
    i_typ_res integer not null references public.tlkresourcetypes (i_typ_res),
    x_nm_res varchar(50) not null,
    x_ip varchar(50) not null,
    i_prt integer not null,
    i_rnk integer not null,
    f_fs boolean,
    f_avg boolean
);
"""

# installs that predate monitoring lack some or all of these; nullable, NULL means the default
_MONITORING_COLUMNS = (
    ("f_monitor_enabled", "boolean"),
    ("f_auto_expand", "boolean"),
    ("i_monitor_interval", "integer"),
    ("i_monitor_timeout", "integer"),
    ("i_monitor_threshold", "integer"),
)

_CONDUCTOR_TABLES = """
create index if not exists ix_tlkresources_i_prt on public.tlkresources (i_prt);

create table conductor.audit (
    id bigserial primary key,
    command_id uuid not null unique,
    action text not null,
    port integer,
    before jsonb,
    after jsonb,
    outcome text not null check (outcome in ('applied', 'refused', 'failed')),
    error text,
    detail text not null default '',
    actor text not null,
    at timestamptz not null default now()
);
create index ix_audit_at on conductor.audit (at desc);

create table conductor.outbox (
    id bigserial primary key,
    msg_id text not null unique,
    subject text not null,
    payload jsonb not null,
    created_at timestamptz not null default now(),
    published_at timestamptz
);
create index ix_outbox_pending on conductor.outbox (id) where published_at is null;
"""


def _each(script: str) -> list[str]:
    # asyncpg prepares each statement, so a script goes one statement at a time
    return [part.strip() for part in script.split(";") if part.strip()]


def upgrade() -> None:
    for statement in _each(_RESOURCE_TABLES):
        op.execute(statement)
    for name, sql_type in _MONITORING_COLUMNS:
        op.execute(f"alter table public.tlkresources add column if not exists {name} {sql_type}")
    for statement in _each(_CONDUCTOR_TABLES):
        op.execute(statement)
