"""Walk ad accounts, campaigns, ad groups and ads.

Reads the user (--- User Summary ---), then descends the advertising hierarchy:
GET /v5/ad_accounts, /v5/ad_accounts/{id}/campaigns, .../ad_groups?campaign_ids=,
.../ads?campaign_ids=&ad_group_ids= (with -v 3 the ads v4 paths /ads/v4/advertisers/...).
Each object prints as "<Kind> ID: <id> | Name: <name> (<status>)".

By default it lists each level and asks which one to descend into ("Please select the
Campaign number between 1 and <n>:", read from stdin; not asked when there is only one),
then lists the ads of the chosen ad group. --ad-account-id, --campaign-id, --ad-group-id
and --ad-id choose a level without asking (each needs the one before it; --ad-id prints
just that ad). --all-ads prints everything under the chosen ids, indented by level; --json
prints the same as one JSON document {"ad_accounts": [{"ad_account": ..., "campaigns":
[{"campaign": ..., "ad_groups": [{"ad_group": ..., "ads": [...]}]}]}]} and asks nothing.

The ids are the "ID:" values this command prints; ad account ids also appear in
Pinterest's Ads Manager address (https://ads.pinterest.com/advertiser/<id>/).
"""

from __future__ import annotations

from collections.abc import Sequence

from pinterest_tools.cli.shared import ads
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
from pinterest_tools.cli.shared.summaries import user_summary

SCOPES = scopes("user_accounts:read,ads:read", "read_users,read_advertisers")


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("get_ads", __doc__)
    parser.add_argument("--all-ads", action="store_true", help="print all ads information")
    ads.add_id_arguments(parser, numeric_id)
    add_json_argument(parser)
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    given = ads.given_ids(args)
    with open_api(args, SCOPES) as api:
        if args.json:
            print(json_text({"ad_accounts": ads.tree_json(ads.tree(api, given))}))
            return 0
        emit(user_summary(api.user(), api.version), print)
        if args.all_ads:
            emit(ads.tree_lines(ads.tree(api, given)), print)
            return 0
        path = ads.choose(api, len(ads.LEVELS) - 1, given, print)
        if path is None:
            return 0
        found = list(ads.children(api, path))
        kind = ads.LEVELS[-1].kind
        if given[-1]:
            print(ads.summary(ads.find(found, str(given[-1]), len(path), path), kind))
        elif not found:
            print(ads.empty_line(len(path)))
        else:
            emit(ads.enumeration(found, kind), print)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
