"""``pinterest-tools <command> [options]``: one entry point for every command.

Each command also runs as ``python -m pinterest_tools.<command>``. The list
below is static so that ``pinterest-tools --help`` imports nothing heavy.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

# command -> one-line purpose (kept in step with each module's docstring by tests/test_commands_cli.py)
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
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [
        "usage: pinterest-tools <command> [options]   (or: python -m pinterest_tools.<command>)",
        "",
        "commands:",
        *(f"  {name:<{width}}  {purpose}" for name, purpose in COMMANDS.items()),
        "",
        "`pinterest-tools <command> --help` describes a command's options.",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"pinterest-tools: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"pinterest_tools.{name}")
    result: int = module.main(rest)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
