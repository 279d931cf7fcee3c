"""v5 ads objects (ad accounts, campaigns, ad groups, ads): filters, paging, access, scopes."""

from __future__ import annotations

from pinterest_api_v5.api.ad_accounts import ad_accounts_list
from pinterest_api_v5.api.ad_groups import ad_groups_list
from pinterest_api_v5.api.ads import ads_list
from pinterest_api_v5.api.campaigns import campaigns_list
from pinterest_api_v5.models import AdAccount, CampaignsListOrder
from support.emulator import http, v5_client

USER = "dexter_demo"


def demo_account(emu):
    return emu.state.ad_accounts_of(USER)[0]


def names(page):
    return [item["name"] for item in page["items"]]


def test_the_quickstart_walk_account_campaign_group_ad_with_the_generated_client(emulator):
    with v5_client(emulator) as client:
        accounts = ad_accounts_list.sync(client=client)
        assert [a.name for a in accounts.items] == ["Dexter Demo Ads", "Dexter Sandbox"]
        assert isinstance(accounts.items[0], AdAccount) and accounts.bookmark is None
        account = accounts.items[0].id
        campaigns = campaigns_list.sync(account, client=client)
        assert [c.name for c in campaigns.items] == ["Spring margaritas", "Thailand travel"]
        campaign = campaigns.items[0].id
        groups = ad_groups_list.sync(account, client=client, campaign_ids=[campaign])
        assert [g.name for g in groups.items] == ["Margarita lovers", "Agave curious"]
        ads = ads_list.sync(account, client=client, campaign_ids=[campaign], ad_group_ids=[groups.items[0].id])
        assert [(a.name, a.status) for a in ads.items] == [("Classic margarita ad", "ACTIVE"), ("Paloma ad", "PAUSED")]
        descending = campaigns_list.sync(account, client=client, order=CampaignsListOrder.DESCENDING)
        assert [c.name for c in descending.items] == ["Thailand travel", "Spring margaritas"]


def test_filters_narrow_by_campaign_group_ad_and_status(emulator):
    account = demo_account(emulator)
    campaigns = emulator.state.campaigns_of(account.id)
    with http(emulator) as api:
        base = f"/ad_accounts/{account.id}"
        assert len(api.get(f"{base}/ad_groups").json()["items"]) == 3
        only_second = api.get(f"{base}/ad_groups", params={"campaign_ids": campaigns[1].id}).json()
        assert names(only_second) == ["Beach lovers"]
        both = api.get(f"{base}/ads", params={"campaign_ids": [campaigns[0].id, campaigns[1].id]}).json()
        assert len(both["items"]) == 4
        one_ad = emulator.state.ads_of(account.id)[2]
        assert names(api.get(f"{base}/ads", params={"ad_ids": one_ad.id}).json()) == [one_ad.name]
        paused = api.get(f"{base}/ads", params={"entity_statuses": "PAUSED"}).json()
        assert names(paused) == ["Paloma ad"]
        assert api.get(f"{base}/campaigns", params={"entity_statuses": "ARCHIVED"}).json()["items"] == []
        bad = api.get(f"{base}/ads", params={"entity_statuses": "RUNNING"})
        assert bad.status_code == 400 and "entity_statuses" in bad.json()["message"]
        assert api.get(f"{base}/ads", params={"campaign_ids": "abc"}).status_code == 400
        too_many = [str(n) for n in range(251)]
        assert api.get(f"{base}/campaigns", params={"campaign_ids": too_many}).status_code == 400


def test_archived_objects_are_left_out_by_default(make_emulator):
    doc = {
        "users": [
            {
                "username": "ads_only",
                "ad_accounts": [
                    {
                        "name": "Acct",
                        "campaigns": [{"name": "Old", "status": "ARCHIVED"}, {"name": "Live", "status": "ACTIVE"}],
                    }
                ],
            }
        ]
    }
    emu = make_emulator(data=doc)
    with http(emu, user="ads_only") as api:
        account = emu.state.ad_accounts_of("ads_only")[0].id
        assert names(api.get(f"/ad_accounts/{account}/campaigns").json()) == ["Live"]
        every = api.get(f"/ad_accounts/{account}/campaigns", params={"entity_statuses": ["ARCHIVED", "ACTIVE"]})
        assert names(every.json()) == ["Old", "Live"]


def test_lists_page_with_bookmarks_in_either_order(make_emulator):
    campaigns = [{"name": f"Campaign {n:02d}"} for n in range(7)]
    doc = {"users": [{"username": "ads_user", "ad_accounts": [{"name": "Big", "campaigns": campaigns}]}]}
    emu = make_emulator(data=doc)
    account = emu.state.ad_accounts_of("ads_user")[0].id
    with http(emu, user="ads_user") as api:
        for order, expected in (("ASCENDING", 0), ("DESCENDING", 6)):
            seen, bookmark = [], None
            while True:
                params = {"page_size": 3, "order": order} | ({"bookmark": bookmark} if bookmark else {})
                page = api.get(f"/ad_accounts/{account}/campaigns", params=params).json()
                seen += names(page)
                bookmark = page["bookmark"]
                if not bookmark:
                    break
            assert len(seen) == 7 and seen[0] == f"Campaign {expected:02d}"
        first = api.get(f"/ad_accounts/{account}/campaigns", params={"page_size": 3}).json()
        other_order = {"bookmark": first["bookmark"], "order": "DESCENDING"}
        assert api.get(f"/ad_accounts/{account}/campaigns", params=other_order).status_code == 400
        assert api.get("/ad_accounts", params={"page_size": 251}).status_code == 400


def test_someone_elses_ad_account_is_not_found(emulator):
    account = demo_account(emulator)
    with http(emulator, user="penny_demo") as api:
        assert api.get("/ad_accounts").json() == {"items": [], "bookmark": None}
        for path in ("campaigns", "ad_groups", "ads"):
            response = api.get(f"/ad_accounts/{account.id}/{path}")
            assert response.status_code == 404 and "not found" in response.json()["message"]


def test_ads_need_the_ads_read_scope(emulator):
    account = demo_account(emulator)
    token = emulator.issue_token(USER, ["user_accounts:read"])
    with http(emulator, token) as api:
        for path in ("/ad_accounts", f"/ad_accounts/{account.id}/campaigns", f"/ad_accounts/{account.id}/ads"):
            response = api.get(path)
            assert response.status_code == 401 and response.json()["code"] == 3
    with http(emulator, emulator.issue_token(USER, ["ads:read"])) as api:
        assert api.get("/ad_accounts").status_code == 200
