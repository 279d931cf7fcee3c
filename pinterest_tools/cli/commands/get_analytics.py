"""Fetch user, pin or ads analytics into a JSON file.

-o names what to measure (default user):
  user             the token's user: GET /v5/user_account/analytics
                   (-v 3: GET /v3/partners/analytics/users/{user}/metrics/)
  pin              one pin (--pin-id; v5 only): GET /v5/pins/{pin_id}/analytics
  ad_account_user  the user within an ad account (v5 only): /v5/user_account/analytics?ad_account_id=
  ad_account, campaign, ad_group, ad
                   delivery metrics: GET /v5/ad_accounts/{id}/analytics, .../campaigns/analytics,
                   .../ad_groups/analytics, .../ads/analytics (-v 3: the ads v4 paths
                   /ads/v4/advertisers/{id}/delivery_metrics, .../campaigns/delivery_metrics, ...)

The range is --start-date to --end-date (YYYY-MM-DD; default the last 30 days in UTC, and
with --granularity HOUR the last 3 days, since hourly data reaches only 8 days back).
--metrics takes a comma-separated list (defaults: IMPRESSION,PIN_CLICK_RATE for users,
IMPRESSION,PIN_CLICK for pins, SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH for ads); names are
checked against those Pinterest's v5 description lists for the operation, and
"--metrics help" lists them. --granularity (ads only; default DAY) is one of TOTAL, DAY,
HOUR, WEEK, MONTH.

The ads objects need their ad account, campaign, ad group and ad: given by
--ad-account-id, --campaign-id, --ad-group-id, --ad-id (each needs the one before it), or
chosen from a numbered list ("Please select the Campaign number between 1 and <n>:",
answered on stdin). Ids are the "ID:" values get_ads prints; pin ids those of get_pin.

The result is written as indented JSON to --output FILE (an existing file only with
--force, or after confirming on a terminal), else to the file name asked for ("Please
enter a file name for the analytics output:", default analytics_output.json). With the
ids and --output given, nothing is read from stdin.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pinterest_tools.cli.adapter.analytics_query import V5_ONLY
from pinterest_tools.cli.shared import ads
from pinterest_tools.cli.shared.analytics import ADS_OBJECTS, OBJECTS, build_query, parse_date, split_metrics
from pinterest_tools.cli.shared.common import add_common_arguments, config_from_args, run
from pinterest_tools.cli.shared.organic import CommandParser, emit, numeric_id, open_api, scopes
from pinterest_tools.cli.shared.summaries import user_summary
from pinterest_tools.errors import UsageError

if TYPE_CHECKING:
    from pinterest_tools.cli.adapter import PinterestApi
    from pinterest_tools.cli.adapter.analytics_query import AnalyticsQuery

USER_SCOPES = scopes("user_accounts:read", "read_users")
PIN_SCOPES = scopes("boards:read,pins:read", "")
ADS_SCOPES = scopes("ads:read", "read_advertisers")
DEFAULT_FILE = "analytics_output.json"


def _parser() -> CommandParser:
    parser = CommandParser("get_analytics", __doc__)
    parser.add_argument(
        "-o",
        "--analytics-object",
        choices=OBJECTS,
        default="user",
        help="kind of object used to fetch analytics (default user)",
    )
    parser.add_argument("--pin-id", type=numeric_id("pin id"), help="pin identifier (-o pin)")
    ads.add_id_arguments(parser, numeric_id)
    parser.add_argument(
        "--start-date", type=parse_date, metavar="YYYY-MM-DD", help="first day, YYYY-MM-DD (default: 30 days ago, UTC)"
    )
    parser.add_argument(
        "--end-date", type=parse_date, metavar="YYYY-MM-DD", help="last day, YYYY-MM-DD (default: today, UTC)"
    )
    parser.add_argument("--metrics", metavar="M1,M2", help='comma-separated metric names, or "help" to list them')
    parser.add_argument("--granularity", metavar="{TOTAL,DAY,HOUR,WEEK,MONTH}", help="ads analytics only (default DAY)")
    parser.add_argument("--output", metavar="FILE", help="JSON file to write (asked for when missing)")
    parser.add_argument("--force", action="store_true", help="overwrite --output if it exists")
    add_common_arguments(parser)
    return parser


def _check_ids(obj: str, args: argparse.Namespace, given: list[str | None]) -> None:
    """Upstream's rules, plus: an id option that -o does not use is a mistake, not something to ignore."""
    if obj == "pin" and not args.pin_id:
        raise UsageError("Pin analytics require a pin identifier.")
    if args.pin_id and obj != "pin":
        raise UsageError(f"--pin-id is for -o pin, not -o {obj}")
    usable = {"user": 0, "pin": 1, "ad_account_user": 1}.get(obj)
    if usable is None:
        usable = ADS_OBJECTS.index(obj) + 1
    for level, value in zip(ads.LEVELS[usable:], given[usable:], strict=True):
        if value:
            raise UsageError(f"{level.option} is not used by -o {obj}")


