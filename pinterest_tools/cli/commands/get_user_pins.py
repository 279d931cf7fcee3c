"""List the pins of the authenticated user.

Pages through GET /v5/pins (with -v 3: GET /v3/users/{user}/pins/) with --page-size pins a
page and prints [n] before each pin summary (--- Pin Summary ---, Pin ID: ...). In a
terminal it asks "Continue printing pin list?" after each page; with --all, with --json
(one JSON object per line) or when stdin is not a terminal it prints everything.

The user is the owner of the access token (-a names it). The "Pin ID:" lines are what
get_pin, copy_pin and save_pin take as -p.
"""

from __future__ import annotations

from collections.abc import Sequence

from pinterest_tools.cli.shared.common import add_common_arguments, run
from pinterest_tools.cli.shared.organic import CommandParser, add_listing_arguments, open_api, scopes, show_listing
from pinterest_tools.cli.shared.summaries import pin_summary

SCOPES = scopes("user_accounts:read,pins:read,boards:read", "read_users,read_pins")


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("get_user_pins", __doc__)
    add_listing_arguments(parser, "pin")
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    with open_api(args, SCOPES) as api:
        pins = api.user_pins(page_size=args.page_size)
        show_listing(pins, args, "pin", lambda pin: pin_summary(pin, api.version), print)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
