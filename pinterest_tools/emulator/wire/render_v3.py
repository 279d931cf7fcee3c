"""Records as v3 and ads v4 objects, built with the generated ``pinterest_api_v3`` models.

v3 shows the same records as v5 in its own words: privacy in lower case, a board's ``url``
("/<username>/<slug>/", which the commands use as its text id), a section's ``title``, a
pin's ``image_large_url`` and ``board_section_id``, RFC 2822 timestamps, and ads objects as
advertisers, campaigns, ad groups and ads with ids, names and statuses (plus what the
data file's ``extra`` holds).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from pinterest_api_v3.models.ad import Ad as AdModel
from pinterest_api_v3.models.ad_group import AdGroup as AdGroupModel
from pinterest_api_v3.models.advertiser import Advertiser
from pinterest_api_v3.models.board import Board as BoardModel
from pinterest_api_v3.models.board_section import BoardSection
from pinterest_api_v3.models.campaign import Campaign as CampaignModel
from pinterest_api_v3.models.carousel_data import CarouselData
from pinterest_api_v3.models.carousel_image import CarouselImage
from pinterest_api_v3.models.carousel_slot import CarouselSlot
from pinterest_api_v3.models.image_size import ImageSize
from pinterest_api_v3.models.media_upload_status import MediaUploadStatus
from pinterest_api_v3.models.object_ref import ObjectRef
from pinterest_api_v3.models.pin import Pin as PinModel
from pinterest_api_v3.models.user import User as UserModel

from pinterest_tools.emulator.data import records
from pinterest_tools.emulator.data.records import (
    Ad,
    AdAccount,
    AdGroup,
    AdsObject,
    Board,
    Campaign,
    Media,
    Pin,
    PinImage,
    Section,
    User,
)
from pinterest_tools.emulator.data.state import State

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def timestamp(value: dt.datetime) -> str:
    """v3's RFC 2822 time, e.g. "Fri, 22 Jan 2021 14:34:18 +0000".

    English names whatever the locale, as ``email.utils.format_datetime`` writes them (and at
    a fifth of its cost: every v3 object carries one).
    """
    utc = value.astimezone(dt.UTC)
    return (
        f"{_DAYS[utc.weekday()]}, {utc.day:02d} {_MONTHS[utc.month - 1]} {utc.year:04d}"
        f" {utc.hour:02d}:{utc.minute:02d}:{utc.second:02d} +0000"
    )


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "board"


def user(state: State, record: User) -> UserModel:
    return UserModel(
        id=record.id,
        username=record.username,
        full_name=record.full_name,
        about=record.about,
        profile_url=f"https://www.pinterest.com/{record.username}/",
        pin_count=len(state.pins_of(record.id)),
        board_count=len(state.boards_of(record.id)),
        follower_count=record.follower_count,
        following_count=record.following_count,
        created_at=timestamp(record.created_at),
        image_small_url=record.profile_image,
        image_medium_url=record.profile_image,
        image_large_url=record.profile_image,
        image_xlarge_url=record.profile_image,
    )


def _cover(pin: Pin) -> str:
    return pin.media.url if isinstance(pin.media, PinImage) else pin.media.cover_image_url


def board(state: State, record: Board) -> BoardModel:
    pins = state.pins_on_board(record.id)
    owner = state.users[record.owner_id]
    modified = max((p.created_at for p in pins), default=record.created_at)
    model = BoardModel(
        id=record.id,
        name=record.name,
        url=f"/{owner.username}/{slug(record.name)}/",
        description=record.description,
        category=record.category or "other",
        pin_count=len(pins),
        follower_count=record.follower_count,
        privacy=record.privacy.lower(),
        layout="default",
        type_="board",
        owner=ObjectRef(id=owner.id),
        created_at=timestamp(record.created_at),
        board_order_modified_at=timestamp(modified),
        collaborator_invites_enabled=False,
        is_collaborative=record.collaborator_count > 0,
        collaborated_by_me=False,
        followed_by_me=False,
    )
    if pins:
        model.image_thumbnail_url = model.image_cover_url = _cover(pins[0])
    return model


def section(state: State, record: Section) -> BoardSection:
    return BoardSection(
        id=record.id,
        title=record.name,
        pin_count=len(state.pins_in_section(record.id)),
        type_="board_section",
        board=ObjectRef(id=record.board_id),
    )


def _sized(width: int, height: int, longest: int) -> ImageSize:
    scale = min(1.0, longest / max(width, height))
    return ImageSize(width=round(width * scale), height=round(height * scale))


def repin_counts(state: State) -> Counter[str]:
    """How often each pin was saved (one pass, for a whole page of pins)."""
    return Counter(p.parent_pin_id for p in state.pins.values() if p.parent_pin_id is not None)


def carousel_data(record: Pin) -> CarouselData | None:
    """A carousel pin's slides as v3's ``carousel_data`` (api-v3.md 3.7: ``CarouselData{id,index,carousel_slots}``)."""
    if not isinstance(record.media, records.PinCarousel):
        return None
    slots = [
        CarouselSlot(
            id=f"{record.id}-{number}",
            title=slide.title or "",
            details=slide.description or "",
            link=slide.link or "",
            images=[CarouselImage(url=slide.url, width=slide.width, height=slide.height)],
        )
        for number, slide in enumerate(record.media.slides)
    ]
    return CarouselData(id=record.id, index=0, carousel_slots=slots)


def pin(record: Pin, repins: Mapping[str, int]) -> PinModel:
    media = record.media
    image = media.url if isinstance(media, PinImage) else media.cover_image_url
    width = media.width if isinstance(media, PinImage) else media.width or 1000
    height = media.height if isinstance(media, PinImage) else media.height or 1000
    large, medium, square = _sized(width, height, 736), _sized(width, height, 236), ImageSize(width=75, height=75)
    return PinModel(
        id=record.id,
        type_="pin",
        title=record.title or "",
        description=record.description or "",
        alt_text=record.alt_text,
        link=record.link,
        domain=(urlsplit(record.link).hostname or "") if record.link else "",
        shareable_url=f"https://www.pinterest.com/pin/{record.id}/",
        created_at=timestamp(record.created_at),
        board=ObjectRef(id=record.board_id),
        board_section_id=record.section_id,
        # absent rather than null: the description's ``nullable`` next to ``allOf`` without a
        # ``type`` has no effect in OpenAPI 3.0.3, so null would be off the description
        parent_pin=ObjectRef(id=record.parent_pin_id) if record.parent_pin_id else None,
        is_repin=record.parent_pin_id is not None,
        repin_count=repins.get(record.id, 0),
        is_video=not isinstance(media, PinImage),
        native_format_type="SINGLE_IMAGE" if isinstance(media, PinImage) else "VIDEO",
        story_type=None,
        carousel_data=carousel_data(record)
        or None,  # absent for other pins (None is not sent): the description has no null
        dominant_color=record.dominant_color or "#ffffff",
        video_signature=None if isinstance(media, PinImage) else media.media_id,
        image_large_url=image,
        image_medium_url=image,
        image_square_url=image,
        image_large_size_pixels=large,
        image_large_size_points=large,
        image_medium_size_pixels=medium,
        image_medium_size_points=medium,
        image_square_size_pixels=square,
        image_square_size_points=square,
    )


def media_status(record: Media) -> MediaUploadStatus:
    status = MediaUploadStatus(status=record.status)
    if record.status == "failed":
        status.failure_code = 1  # the emulator's only failure: an empty file
    return status


# ---------------------------------------------------------------------------- ads v4
def _ads_fields(record: AdsObject) -> dict[str, Any]:
    return {"created_time": record.created_time, "updated_time": record.updated_time, **record.extra}


def advertiser(record: AdAccount) -> Advertiser:
    return Advertiser.from_dict(
        {
            "id": record.id,
            "name": record.name,
            "status": "ACTIVE",
            "owner_user_id": record.owner_id,
            "country": record.country,
            "currency": record.currency,
            **_ads_fields(record),
        }
    )


def campaign(record: Campaign) -> CampaignModel:
    return CampaignModel.from_dict(
        {
            "id": record.id,
            "name": record.name,
            "status": record.status,
            "advertiser_id": record.ad_account_id,
            "objective_type": record.objective_type,
            **_ads_fields(record),
        }
    )


def ad_group(record: AdGroup) -> AdGroupModel:
    return AdGroupModel.from_dict(
        {
            "id": record.id,
            "name": record.name,
            "status": record.status,
            "advertiser_id": record.ad_account_id,
            "campaign_id": record.campaign_id,
            **_ads_fields(record),
        }
    )


def ad(record: Ad) -> AdModel:
    body: dict[str, Any] = {
        "id": record.id,
        "name": record.name,
        "status": record.status,
        "advertiser_id": record.ad_account_id,
        "campaign_id": record.campaign_id,
        "ad_group_id": record.ad_group_id,
        "creative_type": record.creative_type,
        **_ads_fields(record),
    }
    if record.pin_id:
        body["pin_id"] = record.pin_id
    return AdModel.from_dict(body)
