"""pinterest-tools: work with Pinterest's REST API from Python.

``from pinterest_tools import Pinterest, AsyncPinterest``: a typed client for every v5
operation (``pinterest_tools.rest``). Below it, the generated packages ``pinterest_api_v5``
and ``pinterest_api_v3``; beside it, what they lack (OAuth, token files, retries, paging,
errors) and the quickstart's commands. The clients are imported on first use (PEP 562),
so ``import pinterest_tools`` and ``python -m pinterest_tools.<command> --help`` stay fast.

The house, by folder:

- ``rest/``         the ``Pinterest``/``AsyncPinterest`` clients; ``rest/resources`` is generated
- ``http/``         every call's path: auth with refresh, retries, typed errors, logging, paging
- ``oauth/``        scopes, the browser flow, token exchange and token files
- ``workflows/``    video upload and async reports, shared by user code and the commands
- ``copying/``      the copy engine of copy_pin and copy_board (journal, retries, output)
- ``api/``          the commands' calls, written once for v3 and v5
- ``commandline/``  what the commands share: arguments, prompts, exit codes, output files
- ``emulator/``     the local Pinterest API emulator and its pytest plugin
- ``<command>.py``  the quickstart's commands (``python -m pinterest_tools.get_pin``)
- ``errors``, ``config``, ``logs``, ``paging``, ``locks``, ``filekind``: what all of them stand on
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pinterest_tools.rest import AsyncPinterest, Pinterest

__version__ = "0.1.0"
__all__ = ["AsyncPinterest", "Pinterest", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("Pinterest", "AsyncPinterest"):
        from pinterest_tools import rest

        return getattr(rest, name)
    raise AttributeError(f"module 'pinterest_tools' has no attribute {name!r}")
