"""Refresh a saved access token and save the new one.

Reads the token file that get_access_token -w wrote (PINTEREST_OAUTH_TOKEN_DIR/<name>.json,
-a names it; never the environment, never OAuth), exchanges its refresh token for a new
access token (POST /v5/oauth/token, or PUT /v3/oauth/access_token/ with -v 3), saves the
result at once (a rotated refresh token replaces the old one, which is then dead) and
checks it by reading the user account. Every v5 refresh asks for continuous refresh
(continuous_refresh=true: Pinterest no longer supports legacy refresh tokens, and the
refresh token is renewed with each refresh); -c, upstream's way of asking for it, is
accepted and changes nothing. Tokens are printed as SHA-256 hashes, in clear text only
with -ct. Before Pinterest is asked, the token file is shown to be writable (room reserved
for the new token): a full disk or an unwritable directory stops the command with the
saved token unchanged. If the save still fails after the refresh, the new token is
rescued to another file, which the message names (with -ct, and no such file possible,
it is printed).
"""

from __future__ import annotations

from collections.abc import Sequence

from pinterest_tools.cli.commands.get_access_token import print_token
from pinterest_tools.cli.shared.common import add_common_arguments, config_from_args, run
from pinterest_tools.cli.shared.organic import CommandParser, emit


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("refresh_access_token", __doc__)
    parser.add_argument("-ct", "--cleartext", action="store_true", help="print the token in clear text")
    parser.add_argument(
        "-c",
        "--continuous",
        action="store_true",
        help="continuous refresh (v5 always asks for it; kept for upstream's usage)",
    )
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    config = config_from_args(args)

    from pinterest_tools.cli.adapter import api_for
    from pinterest_tools.cli.shared.summaries import user_summary
    from pinterest_tools.connection import open_client
    from pinterest_tools.oauth.exchange import refresh
    from pinterest_tools.oauth.tokens import FileTokenStore, TokenSaveError, default_token_name, refresh_saved

    name = args.access_token or default_token_name(config.version)
    store = FileTokenStore(config.store_dir)
    token = store.load(name)  # a missing or corrupt file ends here, naming the file
    print(f"refreshing {name}...")
    # Under the file's lock, the save proven possible first: the old refresh token dies with the refresh.
    try:
        new = refresh_saved(token, store, lambda old: refresh(config, old))
    except TokenSaveError as exc:
        if args.cleartext and exc.rescued is None:  # asked for clear text, and no copy exists anywhere else
            print_token(exc.token, True, " after refresh")
            exc.hint = "the tokens above are the only copy: keep them safe, or run get_access_token -w"
        raise
    print_token(new, args.cleartext, " after refresh")
    print("writing access token")
    with open_client(config, new, store=store) as client:
        emit(user_summary(api_for(client).user(), config.version), print)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
