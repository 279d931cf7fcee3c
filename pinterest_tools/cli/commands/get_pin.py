"""Show a pin.

Reads one pin with GET /v5/pins/{pin_id} (or GET /v3/pins/{pin}/ with -v 3) and prints its
summary (--- Pin Summary ---, Pin ID: ...), or with --json the pin as the API returned it.

The pin id is the number in a pin's address (https://www.pinterest.com/pin/<id>/) or a
"Pin ID:" line printed by get_user_pins, get_board --pins, copy_pin or save_pin.
"""

from __future__ import annotations

from collections.abc import Sequence

from pinterest_tools.cli.shared.common import add_common_arguments, run
from pinterest_tools.cli.shared.organic import (
    CommandParser,
    add_json_argument,
    emit,
    json_text,
    numeric_id,
    open_api,
    scopes,
)
from pinterest_tools.cli.shared.summaries import pin_summary

# boards:read too: GET /v5/pins/{id} refuses a token with pins:read alone (as Pinterest's quickstart says).
SCOPES = scopes("pins:read,boards:read", "read_pins")


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("get_pin", __doc__)
    parser.add_argument("-p", "--pin-id", required=True, type=numeric_id("pin id"), help="pin identifier")
    add_json_argument(parser)
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    with open_api(args, SCOPES) as api:
        pin = api.pin(args.pin_id)
        if args.json:
            print(json_text(pin))
        else:
            emit(pin_summary(pin, api.version), print)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
