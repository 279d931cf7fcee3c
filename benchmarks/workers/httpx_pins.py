"""The floor for paging: httpx and ``response.json()``, dicts only, bookmark by bookmark."""

import os
from collections.abc import Iterator
from typing import Any

import httpx
from measure import listing


def pins(limit: int) -> Iterator[dict[str, Any]]:
    headers = {"Authorization": f"Bearer {os.environ['ACCESS_TOKEN']}"}
    with httpx.Client(base_url=f"{os.environ['PINTEREST_API_URI']}/v5", headers=headers) as http:
        params: dict[str, Any] = {"page_size": min(250, limit)}
        while True:
            response = http.get("/pins", params=params)
            response.raise_for_status()
            page = response.json()
            yield from page["items"]
            if not page.get("bookmark"):
                return
            params["bookmark"] = page["bookmark"]


listing(pins, lambda pin: pin["id"])
