"""A stand-in browser for the auto-approved consent page: ``python -m pinterest_tools.emulator.visit URL``.

With ``--auto-approve`` the emulator answers the authorization URL with a redirect to
the app's loopback ``redirect_uri``; following redirects is all a browser would do. Point
Python's ``webbrowser`` at this (``BROWSER=<a script running it>``) to finish OAuth
without a screen, as ``nox -s demo`` does. Only loopback addresses are visited.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import httpx

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def visit(url: str, max_redirects: int = 5) -> int:
    """Follow ``url``'s redirects on loopback hosts; the final status (0 if refused)."""
    with httpx.Client(timeout=30) as client:
        for _ in range(max_redirects + 1):
            if urlsplit(url).hostname not in LOOPBACK:
                return 0
            response = client.get(url.replace("//localhost:", "//127.0.0.1:", 1))
            if not response.is_redirect:
                return response.status_code
            url = str(response.next_request.url) if response.next_request else ""
    return 0


def main() -> int:
    if len(sys.argv) != 2:
        sys.stderr.write("usage: python -m pinterest_tools.emulator.visit URL\n")
        return 2
    return 0 if visit(sys.argv[1]) == 200 else 1


if __name__ == "__main__":
    raise SystemExit(main())
