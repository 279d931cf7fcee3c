"""The command registry: every command's name and purpose, in the order ``pinterest-tools --help`` lists them.

The one list that ``pinterest-tools <command>`` (:mod:`pinterest_tools.cli.main`), the
command reference in docs/commands.md and the ``python -m pinterest_tools.<command>`` modules
(``nox -s generate`` writes both, with ``specgen/``) and the tests read. The command ``name`` is
the module :func:`module_name` gives, ``pinterest_tools/cli/commands/<name>.py``, whose
docstring starts with the purpose written here (a test holds them together).

Plain data on purpose: ``pinterest-tools --help`` reads it without importing any command.
"""

from __future__ import annotations

PACKAGE = "pinterest_tools.cli.commands"

# command -> one-line purpose (the first line of the command module's docstring)
COMMANDS: dict[str, str] = {
    "get_access_token": "Obtain an OAuth access token (browser flow or client credentials) and optionally save it.",
    "refresh_access_token": "Refresh a saved access token and save the new one.",
    "refresh_example": "Show how refreshing works: fetch a token, refresh it twice, use each one.",
    "get_user_boards": "List the boards of the authenticated user.",
    "get_user_pins": "List the pins of the authenticated user.",
    "get_board": "Show a board, its sections and optionally its pins.",
    "get_pin": "Show a pin.",
    "copy_pin": "Create a new pin from an existing one, optionally as a video pin.",
    "copy_board": "Copy one board or all boards with their sections and pins, optionally across accounts.",
    "delete_board": "Delete one board or all boards, after typed confirmation.",
    "save_pin": "Save an existing pin to a board or section.",
    "get_businesses": "List the business accounts linked to the user (API v3).",
    "get_ads": "Walk ad accounts, campaigns, ad groups and ads.",
    "get_analytics": "Fetch user, pin or ads analytics into a JSON file.",
    "analytics_api_example": "Request an asynchronous ads delivery report and download it.",
    "get_terms": "Show related or suggested ad-targeting terms.",
    "mcp": "Serve the Pinterest API to AI agents over stdio or HTTP (Model Context Protocol).",
}


def module_name(name: str) -> str:
    """The dotted name of the command ``name``'s module (KeyError for a name the registry lacks)."""
    if name not in COMMANDS:
        raise KeyError(name)
    return f"{PACKAGE}.{name}"
