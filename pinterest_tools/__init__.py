"""pinterest-tools: work with Pinterest's REST API from Python.

``from pinterest_tools import Pinterest, AsyncPinterest``: a typed client for every v5
operation (``pinterest_tools.rest``). Below it, the generated packages ``pinterest_api_v5``
and ``pinterest_api_v3``; beside it, what they lack (OAuth, token files, retries, paging,
errors); on top, the quickstart's commands.

The public surface is ``__all__``: the two clients, the pagers and their ``Page``, and every
error a caller catches (the tree is drawn in ``pinterest_tools.errors``). Each name is
imported on first use (PEP 562), so ``import pinterest_tools`` and ``python -m
pinterest_tools.<command> --help`` stay fast; type checkers read them from the
``TYPE_CHECKING`` imports below.

The house, by folder:

- ``rest/``         the ``Pinterest``/``AsyncPinterest`` clients; ``rest/resources`` is generated
- ``connection``    the generated client made ready: token lookup, bearer auth, the HTTP stack
- ``oauth/``        scopes, the browser flow, token exchange, token files, the bearer auth
- ``http/``         every call's path below the auth: retries, typed errors, logging; paging
                    over the generated operations
- ``workflows/``    video upload and async reports, shared by user code and the commands
- ``emulator/``     the local Pinterest API emulator and its pytest plugin
- ``errors``, ``config``, ``logs``, ``paging``, ``locks``, ``filekind``, ``atomic``, ``parsing``,
  ``terminal``: what all of them stand on
- ``cli/``          the command-line program (``pinterest-tools <command>``); it stands on the
  library, which never imports it
- ``<command>.py``  ``python -m pinterest_tools.get_pin`` and the other commands under the names
  upstream's scripts run (each only calls ``cli/commands/<command>.py``)
"""

import importlib
import typing

if typing.TYPE_CHECKING:
    from pinterest_tools.errors import (
        ApiConnectionError,
        ApiStatusError,
        ApiTimeoutError,
        AuthenticationError,
        BadRequestError,
        ConfigError,
        ConflictError,
        InsufficientScopeError,
        InternalServerError,
        InvalidResponseError,
        MissingTokenError,
        NotFoundError,
        PermissionDeniedError,
        PinterestError,
        QuotaExhaustedError,
        RateLimitError,
        RestrictedFeatureError,
        SpamError,
        TokenError,
        UnprocessableEntityError,
        UsageError,
    )
    from pinterest_tools.paging import AsyncPage, AsyncPaginator, Page, Paginator
    from pinterest_tools.rest.client import AsyncPinterest, Pinterest

# The one place the version is written is pinterest_tools/_version.py (hatch's version source),
# a module of its own so that the HTTP layer can put it in every User-Agent without this package.
from pinterest_tools._version import __version__

# Where each exported name lives; imported by __getattr__ on first use.
_EXPORTS = {
    "Pinterest": "pinterest_tools.rest.client",
    "AsyncPinterest": "pinterest_tools.rest.client",
    "Paginator": "pinterest_tools.paging",
    "AsyncPaginator": "pinterest_tools.paging",
    "Page": "pinterest_tools.paging",
    "AsyncPage": "pinterest_tools.paging",
    **dict.fromkeys(
        (
            "PinterestError",
            "ConfigError",
            "UsageError",
            "TokenError",
            "MissingTokenError",
            "ApiConnectionError",
            "ApiTimeoutError",
            "InvalidResponseError",
            "ApiStatusError",
            "BadRequestError",
            "AuthenticationError",
            "PermissionDeniedError",
            "InsufficientScopeError",
            "NotFoundError",
            "ConflictError",
            "UnprocessableEntityError",
            "RateLimitError",
            "SpamError",
            "QuotaExhaustedError",
            "RestrictedFeatureError",
            "InternalServerError",
        ),
        "pinterest_tools.errors",
    ),
}

__all__ = [
    "ApiConnectionError",
    "ApiStatusError",
    "ApiTimeoutError",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncPinterest",
    "AuthenticationError",
    "BadRequestError",
    "ConfigError",
    "ConflictError",
    "InsufficientScopeError",
    "InternalServerError",
    "InvalidResponseError",
    "MissingTokenError",
    "NotFoundError",
    "Page",
    "Paginator",
    "PermissionDeniedError",
    "Pinterest",
    "PinterestError",
    "QuotaExhaustedError",
    "RateLimitError",
    "RestrictedFeatureError",
    "SpamError",
    "TokenError",
    "UnprocessableEntityError",
    "UsageError",
    "__version__",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pinterest_tools' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found in the module's namespace from now on, without this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
