"""Roles, password hashes, secrets and lifetimes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shared.credentials import (
    Role,
    hash_password,
    new_secret,
    parse_duration,
    secret_digest,
    verify_password,
)


@pytest.mark.parametrize(
    ("role", "needed", "allowed"),
    [
        (Role.ADMIN, Role.OPERATOR, True),
        (Role.OPERATOR, Role.OPERATOR, True),
        (Role.OPERATOR, Role.VIEWER, True),
        (Role.VIEWER, Role.OPERATOR, False),
        (Role.OPERATOR, Role.ADMIN, False),
    ],
)
def test_a_role_allows_what_the_roles_below_it_may(role: Role, needed: Role, allowed: bool) -> None:
    assert role.allows(needed) is allowed


def test_a_password_hash_is_argon2id_and_checks_only_its_password() -> None:
    stored = hash_password("a long enough password")

    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "a long enough password")
    assert not verify_password(stored, "another password")
    assert not verify_password(None, "a long enough password")
    assert not verify_password("not a hash", "a long enough password")


def test_secrets_are_random_and_stored_as_digests() -> None:
    first, second = new_secret("cdt_"), new_secret("cdt_")

    assert first != second
    assert first.startswith("cdt_") and len(first) > 40
    assert secret_digest(first) != secret_digest(second)
    assert first.encode() not in secret_digest(first)


@pytest.mark.parametrize(
    ("text", "lifetime"),
    [("90m", timedelta(minutes=90)), ("12h", timedelta(hours=12)), (" 30d ", timedelta(days=30))],
)
def test_a_lifetime_reads_minutes_hours_days_and_weeks(text: str, lifetime: timedelta) -> None:
    assert parse_duration(text) == lifetime


@pytest.mark.parametrize("text", ["", "0d", "1y", "-3d", "d", "10"])
def test_a_lifetime_refuses_other_forms(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)
