"""compose.yaml runs the CLI's own commands with settings the services really read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.main import get_command

from services.cli.main import app
from shared.settings import ApiSettings, CommonSettings, ProberSettings, ScalerSettings

COMPOSE = Path(__file__).parents[2] / "compose.yaml"
SETTINGS: dict[str, type[CommonSettings]] = {
    "api": ApiSettings,
    "scaler": ScalerSettings,
    "prober": ProberSettings,
    "migrate": CommonSettings,
}


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    document = yaml.safe_load(COMPOSE.read_text())
    found: dict[str, Any] = document["services"]
    return found


def _accepted(settings: type[CommonSettings]) -> set[str]:
    names = {f"CONDUCTOR_{name.upper()}" for name in settings.model_fields}
    return names | {f"{name}_FILE" for name in names}


def test_compose_runs_every_service_with_a_real_cli_command(services: dict[str, Any]) -> None:
    commands = set(get_command(app).commands)  # type: ignore[attr-defined]  # a click Group

    for name, settings in SETTINGS.items():
        command = services[name]["command"]

        assert command[0] == "conductor", name
        assert command[1] in commands, name
        assert command[1] == name, name
        assert settings is not None


def test_compose_sets_only_variables_the_services_read(services: dict[str, Any]) -> None:
    for name, settings in SETTINGS.items():
        variables = set(services[name]["environment"])

        unknown = variables - _accepted(settings)

        assert not unknown, (name, unknown)


def test_compose_health_checks_every_server(services: dict[str, Any]) -> None:
    for name in ("postgres", "nats", "api"):
        assert services[name]["healthcheck"]["test"], name


def test_compose_publishes_the_gateway_on_loopback_only(services: dict[str, Any]) -> None:
    assert services["api"]["ports"] == ["127.0.0.1:8000:8000"]


def test_compose_builds_values_the_settings_accept(
    services: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in services["scaler"]["environment"].items():
        if not key.endswith("_FILE"):
            monkeypatch.setenv(key, value)

    settings = ScalerSettings()

    assert str(settings.scaling_ranges[8002]) == "8200-8299"