def _metrics_help(version: int, obj: str) -> int:
    from pinterest_tools.cli.shared.analytics import DEFAULT_METRICS, allowed_metrics

    known = allowed_metrics(version, obj)
    if known is None:
        print(f"API v{version} lists no metric names for -o {obj}; any upper-case name is sent as it is.")
        print(f"default: {','.join(DEFAULT_METRICS[obj])}")
        return 0
    print(f"Metrics for -o {obj} (API v{version}):")
    emit(known, print)
    return 0


def _fetch(
    api: PinterestApi, obj: str, args: argparse.Namespace, given: list[str | None], query: AnalyticsQuery
) -> Any:
    """The analytics of ``obj``; None when a level of the ads hierarchy turned out empty."""
    if obj == "user":
        return api.user_analytics(query)
    if obj == "pin":
        return api.pin_analytics(args.pin_id, query, ad_account_id=given[0])
    if obj == "ad_account_user":
        path = ads.choose(api, 1, given, print)
        return None if path is None else api.user_analytics(query, ad_account_id=path[0])
    depth = ADS_OBJECTS.index(obj) + 1
    path = ads.choose(api, depth, given, print)
    if path is None:
        return None
    return api.ads_analytics(obj, path[0], path[-1] if depth > 1 else None, query)


def _main(argv: Sequence[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    obj = args.analytics_object
    given = ads.given_ids(args)
    version = config_from_args(args).version
    if version == 3 and obj in V5_ONLY:
        raise UsageError(V5_ONLY[obj])
    if args.metrics is not None and args.metrics.strip().lower() == "help":
        return _metrics_help(version, obj)
    _check_ids(obj, args, given)
    query = build_query(
        version,
        obj,
        start=args.start_date,
        end=args.end_date,
        metrics=split_metrics(args.metrics),
        granularity=args.granularity,
    )

    from pinterest_tools.atomic import write_json
    from pinterest_tools.cli.shared.outfile import choose_target

    target: Path | None = choose_target(args.output, args.force, "", DEFAULT_FILE) if args.output is not None else None
    needs_ads = obj in (*ADS_OBJECTS, "ad_account_user") or bool(given[0])
    needed = {
        v: [*USER_SCOPES[v], *(PIN_SCOPES[v] if obj == "pin" else []), *(ADS_SCOPES[v] if needs_ads else [])]
        for v in USER_SCOPES
    }
    with open_api(args, needed) as api:
        emit(user_summary(api.user(), api.version), print)
        result = _fetch(api, obj, args, given, query)
        if result is None and obj in (*ADS_OBJECTS, "ad_account_user"):
            return 1  # an empty level: its line is printed
        if not result:
            print("There are no analytics results.")
            return 0
    if target is None:
        target = choose_target(None, args.force, "Please enter a file name for the analytics output:", DEFAULT_FILE)
    write_json(target, result)
    print(f"wrote analytics to {target}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
