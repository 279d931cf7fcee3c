"""Show how refreshing works: fetch a token, refresh it twice, use each one.

A self-contained example: gets the token -a names (environment, token file, else OAuth),
prints the SHA-256 hashes of its access and refresh tokens, reads the user account with it,
then twice: waits a second, refreshes (POST /v5/oauth/token grant_type=refresh_token, or
PUT /v3/oauth/access_token/ with -v 3), checks that the access token changed and reads the
user account with the new one. v5 refreshes rotate the refresh token (continuous refresh),
so the one the token file holds stops working: a token read from a file is therefore
saved back after each refresh, as refresh_access_token does (a token from OAuth is not
saved). A token from the environment has no refresh token, so this example needs one
from a file or from OAuth.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from pinterest_tools.cli.shared.common import add_common_arguments, config_from_args, run
from pinterest_tools.cli.shared.organic import CommandParser, emit
from pinterest_tools.errors import TokenError

WAIT_SECONDS = 1.0


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("refresh_example", __doc__)
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    config = config_from_args(args)

    from pinterest_tools.cli.adapter import api_for
    from pinterest_tools.cli.shared.summaries import user_summary
    from pinterest_tools.connection import open_client
    from pinterest_tools.oauth.exchange import refresh
    from pinterest_tools.oauth.flow import obtain_token
    from pinterest_tools.oauth.tokens import FileTokenStore, refresh_saved

    token = obtain_token(config, args.access_token)
    if not token.refresh_token:
        raise TokenError(
            f"{token.name} has no refresh token (it came from the {token.source or 'environment'})",
            hint="unset the environment variable or run get_access_token -w to save a token that has one",
        )
    store = FileTokenStore(config.store_dir) if token.source == "file" else None  # the rotated token goes back there
    print(f"hashed access token: {token.hashed()}")
    print(f"hashed refresh token: {token.hashed_refresh_token()}")
    seen = {token.hashed()}

    def show_user() -> None:
        with open_client(config, token) as client:
            emit(user_summary(api_for(client).user(), config.version), print)

    show_user()
    for _ in range(2):
        print("wait a second to avoid getting the same token on the refresh...")
        time.sleep(WAIT_SECONDS)
        token = refresh_saved(token, store, lambda old: refresh(config, old))
        if token.hashed() in seen:
            raise TokenError("the refreshed access token is the same as before")
        seen.add(token.hashed())
        print(f"hashed access token: {token.hashed()}")
        print("accessing with refreshed access_token...")
        show_user()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
