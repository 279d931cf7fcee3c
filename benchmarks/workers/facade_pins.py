"""All of the user's pins through the facade: ``Pinterest().pins.list(page_size=250)``, typed ``Pin`` models.

The imports are those of ``ours_pins.py`` (the client and the endpoint module, whose models
load with it), done before the timing starts, so both workers time the same work: the
client's construction and the listing.
"""

from collections.abc import Iterator
from typing import Any

import pinterest_api_v5.api.pins.pins_list  # noqa: F401  (imported before the timing, as ours_pins.py does)
from measure import listing

import pinterest_tools.rest.resources.pins  # noqa: F401
from pinterest_tools.rest import Pinterest


def pins(limit: int) -> Iterator[Any]:  # the token from ACCESS_TOKEN, the host from PINTEREST_API_URI
    with Pinterest() as client:
        yield from client.pins.list(page_size=min(250, limit))


listing(pins, lambda pin: pin.id)
