"""Which ``Host`` names the emulator's browser-facing pages and control plane answer.

A web page can point a name it controls at 127.0.0.1 (DNS rebinding) and then read and
post to the emulator as if it were the same origin; the ``Host`` header still names the
attacker's name. Loopback names, the in-process host and the names given with
``--allow-host`` (``allowed_hosts``; the command line adds its ``--host``) are answered.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pinterest_tools.emulator.auth.apps import LOOPBACK_HOSTS
from pinterest_tools.emulator.core.services import Services

IN_PROCESS_HOST = "pinterest-emulator.invalid"  # a name that never resolves (RFC 2606's .invalid)


def host_allowed(services: Services, host_header: str) -> bool:
    """A Host header naming loopback, the in-process host or an allowed name (any port)."""
    name = urlsplit(f"//{host_header}").hostname or ""
    return name in LOOPBACK_HOSTS or name == IN_PROCESS_HOST or name in services.settings.allowed_hosts
