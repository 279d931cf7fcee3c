"""List the business accounts linked to the user (API v3).

Reads the user (--- User Summary ---), then GET /v3/users/me/businesses/ and prints what
it returns as JSON, or "This account has no information on linked businesses." Pinterest
answers HTTP 400 when the app lacks the read_advertisers scope; to see any data, the
account must have linked business accounts. The endpoint does not exist in API v5: with
-v 5 (the default unless PINTEREST_API_VERSION=3) the command says so. --json prints only
the list, as one JSON document.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from pinterest_tools.cli.shared.common import add_common_arguments, config_from_args, run
from pinterest_tools.cli.shared.organic import CommandParser, add_json_argument, emit, json_text, open_api, scopes
from pinterest_tools.cli.shared.summaries import user_summary

SCOPES = scopes("user_accounts:read", "read_users,read_advertisers")
NOT_IN_V5 = "Businesses endpoint is not available in v5."
NO_INFORMATION = "This account has no information on linked businesses."


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("get_businesses", __doc__)
    add_json_argument(parser)
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    if args.json and config_from_args(args).version == 5:
        print("[]")
        return 0
    with open_api(args, SCOPES) as api:
        if not args.json:
            emit(user_summary(api.user(), api.version), print)
            print("trying to get businesses...")
        if api.version == 5:
            print(NOT_IN_V5)
            print(NO_INFORMATION)
            return 0
        businesses = api.businesses()
    if args.json:
        print(json_text(businesses))
    elif businesses:
        print(json.dumps(businesses, indent=2, ensure_ascii=False))
    else:
        print(NO_INFORMATION)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
