"""The supplement's operations (added by Pinterest after its last published description), one
family at a time, called through the facade against the emulator.

Families with state (customer segments, schedules, local stores, conversion deletion requests,
campaign previews, advertiser-defined events, local inventory batches) are created, read back,
changed and deleted; the others answer what was asked. The `emulator` fixture checks every
exchange against the merged description at teardown.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.description import MISSING, spec_path

from pinterest_tools.emulator import Emulator
from pinterest_tools.rest import Pinterest

pytestmark = pytest.mark.skipif(not spec_path().exists(), reason=MISSING)


@pytest.fixture
def client(emulator: Emulator) -> Iterator[Pinterest]:
    with Pinterest(emulator.issue_token(), base_url=emulator.base_url, max_retries=0) as pinterest:
        yield pinterest


@pytest.fixture
def account(emulator: Emulator) -> str:
    return emulator.state.ad_accounts_of("dexter_demo")[0].id


@pytest.fixture
def ad_group(emulator: Emulator, account: str) -> str:
    return emulator.state.ad_groups_of(account)[0].id


@pytest.fixture
def catalog(client: Pinterest) -> str:
    return client.catalogs.create(catalog_type="RETAIL", name="Stores").id


def test_customer_segments_are_created_listed_and_changed(client: Pinterest, account: str) -> None:
    segments = client.ad_accounts.customer_segments
    created = segments.create(account, name="Loyal quilters", audience_ids=["2542620905475"])
    assert (created.name, created.audience_ids) == ("Loyal quilters", ["2542620905475"])
    assert [(s.id, s.name) for s in segments.list(account)] == [(created.id, "Loyal quilters")]
    assert segments.update(account, id=created.id, operation_type="UPDATE", audience_ids=["2542620905476"]) is None
    assert [s.audience_ids for s in segments.list(account)] == [["2542620905476"]]
    segments.update(account, id=created.id, operation_type="REMOVE")
    assert [str(s.status) for s in segments.list(account)] == ["DELETED"]


def test_schedules_are_created_listed_and_changed(client: Pinterest, account: str, emulator: Emulator) -> None:
    campaign = emulator.state.campaigns_of(account)[0].id
    schedule = {"name": "Holiday push", "entity_id": campaign, "entity_type": "CAMPAIGN"}
    (result,) = client.ad_accounts.schedules.create(
        account, body=[schedule | {"schedule_type": "CAMPAIGN_BUDGET_CHANGE"}]
    )
    created = result.data
    assert (created.name, created.entity_id) == ("Holiday push", campaign)
    listed = list(client.ad_accounts.schedules.list(account, entity_ids=[campaign]))
    assert [s.name for s in listed] == ["Holiday push"]
    change = {"id": created.schedule_id, "schedule_id": created.schedule_id, "name": "Holiday push, week 2"}
    (changed,) = client.ad_accounts.schedules.update(account, body=[change])
    assert changed.data.name == "Holiday push, week 2"


def test_local_stores_are_created_listed_changed_and_deleted(client: Pinterest, catalog: str) -> None:
    stores = client.catalogs.local_stores
    store = {"store_code": "store_1", "name": "Sunnyvale", "country": "US", "city": "Sunnyvale"}
    (result,) = stores.create(catalog, body=[store])
    created = result.data
    assert (created.store_code, created.name, created.city) == ("store_1", "Sunnyvale", "Sunnyvale")
    assert [s.store_code for s in stores.list(catalog)] == ["store_1"]
    (changed,) = stores.update(catalog, body=[{"id": created.id, "name": "Sunnyvale Downtown"}])
    assert (changed.data.name, changed.data.city) == ("Sunnyvale Downtown", "Sunnyvale")
    stores.delete(catalog, ids=[created.id])
    assert list(stores.list(catalog)) == []


def test_local_inventory_batches_are_read_back_as_supplemental_item_batches(client: Pinterest, catalog: str) -> None:
    operation = {
        "operation": "UPSERT",
        "item_id": "DS0294-M",
        "store_code": "store_1",
        "attributes": {"availability": "in stock", "price": "49.99 USD"},
    }
    batch = client.catalogs.local_inventory_items.create_batch(catalog, operations=[operation])
    assert batch.status == "PROCESSING"
    again = client.catalogs.get_supplemental_items_batch(catalog, batch.batch_id)
    assert again.batch_id == batch.batch_id
    found = client.catalogs.local_inventory_items.query(
        catalog, item_filters=[{"item_id": "DS0294-M", "store_code": "store_1"}]
    )
    assert isinstance(found.items, list)


def test_conversion_deletion_requests_are_created_read_and_cancelled(client: Pinterest, account: str) -> None:
    requests = client.ad_accounts.conversion_deletion_requests
    created = requests.create(account, deletion_targets={"user_emails": ["someone@example.com"]})
    assert requests.get(account, created.request_id).request_id == created.request_id
    assert [r.request_id for r in requests.list(account)] == [created.request_id]
    requests.delete(account, created.request_id)
    assert list(requests.list(account)) == []


def test_campaign_previews_are_created_listed_and_deleted(client: Pinterest, account: str, ad_group: str) -> None:
    previews = client.ad_accounts.campaign_ad_preview
    (result,) = previews.create(account, body=[{"ad_group_id": ad_group}])
    assert result.data.ad_group_id == ad_group
    assert [p.ad_group_id for p in previews.list(account, ad_group_ids=[ad_group])] == [ad_group]
    previews.delete(account, ad_group_ids=[ad_group])
    assert previews.list(account, ad_group_ids=[ad_group]) == []


def test_advertiser_defined_events_are_mapped_listed_changed_and_removed(client: Pinterest, account: str) -> None:
    events = client.ad_accounts.advertiser_defined_events
    created = events.create(account, items=[{"name": "newsletter_signup", "mapped_conversion_type": "SIGNUP"}])
    assert [record.name for record in created.items] == ["newsletter_signup"]
    assert [e.name for e in events.get(account).items] == ["newsletter_signup"]
    events.update(account, items=[{"name": "newsletter_signup", "mapped_conversion_type": "LEAD"}])
    assert [str(e.mapped_conversion_type) for e in events.get(account).items] == ["LEAD"]
    events.delete(account, event_names=["newsletter_signup"])
    assert events.get(account).items == []


def test_product_tags_of_a_pin(client: Pinterest, emulator: Emulator) -> None:
    pin = next(p for p in emulator.state.pins.values() if p.owner_id == emulator.state.user("dexter_demo").id).id
    tags = client.pins.product_tags
    assert [t.pin_id for t in tags.create(pin, product_tags=[{"pin_id": "1022106146391470"}]).product_tags] == [
        "1022106146391470"
    ]
    assert [t.pin_id for t in tags.get(pin).product_tags] == ["1022106146391470"]
    assert tags.delete(pin, product_tags=[{"pin_id": "1022106146391470"}]) is None
    assert tags.get(pin).product_tags == []


def test_labels_are_applied_to_and_removed_from_campaigns(client: Pinterest, account: str, emulator: Emulator) -> None:
    campaign = emulator.state.campaigns_of(account)[0].id
    applied = client.ad_accounts.labels.apply(account, "7001", entity_ids=[campaign])
    assert all(label.label_id == "7001" for label in applied.entities_labels)
    removed = client.ad_accounts.labels.remove(account, "7001", entity_ids=[campaign])
    assert all(label.label_id == "7001" for label in removed.entities_labels)


def test_dynamic_titles_upload_process_and_status(client: Pinterest, account: str, ad_group: str) -> None:
    titles = client.ad_accounts.ad_groups.dynamic_titles
    upload = titles.get_upload_url(account, ad_group)
    assert upload.upload_url and upload.request_id
    processed = titles.process_csv(account, ad_group, request_id=upload.request_id)
    assert processed == titles.process_csv(account, ad_group, request_id=upload.request_id)  # same question
    status = titles.get_status(account, ad_group)
    assert isinstance(status.generated_count, int) and isinstance(status.is_ready, bool)
    assert titles.get_download_url(account, ad_group).download_url


def test_read_only_additions_answer_what_was_asked(client: Pinterest, account: str) -> None:
    groups = list(client.ad_accounts.list_promotion_applied_entities(account, promotion_ids=["3001"]))
    assert all(group.ad_account_id == account for group in groups)
    campaign = {
        "objective_type": "AWARENESS",
        "budget_duration_type": "FIXED_DAILY",
        "daily_spend_cap": 50_000_000,
        "start_date": "2026-01-01",
        "ad_groups": [{"placement_group": "ALL"}],
    }
    estimate = client.ad_accounts.campaigns.delivery_estimates(account, body=[campaign])
    assert estimate == client.ad_accounts.campaigns.delivery_estimates(account, body=[campaign])
    articles = client.trends.list_editorial_articles(region="US")
    assert articles and all(article.title for article in articles)
