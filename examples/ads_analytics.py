"""Spend and impressions per ad account for the last week, and an async report as a CSV file."""

import datetime as dt
from pathlib import Path

from pinterest_tools import Pinterest


def main(client: Pinterest, directory: Path, today: dt.date) -> None:
    start, end = today - dt.timedelta(days=7), today - dt.timedelta(days=1)
    for account in client.ad_accounts.list():
        rows = client.ad_accounts.analytics(
            account.id,
            start_date=start,
            end_date=end,
            columns=["SPEND_IN_DOLLAR", "IMPRESSION_1"],
            granularity="TOTAL",
        )
        for row in rows:
            print(f"{account.name}: {row.to_dict()}")
        target = client.download_report(
            account.id,
            {
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
                "granularity": "DAY",
                "level": "CAMPAIGN",
                "columns": ["SPEND_IN_DOLLAR", "IMPRESSION_1"],
                "report_format": "CSV",
            },
            directory / f"report-{account.id}.csv",
        )
        print(f"report for {account.id}: {target.stat().st_size} bytes in {target.name}")


if __name__ == "__main__":
    with Pinterest() as client:
        main(client, Path.cwd(), dt.date.today())
