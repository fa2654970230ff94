"""Settings: built from CONDUCTOR_* variables and *_FILE secrets when asked, never at import."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from shared.settings import ApiSettings, CommonSettings, PortRange


def test_scaling_ranges_default_to_8002_onto_8200_8299() -> None:
    settings = CommonSettings()

    assert {base: str(r) for base, r in settings.scaling_ranges.items()} == {8002: "8200-8299"}


def test_scaling_ranges_are_read_from_json_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONDUCTOR_SCALING_RANGES", '{"8002": "8200-8249", "8003": "8250-8299"}')

    settings = CommonSettings()

    assert [(b, len(r)) for b, r in sorted(settings.scaling_ranges.items())] == [
        (8002, 50),
        (8003, 50),
    ]


def test_overlapping_scaling_ranges_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONDUCTOR_SCALING_RANGES", '{"8002": "8200-8260", "8003": "8250-8299"}')

    with pytest.raises(ValidationError, match="overlap"):
        CommonSettings()


@pytest.mark.parametrize("text", ["8300-8200", "8200", "0-10", "8200-70000", "a-b"])
def test_port_range_refuses_text_that_is_not_a_range(text: str) -> None:
    with pytest.raises(ValidationError):
        PortRange.model_validate(text)


def test_port_range_contains_its_ends_only() -> None:
    scaling = PortRange.model_validate("8200-8299")

    assert (8199 in scaling, 8200 in scaling, 8299 in scaling, 8300 in scaling) == (
        False,
        True,
        True,
        False,
    )


def test_database_url_is_read_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "database_url"
    secret.write_text("postgresql://conductor:s3cret@db:5432/ParcoRTLSMaint\n")
    monkeypatch.setenv("CONDUCTOR_DATABASE_URL_FILE", str(secret))

    settings = ApiSettings()

    assert settings.require_database_url().endswith("@db:5432/ParcoRTLSMaint")
    assert "s3cret" not in repr(settings)


def test_missing_urls_say_which_variable_to_set() -> None:
    settings = CommonSettings()

    with pytest.raises(ValueError, match="CONDUCTOR_DATABASE_URL"):
        settings.require_database_url()
    with pytest.raises(ValueError, match="CONDUCTOR_NATS_URL"):
        settings.require_nats_url()


def test_environment_is_read_when_settings_are_built_not_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = ApiSettings()
    monkeypatch.setenv("CONDUCTOR_PORT", "8123")

    second = ApiSettings()

    assert (first.port, second.port) == (8000, 8123)


def test_base_ports_are_read_as_a_range(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONDUCTOR_BASE_PORTS", "8001-8010")

    settings = CommonSettings()

    assert (8010 in settings.base_ports, 8011 in settings.base_ports) == (True, False)


def test_the_api_refuses_anonymous_reads_and_cross_origin_calls_by_default() -> None:
    settings = ApiSettings()

    assert settings.auth_anonymous_read is False
    assert settings.cors_origins == []


def test_cors_origins_are_read_as_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONDUCTOR_CORS_ORIGINS", "https://a.example/, https://b.example")

    assert ApiSettings().cors_origins == ["https://a.example", "https://b.example"]


def test_nats_credentials_come_from_files_and_stay_out_of_repr(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "nats_password"
    secret.write_text("s3cret-from-file\n")
    monkeypatch.setenv("CONDUCTOR_NATS_USER", "conductor")
    monkeypatch.setenv("CONDUCTOR_NATS_PASSWORD_FILE", str(secret))

    settings = CommonSettings()

    assert settings.nats_credentials() == {"user": "conductor", "password": "s3cret-from-file"}
    assert "s3cret" not in repr(settings)
