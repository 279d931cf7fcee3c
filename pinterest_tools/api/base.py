"""What both API versions share: calling a generated operation and paging through one."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any

from pinterest_tools.errors import ApiStatusError

if TYPE_CHECKING:
    from pinterest_tools.client import PinterestClient

Json = dict[str, Any]


class ApiBase:
    version: int

    def __init__(self, client: PinterestClient) -> None:
        self.client = client
        self.api: Any = client.api

    def call(self, operation: ModuleType, **kwargs: Any) -> Any:
        """Run ``operation.sync_detailed`` and return the parsed success model.

        Error statuses never get here: the client's response hook raises the
        typed error first. A success status whose body did not parse is an
        API contract problem and is reported as such, with the status.
        """
        response = operation.sync_detailed(client=self.api, **kwargs)
        parsed = response.parsed
        if parsed is None or int(response.status_code) >= 400:
            raise ApiStatusError(
                int(response.status_code), None, f"unexpected response to {operation.__name__.rsplit('.', 1)[-1]}"
            )
        return parsed

    def json(self, operation: ModuleType, **kwargs: Any) -> Json:
        result: Json = self.call(operation, **kwargs).to_dict()
        return result

    def items(self, operation: ModuleType, page_size: int | None = None, **kwargs: Any) -> Iterator[Json]:
        from pinterest_tools.paging import iter_items

        for item in iter_items(operation, client=self.api, page_size=page_size, **kwargs):
            yield item.to_dict() if hasattr(item, "to_dict") else item
