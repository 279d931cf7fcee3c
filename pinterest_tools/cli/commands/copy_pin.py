"""Create a new pin from an existing one, optionally as a video pin.

Reads the pin -p names (GET /v5/pins/{pin_id}) and creates a copy on the board -b names,
optionally in its section -s (POST /v5/pins; with -v 3 PUT /v3/pins/). The copy gets the
source's largest image, link, title, description and alt text; texts longer than
Pinterest accepts are cut, with a warning. With -m FILE the video in FILE is uploaded
(registered, sent to Pinterest's upload URL, waited for until processed, at most 5
minutes) and the copy becomes a video pin with the source's image as its cover; -m with
the digits of a media id reuses an upload. Prints "source pin:" and "new pin:" with
their summaries (Pin ID: ...). Copying pins is for API developers; it is not what
Pinterest users do.

Pin ids come from get_user_pins, get_board --pins or get_pin; board and section ids
from get_user_boards and get_board (a board of the token's user).
"""

from __future__ import annotations

from collections.abc import Sequence

from pinterest_tools.cli.shared.common import add_common_arguments, run
from pinterest_tools.cli.shared.organic import CommandParser, emit, numeric_id, open_api, scopes
from pinterest_tools.cli.shared.summaries import pin_summary

SCOPES = scopes("pins:read,boards:read,boards:write,pins:write", "read_pins,write_boards,write_pins")


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("copy_pin", __doc__)
    parser.add_argument("-p", "--pin-id", required=True, type=numeric_id("pin id"), help="source pin identifier")
    parser.add_argument("-m", "--media", help="video file to upload, or the id of media uploaded before")
    parser.add_argument(
        "-b", "--board-id", required=True, type=numeric_id("board id"), help="destination board identifier"
    )
    parser.add_argument("-s", "--section", type=numeric_id("section id"), help="destination board section")
    add_common_arguments(parser)
    args = parser.parse_args(argv)

    from pinterest_tools.cli.copying.pin_copy import pin_body
    from pinterest_tools.workflows.media_upload import check_media, media_id_for

    check_media(args.media)  # a bad -m is a usage error before anything is read or uploaded
    with open_api(args, SCOPES) as api:
        source = api.pin(args.pin_id)
        print("source pin:")
        emit(pin_summary(source, api.version), print)
        media_id = media_id_for(api, args.media, request_timeout=api.client.config.timeout)
        created = api.create_pin(pin_body(source, api.version, args.board_id, args.section, media_id))
        print("new pin:")
        emit(pin_summary(created, api.version), print)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
