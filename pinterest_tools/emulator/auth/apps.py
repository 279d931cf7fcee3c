"""The demo app every emulator accepts, and which redirect URIs an app may use.

Kept free of Starlette so that the client layer can import the demo credentials
(``from pinterest_tools.emulator import DEMO_APP_ID``) without the ``emulator`` extra.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pinterest_tools.emulator.data.records import App

DEMO_APP_ID = "1484362"
DEMO_APP_SECRET = "emulator-demo-secret"
DEMO_APP_NAME = "pinterest-tools demo"

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback_uri(uri: str) -> bool:
    """http://localhost:<port>/..., http://127.0.0.1:<port>/... or http://[::1]:<port>/...

    The same rule desktop OAuth clients follow (RFC 8252 §7.3): any port on the loopback
    interface, because a command-line client picks a free port at run time.
    """
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    return parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS and not parts.fragment


def redirect_uri_allowed(app: App, uri: str) -> bool:
    """An exact registered URI, or any loopback URI when the app allows them."""
    return uri in app.redirect_uris or (app.loopback_redirects and is_loopback_uri(uri))
