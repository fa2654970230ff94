"""Users, sessions and API tokens; who and from where in the audit; audits made append-only."""

from alembic import op

revision = "0004"
down_revision = "0003"

_ROLES = "('viewer', 'operator', 'admin')"

_STATEMENTS = (
    f"""
    create table conductor.users (
        id bigserial primary key,
        name text not null unique check (name ~ '^[A-Za-z0-9_.@-]{{1,64}}$'),
        role text not null check (role in {_ROLES}),
        password_hash text not null,
        created_at timestamptz not null default now(),
        disabled_at timestamptz
    )
    """,
    """
    create table conductor.sessions (
        secret_hash bytea primary key,
        user_id bigint not null references conductor.users (id) on delete cascade,
        source text,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null
    )
    """,
    "create index ix_sessions_expires_at on conductor.sessions (expires_at)",
    f"""
    create table conductor.api_tokens (
        id bigserial primary key,
        name text not null,
        role text not null check (role in {_ROLES}),
        secret_hash bytea not null unique,
        created_by text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz
    )
    """,
    "alter table conductor.audit add column role text, add column source text",
    # what the gateway decides itself: sign-ins, refusals before a command is sent, accounts
    """
    create table conductor.gateway_audit (
        id bigserial primary key,
        command_id uuid not null unique default gen_random_uuid(),
        action text not null,
        port integer,
        target text,
        outcome text not null check (outcome in ('applied', 'refused', 'failed')),
        error text,
        status integer,
        detail text not null default '',
        actor text not null,
        role text,
        source text,
        at timestamptz not null default now()
    )
    """,
    "create index ix_gateway_audit_at on conductor.gateway_audit (at desc)",
    """
    create view conductor.audit_trail as
        select command_id, action, port, port::text as target, outcome, error, null::integer
               as status, detail, actor, role, source, before, after, at
        from conductor.audit
        union all
        select command_id, action, port, target, outcome, error, status, detail, actor, role,
               source, null::jsonb, null::jsonb, at
        from conductor.gateway_audit
    """,
    """
    create function conductor.forbid_audit_change() returns trigger
    language plpgsql as $$
    begin
        raise exception 'the audit trail is append-only: % on % refused', tg_op, tg_table_name
            using errcode = 'insufficient_privilege';
    end
    $$
    """,
)

_APPEND_ONLY = ("audit", "gateway_audit")


def _guards(table: str) -> tuple[str, ...]:
    return (
        f"""
        create trigger {table}_append_only before update or delete on conductor.{table}
        for each row execute function conductor.forbid_audit_change()
        """,
        f"""
        create trigger {table}_no_truncate before truncate on conductor.{table}
        for each statement execute function conductor.forbid_audit_change()
        """,
    )


def upgrade() -> None:
    for statement in _STATEMENTS:
        op.execute(statement)
    for table in _APPEND_ONLY:
        for statement in _guards(table):
            op.execute(statement)
