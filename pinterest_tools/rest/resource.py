"""The base of the generated resource classes, and what they need from a client.

A resource holds only its client; a method sends through the client's ``_send``/``_asend``
(the client's ``httpx.Client``/``AsyncClient``, with its auth, retries, hooks, timeout) and
``_generated()`` is the generated ``Client`` a few endpoint parsers take as an argument.
A namespace nested in another (``client.ad_accounts.campaigns``) is a :class:`Nested`
attribute of its parent's classes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Unpack, overload

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


R = TypeVar("R")


class Nested(Generic[R]):
    """A nested namespace, ``client.ad_accounts.campaigns``: made on each access, its module imported on the first.

    Declared in the parent's class as ``campaigns: Nested[AdAccountsCampaignsResource] =
    Nested("AdAccountsCampaignsResource")``; the class is looked up in the module named
    after the attribute, under the parent's package (``...resources.ad_accounts.campaigns``),
    so that the parent never imports a child it is not asked for. On a resource the child
    shares its client; on a ``with_raw_response`` class (which holds ``_resource``) it wraps
    the resource's own child. One line per child instead of a property keeps a namespace
    with 30 children (``ad_accounts``) a module one can read.
    """

    __slots__ = ("_class_name", "_name", "_owner_module", "_target")

    def __init__(self, class_name: str) -> None:
        self._class_name = class_name
        self._name = ""
        self._owner_module = ""
        self._target: type[Any] | None = None

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name, self._owner_module = name, owner.__module__

    def target(self) -> type[Any]:
        """The class of the nested namespace (its module imported now if it was not yet)."""
        if self._target is None:
            module = importlib.import_module(f"{self._owner_module}.{self._name}")
            self._target = getattr(module, self._class_name)
        return self._target

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Nested[R]: ...
    @overload
    def __get__(self, instance: object, owner: type[Any]) -> R: ...
    def __get__(self, instance: object | None, owner: type[Any]) -> Nested[R] | R:
        if instance is None:
            return self
        if isinstance(instance, SyncResource | AsyncResource):
            made: R = self.target()(instance._client)
        else:  # a with_raw_response class: wrap the resource's own child
            made = self.target()(getattr(getattr(instance, "_resource"), self._name))  # noqa: B009
        return made
