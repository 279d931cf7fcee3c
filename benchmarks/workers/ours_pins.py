"""All of the user's pins as typed models: ``iter_items(pins_list)`` over ``open_client``."""

import os
from collections.abc import Iterator
from typing import Any

from measure import listing
from pinterest_api_v5.api.pins import pins_list

from pinterest_tools.config import Config
from pinterest_tools.connection import open_client
from pinterest_tools.http.paging import iter_items
from pinterest_tools.oauth.tokens import Token


def pins(limit: int) -> Iterator[Any]:  # typed Pin models; not imported here, so that the timing sees them load
    token = Token(name="access_token", access_token=os.environ["ACCESS_TOKEN"], api_version=5)
    with open_client(Config.load(), token) as client:
        yield from iter_items(pins_list, client=client, page_size=min(250, limit))


listing(pins, lambda pin: pin.id)
