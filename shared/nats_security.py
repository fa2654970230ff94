"""The NATS sign-in of settings, in the form FastStream's brokers take it."""

from __future__ import annotations

from faststream.nats.security import NatsNKey, NatsSecurity, NatsToken, NatsUserPassword

from shared.settings import CommonSettings

__all__ = ("broker_security",)


def broker_security(settings: CommonSettings) -> NatsSecurity | None:
    """An NKey, a token or a user and password, whichever the settings give (in that order)."""
    if settings.nats_nkey_seed is not None:
        return NatsNKey.from_seed(settings.nats_nkey_seed.get_secret_value())
    if settings.nats_token is not None:
        return NatsToken(settings.nats_token.get_secret_value())
    if settings.nats_user is not None:
        password = settings.nats_password.get_secret_value() if settings.nats_password else ""
        return NatsUserPassword(settings.nats_user, password)
    return None
