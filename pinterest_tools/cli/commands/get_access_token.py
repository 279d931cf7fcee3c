"""Obtain an OAuth access token (browser flow or client credentials) and optionally save it.

Looks for the token -a names (default access_token; access_token_v3 with -v 3) in the
environment variable of that name in capitals, then in its token file
(PINTEREST_OAUTH_TOKEN_DIR/<name>.json), and otherwise runs OAuth: a browser opens
Pinterest's consent page and the redirect comes back to http://localhost:8085/ (register
it with the app; PINTEREST_REDIRECT_PORT changes the port). -s SCOPES always runs OAuth
with those scopes (-s help lists them; v5 defaults to user_accounts:read,pins:read,
boards:read); -c gets an app-only token with the client-credentials grant (v5, no browser).

Prints SHA-256 hashes of the access and refresh tokens (the tokens themselves only with
-ct), checks the token by reading the user account (--- User Summary ---), and with -w
saves it to the token file (written atomically, mode 0600) for the other commands.
The app's id and secret come from PINTEREST_APP_ID and PINTEREST_APP_SECRET.
With -w, the token file is shown to be writable (room reserved) before any request, so a
full disk or an unwritable token directory stops the command before OAuth.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pinterest_tools.cli.shared.common import add_common_arguments, config_from_args, run
from pinterest_tools.cli.shared.organic import CommandParser, emit

if TYPE_CHECKING:
    from pinterest_tools.config import Config
    from pinterest_tools.oauth.token_save import Reservation
    from pinterest_tools.oauth.tokens import Token

CLEARTEXT_WARNING = "Please keep clear text tokens secure!"


def print_token(token: Token, cleartext: bool, when: str = "") -> None:
    """Upstream's lines: SHA-256 hashes of the access and refresh token, the tokens themselves only with -ct."""
    if cleartext:
        print(CLEARTEXT_WARNING)
        print(f"clear text access token{when}: {token.access_token}")
    print(f"hashed access token{when}: {token.hashed()}")
    if token.refresh_token:
        if cleartext:
            print(f"clear text refresh token{when}: {token.refresh_token}")
        print(f"hashed refresh token{when}: {token.hashed_refresh_token()}")


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("get_access_token", __doc__)
    parser.add_argument("-w", "--write", action="store_true", help="write access token to file")
    parser.add_argument("-ct", "--cleartext", action="store_true", help="print the token in clear text")
    parser.add_argument("-s", "--scopes", help='comma separated list of scopes or "help"')
    parser.add_argument(
        "-c", "--client-credentials", action="store_true", help="get an app-only token with client credentials (v5)"
    )
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    config = config_from_args(args)

    from pinterest_tools.oauth.scopes import scope_help
    from pinterest_tools.oauth.tokens import FileTokenStore, default_token_name

    name = args.access_token or default_token_name(config.version)
    if args.scopes is not None and "help" in [s.strip().lower() for s in args.scopes.split(",")]:
        print(scope_help(config.version))
        return 0
    if args.client_credentials and config.version != 5:
        parser.error("-c/--client-credentials exists only in API v5")
    from pinterest_tools.oauth.scopes import validate_scopes

    # Everything that can be checked is checked before any request: a mistake must not cost an OAuth round.
    wanted = validate_scopes(args.scopes, config.version) if args.scopes is not None else None
    with contextlib.ExitStack() as stack:
        # -w: the file is shown to be writable (room reserved) before a token is asked for.
        reservation = stack.enter_context(FileTokenStore(config.store_dir).reserve(name)) if args.write else None
        return _get(args, config, name, wanted, reservation)


def _get(
    args: argparse.Namespace, config: Config, name: str, wanted: list[str] | None, reservation: Reservation | None
) -> int:
    from pinterest_tools.oauth.flow import new_token, obtain_token

    if args.scopes is not None or args.client_credentials:
        # Asking for scopes or for client credentials means a new token: the environment and the file are skipped.
        token = new_token(config, name, wanted, client_credentials=args.client_credentials)
    else:
        token = obtain_token(config, name)
    print_token(token, args.cleartext)
    if not token.refresh_token:
        print("no refresh token")

    from pinterest_tools.cli.adapter import api_for
    from pinterest_tools.cli.shared.summaries import user_summary
    from pinterest_tools.connection import open_client

    # The token is checked before it is written: a token Pinterest refuses never replaces a good file.
    # What is written is the token in use after the check: when the check refreshed it (a short
    # lifetime, a 401), the refresh token Pinterest first issued has been rotated away.
    with open_client(config, token) as client:
        user = api_for(client).user()
        token = client.token
    if reservation is not None:
        print("writing access token")
        reservation.commit(token, f"Pinterest issued {name}")
    emit(user_summary(user, config.version), print)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
