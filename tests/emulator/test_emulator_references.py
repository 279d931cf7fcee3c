"""A body that names an object of another family is refused when the object is not the caller's.

Through the facade against the emulator in process: an audience built on a customer list
that does not exist, or that belongs to another ad account, is a 404 and nothing is kept
(at creation and at update); an ad in an ad group that does not exist or is another ad
account's is a 404, as is an ad group in a campaign that does not exist, a catalog feed in a
catalog that does not exist and a product group on a feed that does not exist. Every
exchange is validated against the description.
"""

from __future__ import annotations

import hashlib

import pytest

from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.described.synth import Schemas
from pinterest_tools.emulator.testing import PinterestEmulator
from pinterest_tools.errors import NotFoundError

EMAIL = hashlib.sha256(b"ana@example.com").hexdigest()
AUDIENCES = "/ad_accounts/{ad_account_id}/audiences"
MISSING = "1999999999999"


def accounts(facade_emulator: PinterestEmulator) -> tuple[str, str]:
    mine, sandbox = (a.id for a in facade_emulator.state.ad_accounts_of("dexter_demo")[:2])
    return mine, sandbox


def audiences_kept(facade_emulator: PinterestEmulator) -> list[str]:
    return [r.fields["name"] for r in facade_emulator.state.resources.values() if r.family == AUDIENCES]


@pytest.mark.parametrize("rule_key", ["customer_list_id", "customer_list_ids"])
def test_an_audience_on_a_customer_list_that_does_not_exist_is_a_404(
    facade_emulator: PinterestEmulator, rule_key: str
) -> None:
    client = facade_emulator.client()
    account, _ = accounts(facade_emulator)
    rule = {rule_key: MISSING if rule_key == "customer_list_id" else [MISSING]}
    with pytest.raises(NotFoundError) as refused:
        client.ad_accounts.audiences.create(account, name="Ghosts", audience_type="CUSTOMER_LIST", rule=rule)
    assert (refused.value.status_code, str(refused.value).count(f"customer_lists {MISSING} not found")) == (404, 1)
    assert audiences_kept(facade_emulator) == []


def test_an_audience_on_another_ad_account_s_customer_list_is_a_404(facade_emulator: PinterestEmulator) -> None:
    client = facade_emulator.client()
    account, sandbox = accounts(facade_emulator)
    theirs = client.ad_accounts.customer_lists.create(sandbox, name="Sandbox buyers", records=EMAIL, list_type="EMAIL")
    with pytest.raises(NotFoundError):
        client.ad_accounts.audiences.create(
            account, name="Borrowed", audience_type="CUSTOMER_LIST", rule={"customer_list_id": theirs.id}
        )
    ours = client.ad_accounts.customer_lists.create(account, name="Buyers", records=EMAIL, list_type="EMAIL")
    kept = client.ad_accounts.audiences.create(
        account, name="Buyers", audience_type="CUSTOMER_LIST", rule={"customer_list_ids": [ours.id]}
    )
    assert kept.to_dict()["rule"] == {} and audiences_kept(facade_emulator) == [
        "Buyers"
    ]  # customer_list_ids is not shown


def test_an_audience_update_to_a_missing_customer_list_is_a_404_and_changes_nothing(
    facade_emulator: PinterestEmulator,
) -> None:
    client = facade_emulator.client()
    account, _ = accounts(facade_emulator)
    ours = client.ad_accounts.customer_lists.create(account, name="Buyers", records=EMAIL, list_type="EMAIL")
    rule = {"customer_list_id": ours.id, "country": "US"}
    audience = client.ad_accounts.audiences.create(account, name="Buyers", audience_type="CUSTOMER_LIST", rule=rule)
    with pytest.raises(NotFoundError):
        client.ad_accounts.audiences.update(account, audience.id, name="Moved", rule={"customer_list_id": MISSING})
    shown = client.ad_accounts.audiences.get(account, audience.id).to_dict()
    assert (shown["name"], shown["rule"]) == ("Buyers", rule)


def test_an_ad_in_an_ad_group_that_is_not_the_account_s_is_a_404(facade_emulator: PinterestEmulator) -> None:
    client = facade_emulator.client()
    account, sandbox = accounts(facade_emulator)
    before, pin = len(facade_emulator.state.ads), facade_emulator.state.pins_of("dexter_demo")[0].id
    for group in (MISSING, facade_emulator.state.ad_groups_of(sandbox)[0].id):
        with pytest.raises(NotFoundError) as refused:
            client.ad_accounts.ads.create(
                account, body=[{"ad_group_id": group, "creative_type": "REGULAR", "pin_id": pin}]
            )
        assert (refused.value.status_code, str(refused.value).count(f"ad_groups {group} not found")) == (404, 1)
    assert len(facade_emulator.state.ads) == before
    group = facade_emulator.state.ad_groups_of(account)[0]
    made = client.ad_accounts.ads.create(
        account, body=[{"ad_group_id": group.id, "creative_type": "REGULAR", "pin_id": pin}]
    )
    assert made.to_dict()["items"][0]["data"]["campaign_id"] == group.campaign_id


def test_an_ad_group_in_another_account_s_campaign_is_a_404(facade_emulator: PinterestEmulator) -> None:
    client = facade_emulator.client()
    account, sandbox = accounts(facade_emulator)
    theirs = facade_emulator.state.campaigns_of(sandbox)[0].id
    with pytest.raises(NotFoundError) as refused:
        client.ad_accounts.ad_groups.create(
            account, body=[{"name": "Borrowed", "campaign_id": theirs, "billable_event": "IMPRESSION"}]
        )
    assert str(refused.value).count(f"campaigns {theirs} not found") == 1


def sample_body(operation_id: str, field: str) -> dict[str, object]:
    """A request body of the description's own that has `field`."""
    engine = Schemas(table())
    request = table().operations[operation_id].request
    samples = (engine.sample(request, f"{operation_id}#{n}", direction="request") for n in range(100))
    return next(body for body in samples if isinstance(body, dict) and field in body)


def test_catalog_objects_in_a_catalog_or_on_a_feed_that_does_not_exist_are_404s(
    facade_emulator: PinterestEmulator,
) -> None:
    client = facade_emulator.client()
    with pytest.raises(NotFoundError) as refused:
        client.catalogs.feeds.create(body=sample_body("feeds_create", "catalog_id") | {"catalog_id": MISSING})
    assert str(refused.value).count(f"catalogs {MISSING} not found") == 1
    catalog = client.catalogs.create(name="Shoes", catalog_type="RETAIL").to_dict()["id"]
    feed = client.catalogs.feeds.create(body=sample_body("feeds_create", "catalog_id") | {"catalog_id": catalog})
    group = sample_body("catalogs_product_groups_create", "feed_id") | {"catalog_id": catalog}
    with pytest.raises(NotFoundError) as refused:
        client.catalogs.product_groups.create(body=group | {"feed_id": MISSING})
    assert str(refused.value).count(f"feeds {MISSING} not found") == 1
    made = client.catalogs.product_groups.create(body=group | {"feed_id": feed.to_dict()["id"]})
    listed = [g.to_dict()["id"] for g in client.catalogs.product_groups.list(feed_id=feed.to_dict()["id"])]
    assert listed == [made.to_dict()["id"]]
