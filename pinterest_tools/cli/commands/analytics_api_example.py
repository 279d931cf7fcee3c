"""Request an asynchronous ads delivery report and download it.

Reads the user (--- User Summary ---, User id: ...), lists the ad accounts the token can
use (GET /v5/ad_accounts; -v 3: GET /ads/v4/advertisers/?owner_user_id=...&include_acl=true)
and asks which one to use ("Please select an advertiser between 1 and <n>:", answered on
stdin) unless --ad-account-id names it. Prints the definitions of two metrics
(GET /v5/resources/delivery_metrics; -v 3: /ads/v4/resources/delivery_metrics), then
requests upstream's example report: CLICKTHROUGH_1 and IMPRESSION_1 per promoted pin and
day over the last 30 days (UTC), as CSV, for pins that spent more than $1
(POST /v5/ad_accounts/{id}/reports; -v 3: POST /ads/v4/advertisers/{id}/delivery_metrics/async).

It polls the report (waiting 1, 2, 4, 8, then 10 seconds between polls) until it is
FINISHED, and stops with an error when it is FAILED, CANCELLED, EXPIRED or
DOES_NOT_EXIST, or still unfinished after --timeout seconds (default 600). The report is
downloaded, streaming, to --output FILE (an existing file only with --force, or after
confirming on a terminal), else to the file name asked for ("Please enter a file name for
the report:", default: the name in the report's URL); a terminal shows the progress.
With --ad-account-id and --output given, nothing is read from stdin.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from pinterest_tools.cli.shared import ads
from pinterest_tools.cli.shared.common import add_common_arguments, prompt_number, run
from pinterest_tools.cli.shared.organic import (
    ADS_ID_MAX_LENGTH,
    CommandParser,
    emit,
    interactive,
    numeric_id,
    open_api,
    scopes,
)
from pinterest_tools.cli.shared.summaries import user_summary
from pinterest_tools.errors import PinterestError

# delivery_metrics_get also asks for pins:read (Pinterest's description)
SCOPES = scopes("user_accounts:read,ads:read,pins:read", "read_users,read_advertisers")
NO_ACCOUNTS = "This user id does not have any linked advertiser ids."


def positive_seconds(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"timeout must be a number of seconds, not {text!r}") from None
    if not 0 < value <= 86400:
        raise argparse.ArgumentTypeError(f"timeout must be between 0 and 86400 seconds, not {text}")
    return value


class TerminalProgress:
    """``downloading <name>: 1.2 MB of 3.4 MB (35%)`` rewritten in place on stderr."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.shown = False

    def __call__(self, done: int, total: int | None) -> None:
        of = f" of {_size(total)} ({100 * done // total}%)" if total else ""
        sys.stderr.write(f"\rdownloading {self.name}: {_size(done)}{of}\033[K")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def _size(count: int) -> str:
    for unit in ("bytes", "kB", "MB"):
        if count < 1000 or unit == "MB":
            return f"{count} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000  # type: ignore[assignment]
    raise AssertionError


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("analytics_api_example", __doc__)
    parser.add_argument(
        "--ad-account-id", type=numeric_id("ad account id", ADS_ID_MAX_LENGTH), help="ad account identifier"
    )
    parser.add_argument("--output", metavar="FILE", help="file for the report (asked for when missing)")
    parser.add_argument("--force", action="store_true", help="overwrite --output if it exists")
    parser.add_argument(
        "--timeout", type=positive_seconds, default=None, metavar="SECONDS", help="give up waiting after (default 600)"
    )
    add_common_arguments(parser)
    args = parser.parse_args(argv)

    from pinterest_tools.cli.shared.analytics import last_days
    from pinterest_tools.cli.shared.outfile import choose_target
    from pinterest_tools.workflows import reports

    target = choose_target(args.output, args.force, "", "") if args.output is not None else None
    with open_api(args, SCOPES) as api:
        user = api.user()
        emit(user_summary(user, api.version), print)
        print(f"User id: {user.get('id', '')}")
        account_id = args.ad_account_id
        if account_id:
            print(f"Using the Ad Account with identifier: {account_id}")
        else:
            accounts = list(api.ad_accounts())
            if not accounts:
                raise PinterestError(NO_ACCOUNTS)
            print("Advertiser accounts available to this access token:")
            emit(ads.enumeration(accounts, "Ad Account"), print)
            number = prompt_number(f"Please select an advertiser between 1 and {len(accounts)}:", 1, len(accounts))
            if len(accounts) > 1 and not interactive():
                print()  # the answer was not echoed: end the question's line
            account_id = str(accounts[number - 1]["id"])

        definitions = {m.get("name"): m.get("definition") for m in api.metric_definitions()}
        print("Here are a couple of interesting metrics...")
        for name in reports.EXAMPLE_COLUMNS:
            if name in definitions:
                print(f"{name}: {definitions[name]}")

        print(f"Requesting report for advertiser id {account_id}...")
        token = reports.request_report(api, account_id, reports.example_request(*last_days()))
        url = reports.wait_for_report(api, account_id, token, timeout=args.timeout)

        if target is None:
            default = reports.report_filename(url)
            target = choose_target(None, args.force, "Please enter a file name for the report:", default)
        progress = TerminalProgress(target.name) if sys.stderr.isatty() else None
        try:
            size = reports.download(url, target, api.client.config, progress=progress)
        finally:
            if progress:
                progress.close()
    print(f"wrote the report to {target} ({size} bytes)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
