"""All of the user's pins through the facade: ``Pinterest().pins.list(page_size=250)``, typed ``Pin`` models."""

from collections.abc import Iterator
from typing import Any

from measure import listing

from pinterest_tools import Pinterest


def pins(limit: int) -> Iterator[Any]:  # the token from ACCESS_TOKEN, the host from PINTEREST_API_URI
    with Pinterest() as client:
        yield from client.pins.list(page_size=min(250, limit))


listing(pins, lambda pin: pin.id)
