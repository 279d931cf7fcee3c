"""Each response body Pinterest sent that broke a command parses, with the value Pinterest sent kept."""

from __future__ import annotations

import logging

import httpx
import pytest
from pinterest_api_v5 import AuthenticatedClient
from pinterest_api_v5.api.ad_accounts import ad_accounts_list
from pinterest_api_v5.api.catalog_feeds import feeds_list
from pinterest_api_v5.models import AdAccount, Pin, PinMediaWithVideo

CLIENT = AuthenticatedClient(base_url="http://127.0.0.1:9", token="unused")


def test_a_video_pin_with_null_images_is_a_video_pin() -> None:
    body = {"id": "1", "media": {"media_type": "video", "images": None}}
    pin = Pin.from_dict(body)
    assert isinstance(pin.media, PinMediaWithVideo)
    assert pin.media.media_type == "video" and pin.media.images is None
    assert pin.to_dict() == body


def test_a_media_type_newer_than_the_description_is_kept_raw() -> None:
    body = {"id": "1", "media": {"media_type": "carousel_v2"}}
    pin = Pin.from_dict(body)
    assert pin.id == "1" and pin.media is None
    assert pin.unparsed == {"media": {"media_type": "carousel_v2"}}
    assert pin.to_dict() == body


@pytest.mark.parametrize("created_at", [None, "not-a-date"])
def test_a_created_at_that_is_not_a_date_reads_none_and_is_kept(created_at: str | None) -> None:
    body = {"id": "1", "created_at": created_at}
    pin = Pin.from_dict(body)
    assert (pin.id, pin.created_at) == ("1", None)
    assert pin.unparsed == ({} if created_at is None else {"created_at": "not-a-date"})
    assert pin.to_dict() == body


def test_null_media_reads_none() -> None:
    pin = Pin.from_dict({"id": "1", "media": None})
    assert pin.media is None and pin.to_dict() == {"id": "1", "media": None}


def test_a_page_of_items_missing_required_fields_parses() -> None:
    body = {"items": [{}], "bookmark": None}
    page = ad_accounts_list._parse_response(client=CLIENT, response=httpx.Response(200, json=body))
    assert page is not None and page.bookmark is None
    (account,) = page.items
    assert isinstance(account, AdAccount) and account.id is None
    assert page.to_dict() == body


def test_a_feed_no_member_fits_is_left_out_and_the_page_kept() -> None:
    """Each feed kind requires keys `{}` lacks: the typed list leaves it out, the page keeps it."""
    body = {"items": [{}], "bookmark": None}
    page = feeds_list._parse_response(client=CLIENT, response=httpx.Response(200, json=body))
    assert page is not None and page.bookmark is None
    assert page.items == [] and page.unparsed == {"items": [{}]}
    assert page.to_dict() == body


def test_absent_optional_fields_read_none_not_unset() -> None:
    pin = Pin.from_dict({"id": "1"})
    assert pin.title is None and f"{pin.title}" == "None"
    assert pin.to_dict() == {"id": "1"}


def test_each_kind_of_drift_is_logged_once_per_field(caplog: pytest.LogCaptureFixture) -> None:
    import pinterest_api_v5.types

    pinterest_api_v5.types._drift_seen.clear()  # "once per process": forget what earlier tests logged
    with caplog.at_level(logging.DEBUG, logger="pinterest_api_v5.drift"):
        for _ in range(3):
            Pin.from_dict({"id": "1", "created_at": "never", "board_owner": "someone"})
    lines = [r.getMessage() for r in caplog.records if r.name == "pinterest_api_v5.drift"]
    assert len([line for line in lines if line.startswith("Pin.created_at: value does not fit")]) == 1
    assert len([line for line in lines if line.startswith("Pin.board_owner: value does not fit")]) == 1
    assert not any("never" in line or "someone" in line for line in lines)  # values are never logged
