"""The base of the generated resource classes, and what they need from a client.

A resource holds only its client; a method sends through the client's ``_send``/``_asend``
(the client's ``httpx.Client``/``AsyncClient``, with its auth, retries, hooks, timeout) and
``_generated()`` is the generated ``Client`` a few endpoint parsers take as an argument.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

if TYPE_CHECKING:
    import httpx
    from pinterest_api_v5 import Client

    from pinterest_tools.rest.call_options import CallOptions


class SyncSender:
    """What a sync resource calls on its client (implemented by :class:`~pinterest_tools.rest.Pinterest`)."""

    __slots__ = ()

    def _send(
        self, request: dict[str, Any], *, app_credentials: bool = False, **options: Unpack[CallOptions]
    ) -> httpx.Response:
        """Send ``request`` (a generated ``_get_kwargs()``); ``app_credentials``: as the app (HTTP Basic).

        ``options``: the per-call ``timeout``, ``extra_headers``, ``extra_query``
        (:mod:`pinterest_tools.rest.call_options`).
        """
        raise NotImplementedError

    def _generated(self) -> Client:
        raise NotImplementedError


class AsyncSender:
    """What an async resource calls on its client (implemented by :class:`~pinterest_tools.rest.AsyncPinterest`)."""

    __slots__ = ()

    async def _asend(
        self, request: dict[str, Any], *, app_credentials: bool = False, **options: Unpack[CallOptions]
    ) -> httpx.Response:
        """Send ``request`` (a generated ``_get_kwargs()``); ``app_credentials``: as the app (HTTP Basic)."""
        raise NotImplementedError

    def _generated(self) -> Client:
        raise NotImplementedError


class SyncResource:
    __slots__ = ("_client",)

    def __init__(self, client: SyncSender) -> None:
        self._client = client


class AsyncResource:
    __slots__ = ("_client",)

    def __init__(self, client: AsyncSender) -> None:
        self._client = client
