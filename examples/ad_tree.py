"""Each ad account's campaigns, ad groups and ads, last week's campaign analytics, and a report."""

import datetime as dt
from pathlib import Path

from pinterest_tools import Pinterest


def main(client: Pinterest, directory: Path, today: dt.date) -> None:
    start, end = today - dt.timedelta(days=7), today - dt.timedelta(days=1)
    for account in client.ad_accounts.list():
        print(f"{account.name} ({account.id})")
        campaigns = list(client.ad_accounts.campaigns.list(account.id))
        for campaign in campaigns:
            print(f"  campaign {campaign.name}")
            for group in client.ad_accounts.ad_groups.list(account.id, campaign_ids=[campaign.id]):
                ads = list(client.ad_accounts.ads.list(account.id, ad_group_ids=[group.id]))
                print(f"    ad group {group.name}: {len(ads)} ads")
        if campaigns:
            rows = client.ad_accounts.campaigns.analytics(
                account.id,
                start_date=start,
                end_date=end,
                campaign_ids=[campaign.id for campaign in campaigns],
                columns=["SPEND_IN_DOLLAR", "IMPRESSION_1"],
                granularity="TOTAL",
            )
            print(f"  analytics: {len(rows)} rows")
        report = {
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "granularity": "DAY",
            "level": "CAMPAIGN",
            "columns": ["SPEND_IN_DOLLAR"],
            "report_format": "CSV",
        }
        target = client.download_report(account.id, report, directory / f"campaigns-{account.id}.csv")
        print(f"  report: {target.name}")


if __name__ == "__main__":
    with Pinterest() as client:
        main(client, Path.cwd(), dt.date.today())
