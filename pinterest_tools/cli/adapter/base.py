"""What both API versions share: calling a generated operation and paging through one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any

from pinterest_tools.errors import PARSE_ERRORS, ApiStatusError, InvalidResponseError

if TYPE_CHECKING:
    from pinterest_tools.connection import PinterestClient

Json = dict[str, Any]


def json_items(models: Iterable[Any]) -> Iterator[Json]:
    """The JSON of each model of a listing (the facade's paginators yield models)."""
    return (model.to_dict() for model in models)


def operation_name(operation: ModuleType) -> str:
    return operation.__name__.rsplit(".", 1)[-1]


class ApiBase:
    version: int

    def __init__(self, client: PinterestClient) -> None:
        self.client = client
        self.api: Any = client.api

    def call(self, operation: ModuleType, **kwargs: Any) -> Any:
        """Run ``operation.sync_detailed`` and return the parsed success model.

        Error statuses never get here: the client's response hook raises the
        typed error first. A success status whose body did not parse (cut short,
        not JSON) is an :class:`InvalidResponseError`; one that parsed to nothing
        is reported with its status.
        """
        name = operation_name(operation)
        try:
            response = operation.sync_detailed(client=self.api, **kwargs)
        except PARSE_ERRORS as exc:
            raise InvalidResponseError(f"{name}: the response body could not be read ({type(exc).__name__})") from exc
        parsed = response.parsed
        if parsed is None or int(response.status_code) >= 400:
            raise ApiStatusError(int(response.status_code), None, f"unexpected response to {name}")
        return parsed

    def json(self, operation: ModuleType, **kwargs: Any) -> Json:
        result: Json = self.call(operation, **kwargs).to_dict()
        return result

    def items(self, operation: ModuleType, page_size: int | None = None, **kwargs: Any) -> Iterator[Json]:
        from pinterest_tools.http.paging import iter_items

        pages = iter_items(operation, client=self.api, page_size=page_size, **kwargs)
        while True:
            try:
                item = next(pages)
            except StopIteration:
                return
            except PARSE_ERRORS as exc:  # a page cut short
                name = operation_name(operation)
                raise InvalidResponseError(f"{name}: a page could not be read ({type(exc).__name__})") from exc
            yield item.to_dict() if hasattr(item, "to_dict") else item
