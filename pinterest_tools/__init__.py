"""pinterest-tools: work with Pinterest's REST API from Python.

``from pinterest_tools import Pinterest, AsyncPinterest``: a typed client for every v5
operation (``pinterest_tools.rest``). Below it, the generated packages ``pinterest_api_v5``
and ``pinterest_api_v3``; beside it, what they lack (OAuth, token files, retries, paging,
errors); on top, the quickstart's commands. The clients are imported on first use (PEP 562),
so ``import pinterest_tools`` and ``python -m pinterest_tools.<command> --help`` stay fast.

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

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from pinterest_tools._version import __version__

if TYPE_CHECKING:
    from pinterest_tools.rest import AsyncPinterest, Pinterest

# A library logs to its own logger and leaves the output to the application: without this,
# Python's last-resort handler would print the retry notices (WARNING) on a script's stderr.
# The commands configure the root logger (pinterest_tools.logs), which these records reach.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["AsyncPinterest", "Pinterest", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("Pinterest", "AsyncPinterest"):
        from pinterest_tools import rest

        return getattr(rest, name)
    raise AttributeError(f"module 'pinterest_tools' has no attribute {name!r}")
