"""Count every change to the resource tables, so readers can cache until the next one."""

from alembic import op

revision = "0002"
down_revision = "0001"

_STATEMENTS = (
    """
    create table conductor.resources_version (
        singleton boolean primary key default true check (singleton),
        version bigint not null default 0
    )
    """,
    "insert into conductor.resources_version default values",
    # statement-level and in the writer's transaction: readers see a new version exactly
    # when they can see the change, whoever made it (Conductor, ParcoRTLS or an admin)
    """
    create function conductor.bump_resources_version() returns trigger
    language plpgsql as $$
    begin
        update conductor.resources_version set version = version + 1;
        return null;
    end
    $$
    """,
    """
    create trigger conductor_resources_changed
    after insert or update or delete or truncate on public.tlkresources
    for each statement execute function conductor.bump_resources_version()
    """,
    """
    create trigger conductor_resource_types_changed
    after insert or update or delete or truncate on public.tlkresourcetypes
    for each statement execute function conductor.bump_resources_version()
    """,
)


def upgrade() -> None:
    for statement in _STATEMENTS:
        op.execute(statement)
