"""What a new user tries first, with asserted values: answers come from what was sent and stored.

Through the facade (``Pinterest``, the final nested names) against the emulator in
process: a pin moved to another board, conversion events (valid, a field not hashed, test
mode), an audience built on a customer list, the documented list filters and bookmarks
over seeded objects, and ``GET /v5/media`` over several pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from support.emulator import check_emulator

from pinterest_tools.emulator.described.families import CONVERSION_EVENTS
from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.described.synth import Schemas
from pinterest_tools.emulator.testing import PinterestEmulator, start_emulator
from pinterest_tools.errors import NotFoundError, UnprocessableEntityError

EMAIL = hashlib.sha256(b"ana@example.com").hexdigest()
AUDIENCES = "/ad_accounts/{ad_account_id}/audiences"
PRODUCT_GROUPS = "/catalogs/product_groups"
PROMOTIONS = "/ad_accounts/{ad_account_id}/product_group_promotions"


@pytest.fixture
def emu() -> Iterator[PinterestEmulator]:
    with start_emulator("inprocess", record=True) as emulator:
        yield emulator
        check_emulator(emulator)


def account_of(emu: PinterestEmulator) -> str:
    return emu.state.ad_accounts_of("dexter_demo")[0].id


def event(emu: PinterestEmulator, event_id: str, **changes: object) -> dict[str, object]:
    sent: dict[str, object] = {
        "event_name": "checkout",
        "action_source": "web",
        "event_time": int(emu.clock.now()) - 60,
        "event_id": event_id,
        "user_data": {"em": [EMAIL]},
    }
    return sent | changes


def kept_events(emu: PinterestEmulator) -> list[str]:
    return [r.fields["event_id"] for r in emu.state.resources.values() if r.family == CONVERSION_EVENTS]


def test_a_pin_moved_to_another_board_has_no_section_before_or_after(emu: PinterestEmulator) -> None:
    client = emu.client()
    pin = next(p for p in emu.state.pins_of("dexter_demo") if p.section_id is not None)
    other = next(b for b in emu.state.boards_of("dexter_demo") if b.id != pin.board_id)
    moved = client.pins.update(pin.id, board_id=other.id)
    assert (moved.board_id, moved.to_dict().get("board_section_id")) == (other.id, None)
    again = client.pins.get(pin.id)
    assert (again.board_id, again.to_dict().get("board_section_id")) == (other.id, None)


def test_conversion_events_in_test_mode_are_checked_and_not_kept(emu: PinterestEmulator) -> None:
    client = emu.client()
    answer = client.ad_accounts.events.create(
        account_of(emu), body={"data": [event(emu, "e1"), event(emu, "e2")]}, test=True
    )
    assert (answer.num_events_received, answer.num_events_processed) == (2, 2)
    assert [(e.status, e.error_message, e.warning_message) for e in answer.events] == [("processed", "", "")] * 2
    assert kept_events(emu) == []


def test_valid_conversion_events_are_processed_and_kept(emu: PinterestEmulator) -> None:
    client = emu.client()
    answer = client.ad_accounts.events.create(account_of(emu), body={"data": [event(emu, "e1"), event(emu, "e2")]})
    assert (answer.num_events_received, answer.num_events_processed) == (2, 2)
    assert kept_events(emu) == ["e1", "e2"]


def test_conversion_events_that_break_a_rule_fail_one_by_one(emu: PinterestEmulator) -> None:
    client = emu.client()
    sent = [
        event(emu, "ok"),
        event(emu, "plain", user_data={"em": ["ana@example.com"]}),
        event(emu, "source", action_source="fax"),
        event(emu, "old", event_time=int(emu.clock.now()) - 8 * 24 * 3600),
        event(emu, "device", user_data={"client_ip_address": "203.0.113.9", "client_user_agent": "Mozilla/5.0"}),
    ]
    # Not all processed: the description's 422 ``DetailedError``, the per-event answer in ``details``.
    with pytest.raises(UnprocessableEntityError) as refused:
        client.ad_accounts.events.create(account_of(emu), body={"data": sent})
    error = refused.value
    assert (error.status_code, error.code) == (422, 1)
    assert error.api_message == "Not all events were successfully processed: 3 of 5 failed."
    details = error.body["details"]
    assert (details["num_events_received"], details["num_events_processed"]) == (5, 2)
    assert [(e["status"], e["error_message"]) for e in details["events"]] == [
        ("processed", ""),
        ("failed", "user_data.em[0]: not a SHA-256 hash in lowercase hex"),
        ("failed", "action_source: 'fax' is not one of app_android, app_ios, web, offline"),
        ("failed", "event_time: more than 7 days ago"),
        ("processed", ""),
    ]
    assert kept_events(emu) == ["ok", "device"]


def test_an_audience_shows_what_was_sent_and_nothing_made_up(emu: PinterestEmulator) -> None:
    client = emu.client()
    account = account_of(emu)
    customers = client.ad_accounts.customer_lists.create(account, name="Buyers", records=EMAIL, list_type="EMAIL")
    rule = {"customer_list_id": customers.id, "country": "US"}
    now = int(emu.clock.now())
    audience = client.ad_accounts.audiences.create(account, name="Buyers", audience_type="CUSTOMER_LIST", rule=rule)
    shown = audience.to_dict()
    created = shown["created_timestamp"]
    assert now <= created <= int(emu.clock.now())
    assert shown == {
        "id": audience.id,
        "ad_account_id": account,
        "name": "Buyers",
        "audience_type": "CUSTOMER_LIST",
        "rule": {"customer_list_id": customers.id, "country": "US"},
        # set by Pinterest: from the clock, and from the one record of the list it is built on
        "created_timestamp": created,
        "updated_timestamp": created,
        "type": "audience",
        "size": 1,
        "status": "TOO_SMALL",
    }
    assert client.ad_accounts.audiences.get(account, audience.id).to_dict() == shown
    # A field Pinterest does not have in a rule is not answered with an invented list id.
    loose = client.ad_accounts.audiences.create(
        account, name="Loose", audience_type="CUSTOMER_LIST", rule={"customer_list_ids": [customers.id]}
    )
    assert loose.to_dict()["rule"] == {} and loose.description is None
    assert client.ad_accounts.customer_lists.get(account, customers.id).name == "Buyers"


def test_list_filters_and_bookmarks_over_seeded_objects(emu: PinterestEmulator) -> None:
    account = account_of(emu)
    parents = {"ad_account_id": account}
    seeded = emu.seed(
        {
            "resources": [
                *({"family": AUDIENCES, "parents": parents, "fields": {"name": f"Audience {n}"}} for n in range(5)),
                {"family": PRODUCT_GROUPS, "parents": {}, "fields": {"name": "Red", "feed_id": "11"}},
                {"family": PRODUCT_GROUPS, "parents": {}, "fields": {"name": "Blue", "feed_id": "12"}},
                {"family": PRODUCT_GROUPS, "parents": {}, "fields": {"name": "Green", "feed_id": "11"}},
                {"family": PROMOTIONS, "parents": parents, "fields": {"status": "ACTIVE", "ad_group_id": "7"}},
                {"family": PROMOTIONS, "parents": parents, "fields": {"status": "PAUSED", "ad_group_id": "7"}},
                {"family": PROMOTIONS, "parents": parents, "fields": {"status": "ARCHIVED", "ad_group_id": "8"}},
            ]
        }
    )["resources"]
    ids = [r["id"] for r in seeded]
    audiences, groups, promotions = ids[:5], ids[5:8], ids[8:]
    client = emu.client()

    pages = client.ad_accounts.audiences.list(account, page_size=2).pages()
    assert [[a.id for a in page.items] for page in pages] == [audiences[:2], audiences[2:4], audiences[4:]]
    newest_first = [a.id for a in client.ad_accounts.audiences.list(account, order="DESCENDING", page_size=2)]
    assert newest_first == audiences[::-1]

    assert [g.name for g in client.catalogs.product_groups.list(feed_id="11")] == ["Red", "Green"]
    assert [g.id for g in client.catalogs.product_groups.list(id=[groups[1], groups[2]])] == groups[1:]

    listed = client.ad_accounts.product_group_promotions.list
    assert [p.id for p in listed(account, entity_statuses=["ACTIVE", "PAUSED"])] == promotions[:2]
    assert [p.id for p in listed(account, product_group_promotion_ids=[promotions[2]])] == promotions[2:]
    assert [p.id for p in listed(account, ad_group_id="8")] == promotions[2:]


def test_media_lists_every_upload_over_pages(emu: PinterestEmulator) -> None:
    client = emu.client()
    registered = [client.media.create(media_type="video").media_id for _ in range(3)]
    seeded = [m.id for m in emu.state.media.values() if m.owner_id == emu.state.user("dexter_demo").id]
    pages = client.media.list(page_size=2).pages()
    listed = [[m.media_id for m in page.items] for page in pages]
    assert [media for page in listed for media in page] == sorted(seeded, key=int)
    assert set(registered) <= {media for page in listed for media in page}
    assert all(len(page) <= 2 for page in listed) and len(listed) == (len(seeded) + 1) // 2


def matching_members(schema: str, value: object) -> list[str]:
    """The members of a discriminated ``oneOf`` `value` matches, read without the discriminator."""
    engine = Schemas(table())
    members = engine.resolve({"$ref": schema})["oneOf"]
    return [m["$ref"] for m in members if engine.problem(m, value) is None]


def test_feeds_match_one_member_of_the_feed_oneof_where_the_description_allows(emu: PinterestEmulator) -> None:
    """A retail or hotel feed matches one alternative even for a reader that ignores
    ``catalog_type``. A creative-assets feed cannot: every field the hotel feed requires,
    it requires too, and neither refuses other fields, so it carries its ``catalog_type``."""
    client = emu.client()
    engine = Schemas(table())
    request = table().operations["feeds_create"].request
    samples = (engine.sample(request, f"feeds_create#{n}", direction="request") for n in range(100))
    catalog = client.catalogs.create(name="Every feed", catalog_type="RETAIL").to_dict()["id"]
    bodies = {body.get("catalog_type"): body | {"catalog_id": catalog} for body in samples}  # the description's own
    retail = client.catalogs.feeds.create(body=bodies["RETAIL"])
    hotel = client.catalogs.feeds.create(body=bodies["HOTEL"])
    for feed, member in ((retail, "CatalogsRetailFeed"), (hotel, "CatalogsHotelFeed")):
        shown = client.catalogs.feeds.get(feed.id).to_dict()
        assert matching_members("CatalogsFeed", shown) == [member]
        assert shown["name"] == feed.to_dict()["name"] and shown["catalog_type"] == member[8:-4].upper()


def test_an_ad_group_in_a_campaign_that_does_not_exist_is_a_404(emu: PinterestEmulator) -> None:
    client = emu.client()
    with pytest.raises(NotFoundError) as refused:
        client.ad_accounts.ad_groups.create(
            account_of(emu), body=[{"name": "Orphans", "campaign_id": "1999999999999", "billable_event": "IMPRESSION"}]
        )
    assert (refused.value.status_code, str(refused.value).count("1999999999999")) == (404, 1)
