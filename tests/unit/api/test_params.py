"""Port numbers in paths: whole numbers from 1 to 65535, anything else a clear 400."""

from __future__ import annotations

import pytest

from services.api.errors import BadRequest
from services.api.params import parse_port


@pytest.mark.parametrize("text", ["1", "8200", "65535", "08200"])
def test_parse_port_accepts_whole_numbers_in_range(text: str) -> None:
    assert parse_port(text) == int(text)


@pytest.mark.parametrize(
    "text", ["", "0", "65536", "-1", "+1", "1.0", "1e3", " 1", "abc", "\uff18", "9" * 100]
)
def test_parse_port_refuses_everything_else_with_a_sentence(text: str) -> None:
    with pytest.raises(BadRequest) as caught:
        parse_port(text)

    assert caught.value.status_code == 400
    assert caught.value.detail.startswith("Port must be a whole number from 1 to 65535")
