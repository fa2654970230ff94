"""Host parsing and the name cache."""

from __future__ import annotations

import socket
import threading

import pytest

from services.prober.resolver import (
    Address,
    BackgroundResolver,
    HostCache,
    Lookup,
    Unusable,
    parse_host,
    resolve_name,
)


@pytest.mark.parametrize(
    ("host", "family", "ip"),
    [
        ("127.0.0.1", socket.AF_INET, "127.0.0.1"),
        ("::1", socket.AF_INET6, "::1"),
        ("[::1]", socket.AF_INET6, "::1"),
    ],
)
def test_parse_host_gives_address_when_literal(
    host: str, family: socket.AddressFamily, ip: str
) -> None:
    assert parse_host(host) == Address(family, ip)


@pytest.mark.parametrize("host", ["999.1.1.1", "1.2.3.4.5", "::zz", "", "bad host!", "a..b"])
def test_parse_host_gives_reason_when_unusable(host: str) -> None:
    answer = parse_host(host)

    assert isinstance(answer, Unusable) and repr(host) in answer.reason


def test_parse_host_defers_when_name() -> None:
    assert parse_host("no-such-host.invalid") is None


def test_resolve_name_gives_reason_when_name_unknown() -> None:
    answer = resolve_name("no-such-host.invalid")

    assert isinstance(answer, Unusable) and "cannot resolve" in answer.reason


def test_host_cache_flags_expiry_when_ttl_passed() -> None:
    cache = HostCache(ttl=10.0, failure_ttl=1.0)
    cache.store("a", Address(socket.AF_INET, "127.0.0.1"), now=0.0)
    cache.store("b", Unusable("nope"), now=0.0)

    assert cache.lookup("a", 5.0) == (Address(socket.AF_INET, "127.0.0.1"), False)
    assert cache.lookup("a", 10.0)[1] is True
    assert cache.lookup("b", 1.5) == (Unusable("nope"), True)
    assert cache.lookup("c", 0.0) == (None, True)


def test_background_resolver_answers_later_when_name_first_asked() -> None:
    answers: list[tuple[str, Lookup]] = []
    answered = threading.Event()

    def on_answer(host: str, answer: Lookup) -> None:
        answers.append((host, answer))
        answered.set()

    resolver = BackgroundResolver(on_answer, ttl=60.0)
    try:
        first = resolver.lookup("localhost", now=0.0)
        assert answered.wait(5.0)
        resolver.store(*answers[0], now=1.0)

        assert first is None
        assert isinstance(resolver.lookup("localhost", now=2.0), Address)
    finally:
        resolver.close()
