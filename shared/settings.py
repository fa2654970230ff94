"""Settings of each Conductor service, read from ``CONDUCTOR_*`` variables when built."""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

__all__ = (
    "ApiSettings",
    "CommonSettings",
    "PortRange",
    "ProberSettings",
    "ScalerSettings",
)

ENV_PREFIX = "CONDUCTOR_"


class PortRange(BaseModel):
    """An inclusive range of TCP ports, written ``8200-8299`` in settings."""

    model_config = {"frozen": True}

    first: int = Field(ge=1, le=65535)
    last: int = Field(ge=1, le=65535)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            first, sep, last = value.partition("-")
            if not sep:
                raise ValueError(f"a port range is written FIRST-LAST, not {value!r}")
            return {"first": first.strip(), "last": last.strip()}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> PortRange:
        if self.first > self.last:
            raise ValueError(f"range {self} starts after it ends")
        return self

    def __contains__(self, port: object) -> bool:
        return isinstance(port, int) and self.first <= port <= self.last

    def __iter__(self) -> Any:  # iterates ports, not fields
        return iter(range(self.first, self.last + 1))

    def __len__(self) -> int:
        return self.last - self.first + 1

    def __str__(self) -> str:
        return f"{self.first}-{self.last}"


class _FileSecretsSource(PydanticBaseSettingsSource):
    """Reads ``CONDUCTOR_<FIELD>_FILE``: the value is the content of that file."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        path = os.environ.get(f"{ENV_PREFIX}{field_name.upper()}_FILE")
        if not path:
            return None, field_name, False
        return Path(path).read_text(encoding="utf-8").strip(), field_name, False

    def __call__(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, field in self.settings_cls.model_fields.items():
            value, key, _ = self.get_field_value(field, name)
            if value is not None:
                found[key] = value
        return found


class CommonSettings(BaseSettings):
    """What every service needs: where PostgreSQL and NATS are, and the port layout."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    database_url: SecretStr | None = Field(
        default=None, description="PostgreSQL URL of the ParcoRTLSMaint database."
    )
    nats_url: str | None = Field(default=None, description="NATS server URL(s), comma separated.")
    nats_user: str | None = Field(default=None, description="NATS user name (with nats_password).")
    nats_password: SecretStr | None = Field(default=None, description="NATS password.")
    nats_token: SecretStr | None = Field(default=None, description="NATS authentication token.")
    nats_nkey_seed: SecretStr | None = Field(
        default=None, description="NATS NKey seed (SU...); best given as a _FILE."
    )
    subject_prefix: str = Field(
        default="conductor",
        pattern=r"^[A-Za-z0-9_-]+$",
        description="First token of every NATS subject; lets several installs share one NATS.",
    )
    scaling_ranges: dict[int, PortRange] = Field(
        default_factory=lambda: {8002: PortRange(first=8200, last=8299)},
        description='Base port to scaling range, e.g. {"8002": "8200-8299"}.',
    )
    base_ports: Annotated[PortRange, NoDecode] = Field(
        default=PortRange(first=8001, last=8008),
        description="Ports of the managers; they are never removed through scaling.",
    )
    log_level: str = "INFO"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _FileSecretsSource(settings_cls))

    @field_validator("scaling_ranges")
    @classmethod
    def _ranges_apart(cls, ranges: dict[int, PortRange]) -> dict[int, PortRange]:
        ordered = sorted(ranges.values(), key=lambda r: r.first)
        for left, right in itertools.pairwise(ordered):
            if right.first <= left.last:
                raise ValueError(f"scaling ranges {left} and {right} overlap")
        return ranges

    def require_database_url(self) -> str:
        """The database URL, or an error that tells the operator what to set."""
        if self.database_url is None:
            raise ValueError(f"{ENV_PREFIX}DATABASE_URL is not set")
        return self.database_url.get_secret_value()

    def require_nats_url(self) -> str:
        """The NATS URL, or an error that tells the operator what to set."""
        if self.nats_url is None:
            raise ValueError(f"{ENV_PREFIX}NATS_URL is not set")
        return self.nats_url

    def nats_credentials(self) -> dict[str, Any]:
        """Keyword arguments for ``nats.connect`` (and FastStream's broker) that sign in."""
        options: dict[str, Any] = {}
        if self.nats_user is not None:
            options["user"] = self.nats_user
        if self.nats_password is not None:
            options["password"] = self.nats_password.get_secret_value()
        if self.nats_token is not None:
            options["token"] = self.nats_token.get_secret_value()
        if self.nats_nkey_seed is not None:
            options["nkeys_seed_str"] = self.nats_nkey_seed.get_secret_value()
        return options


class ApiSettings(CommonSettings):
    """The gateway: where it listens and how long it waits on the scaler."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    command_timeout: float = Field(
        default=1.5, gt=0, le=30, description="Seconds to wait for a command's reply."
    )
    db_pool_size: int = Field(default=10, ge=1, le=100)
    dashboard_dir: Path = Field(
        default=Path(__file__).resolve().parents[1] / "services" / "dashboard" / "dist",
        description="The built dashboard served at /.",
    )
    feed_ring: int = Field(
        default=10_000, ge=100, description="Events kept for feed clients that reconnect."
    )
    feed_backlog: int = Field(
        default=500, ge=1, description="Frames a feed client may fall behind before it is cut off."
    )
    auth_anonymous_read: bool = Field(
        default=False, description="Let clients without credentials read; never change."
    )
    session_hours: float = Field(
        default=12.0, gt=0, le=24 * 30, description="How long a dashboard sign-in lasts."
    )
    session_cookie_secure: bool = Field(
        default=False, description="Send the session cookie over HTTPS only (behind TLS)."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed to call the API from a browser, comma separated; none.",
    )
    max_body_bytes: int = Field(
        default=64 * 1024, ge=1024, description="Largest request body accepted."
    )
    sign_in_per_minute: int = Field(
        default=10, ge=1, description="Sign-in attempts per minute from one address."
    )
    mutations_per_minute: int = Field(
        default=120, ge=1, description="Changes per minute from one address."
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip().rstrip("/") for part in value.split(",") if part.strip()]
        return value


class ProberSettings(CommonSettings):
    """The prober: how often it records, how long it keeps history, how it recovers."""

    db_pool_size: int = Field(default=4, ge=1, le=100)
    flush_interval: float = Field(
        default=1.0, gt=0, le=10, description="Seconds between writes of state and samples."
    )
    history_hours: float = Field(
        default=24.0, gt=0, description="How long probe samples are kept for charts."
    )
    recovery_checks: int = Field(
        default=1, ge=1, le=10, description="Good checks before an unhealthy port recovers."
    )
    recheck_interval: float | None = Field(
        default=None,
        gt=0,
        description="Seconds between checks of a failing port; min(interval, 2) if unset.",
    )


class ScalerSettings(CommonSettings):
    """The scaler: how many commands it applies at once."""

    workers: int = Field(default=8, ge=1, le=64, description="Commands handled concurrently.")
    db_pool_size: int = Field(default=10, ge=1, le=100)
    outbox_interval: float = Field(
        default=1.0, gt=0, description="Seconds between retries of unpublished events."
    )
