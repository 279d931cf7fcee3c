"""Paging with the official SDK: ``Pin.get_all(page_size=, bookmark=)`` until no bookmark is left."""

import os
from collections.abc import Iterator

from measure import listing
from pinterest.client import PinterestSDKClient
from pinterest.organic.pins import Pin


def pins(limit: int) -> Iterator[Pin]:
    client = PinterestSDKClient.create_client_with_token(os.environ["PINTEREST_ACCESS_TOKEN"])
    bookmark = None
    while True:
        page, next_page = Pin.get_all(page_size=min(250, limit), bookmark=bookmark, client=client)
        yield from page
        if next_page is None:
            return
        bookmark = next_page.get_bookmark_token()


listing(pins, lambda pin: pin.id)
