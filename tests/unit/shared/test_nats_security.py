"""The NATS sign-in that FastStream's brokers get from settings."""

from __future__ import annotations

from faststream.nats.security import NatsToken, NatsUserPassword

from shared.nats_security import broker_security
from shared.settings import CommonSettings


def test_no_nats_credentials_mean_no_security() -> None:
    assert broker_security(CommonSettings()) is None


def test_a_user_and_password_become_user_password_security() -> None:
    settings = CommonSettings(nats_user="conductor", nats_password="pw")

    security = broker_security(settings)

    assert isinstance(security, NatsUserPassword)
    assert (security.username, security.password) == ("conductor", "pw")


def test_a_token_becomes_token_security() -> None:
    security = broker_security(CommonSettings(nats_token="t0ken"))

    assert isinstance(security, NatsToken)
    assert security.token == "t0ken"
