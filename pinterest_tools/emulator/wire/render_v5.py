"""Records as v5 responses, built with the generated models so they take the
description's shape (field names, enums, nullability) rather than one written here.

Organic objects are constructed field by field, so ``mypy`` checks them against the
models; ads objects go through ``Model.from_dict``, which also carries the data file's
``extra`` fields into the response.
"""

from __future__ import annotations

import functools
from typing import Any

from pinterest_api_v5.models.account import Account
from pinterest_api_v5.models.account_account_type import AccountAccountType
from pinterest_api_v5.models.ad_account import AdAccount as AdAccountModel
from pinterest_api_v5.models.ad_group_response import AdGroupResponse
from pinterest_api_v5.models.ad_response import AdResponse
from pinterest_api_v5.models.ai_disclosure_item import AiDisclosureItem
from pinterest_api_v5.models.ai_disclosures import AiDisclosures
from pinterest_api_v5.models.board import Board as BoardModel
from pinterest_api_v5.models.board_media import BoardMedia
from pinterest_api_v5.models.board_owner import BoardOwner
from pinterest_api_v5.models.board_privacy import BoardPrivacy
from pinterest_api_v5.models.board_section import BoardSection
from pinterest_api_v5.models.campaign_response import CampaignResponse
from pinterest_api_v5.models.creative_type import CreativeType
from pinterest_api_v5.models.image_details import ImageDetails
from pinterest_api_v5.models.image_metadata import ImageMetadata
from pinterest_api_v5.models.image_size import ImageSize
from pinterest_api_v5.models.media import Media as MediaModel
from pinterest_api_v5.models.media_upload_status import MediaUploadStatus
from pinterest_api_v5.models.media_upload_type import MediaUploadType
from pinterest_api_v5.models.pin import Pin as PinModel
from pinterest_api_v5.models.pin_media_with_image import PinMediaWithImage
from pinterest_api_v5.models.pin_media_with_image_media_type import PinMediaWithImageMediaType
from pinterest_api_v5.models.pin_media_with_images import PinMediaWithImages
from pinterest_api_v5.models.pin_media_with_images_media_type import PinMediaWithImagesMediaType
from pinterest_api_v5.models.pin_media_with_video import PinMediaWithVideo
from pinterest_api_v5.models.pin_media_with_video_media_type import PinMediaWithVideoMediaType

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
    PinVideo,
    Section,
    User,
)
from pinterest_tools.emulator.data.state import State

# A pin's texts, each with Pinterest's limit (the description's maxLength for PinCreate): the
# pin routes and the engine's pin update hold what they store to these.
PIN_LIMITS = {"title": 100, "description": 800, "link": 2048, "alt_text": 500}
# The sizes Pinterest lists under ``media.images``: name -> (width, height or None to keep the ratio).
IMAGE_SIZES: dict[str, tuple[int, int | None]] = {
    "150x150": (150, 150),
    "400x300": (400, 300),
    "600x": (600, None),
    "1200x": (1200, None),
}


def account(state: State, user: User) -> Account:
    return Account(
        account_type=AccountAccountType(user.account_type),
        id=user.id,
        username=user.username,
        about=user.about,
        business_name=user.business_name,
        website_url=user.website_url,
        profile_image=user.profile_image,
        board_count=len(state.boards_of(user.id)),
        pin_count=len(state.pins_of(user.id)),
        follower_count=user.follower_count,
        following_count=user.following_count,
        monthly_views=user.monthly_views,
    )


@functools.lru_cache(maxsize=4096)
def images(url: str, width: int, height: int) -> ImageSize:
    """The four image sizes of an image, kept for the next answer about it: every pin rendered
    asks (the answers only ever serialize the model, never change it)."""
    details = {
        name: ImageDetails(height=h if h is not None else round(height * w / width), url=url, width=w)
        for name, (w, h) in IMAGE_SIZES.items()
    }
    return ImageSize(
        field_150x150=details["150x150"],
        field_400x300=details["400x300"],
        field_600x=details["600x"],
        field_1200x=details["1200x"],
    )


def creative_type(media: PinImage | PinVideo) -> CreativeType:
    if isinstance(media, records.PinCarousel):
        return CreativeType.CAROUSEL
    return CreativeType.REGULAR if isinstance(media, PinImage) else CreativeType.VIDEO


def _pin_media(pin: Pin) -> PinMediaWithImage | PinMediaWithImages | PinMediaWithVideo:
    if isinstance(pin.media, records.PinCarousel):
        slides = [
            ImageMetadata(
                images=images(slide.url, slide.width, slide.height),
                item_type="image",
                title=slide.title,
                description=slide.description,
                link=slide.link,
            )
            for slide in pin.media.slides
        ]
        return PinMediaWithImages(media_type=PinMediaWithImagesMediaType.MULTIPLE_IMAGES, items=slides)
    if isinstance(pin.media, PinImage):
        return PinMediaWithImage(
            media_type=PinMediaWithImageMediaType.IMAGE,
            images=images(pin.media.url, pin.media.width, pin.media.height),
        )
    video = pin.media
    return PinMediaWithVideo(
        media_type=PinMediaWithVideoMediaType.VIDEO,
        cover_image_url=video.cover_image_url,
        images=images(video.cover_image_url, video.width or 1000, video.height or 1000),
        video_url=video.video_url,
        duration=video.duration,
        width=video.width,
        height=video.height,
    )


def pin(state: State, pin: Pin, viewer_id: str) -> PinModel:
    owner = state.users[pin.owner_id]
    return PinModel(
        id=pin.id,
        created_at=pin.created_at,
        link=pin.link,
        title=pin.title,
        description=pin.description,
        dominant_color=pin.dominant_color,
        alt_text=pin.alt_text,
        creative_type=creative_type(pin.media),
        board_id=pin.board_id,
        board_section_id=pin.section_id,
        board_owner=BoardOwner(username=owner.username),
        is_owner=pin.owner_id == viewer_id,
        media=_pin_media(pin),
        parent_pin_id=pin.parent_pin_id,
        is_standard=True,
        has_been_promoted=any(ad.pin_id == pin.id for ad in state.ads.values()),
        ai_disclosures=None
        if pin.ai_disclosures is None
        else AiDisclosures(values=list(map(AiDisclosureItem, pin.ai_disclosures))),
    )


def board(state: State, board: Board) -> BoardModel:
    pins = state.pins_on_board(board.id)
    owner = state.users[board.owner_id]
    thumbnails = [p.media.url if isinstance(p.media, PinImage) else p.media.cover_image_url for p in pins[:5]]
    return BoardModel(
        id=board.id,
        name=board.name,
        created_at=board.created_at,
        board_pins_modified_at=max((p.created_at for p in pins), default=board.created_at),
        description=board.description,
        collaborator_count=board.collaborator_count,
        pin_count=len(pins),
        follower_count=board.follower_count,
        media=BoardMedia(image_cover_url=thumbnails[0] if thumbnails else None, pin_thumbnail_urls=thumbnails),
        owner=BoardOwner(username=owner.username),
        privacy=BoardPrivacy(board.privacy),
        is_ads_only=board.is_ads_only,
    )


def section(section: Section) -> BoardSection:
    return BoardSection(id=section.id, name=section.name)


def media(media: Media) -> MediaModel:
    return MediaModel(
        media_id=media.id, media_type=MediaUploadType(media.media_type), status=MediaUploadStatus(media.status)
    )


# ---------------------------------------------------------------------------- ads
def _times(record: AdsObject) -> dict[str, Any]:
    return {"created_time": record.created_time, "updated_time": record.updated_time}


def ad_account(state: State, account: AdAccount) -> AdAccountModel:
    owner = state.users[account.owner_id]
    return AdAccountModel.from_dict(
        {
            "id": account.id,
            "name": account.name,
            "owner": {"id": owner.id, "username": owner.username},
            "country": account.country,
            "currency": account.currency,
            "permissions": ["OWNER"],
            **_times(account),
            **account.extra,
        }
    )


def campaign(campaign: Campaign) -> CampaignResponse:
    return CampaignResponse.from_dict(
        {
            "id": campaign.id,
            "ad_account_id": campaign.ad_account_id,
            "name": campaign.name,
            "status": campaign.status,
            "objective_type": campaign.objective_type,
            "type": "campaign",
            **_times(campaign),
            **campaign.extra,
        }
    )


# What Pinterest's summary status says of an object of each entity status. An ad group's
# ACTIVE is RUNNING (the emulator has no schedule that ends one); an ad's ACTIVE is APPROVED
# (the emulator reviews every ad at once, as it stores no review queue).
AD_GROUP_SUMMARY = {"ACTIVE": "RUNNING"}
AD_SUMMARY = {"ACTIVE": "APPROVED"}


def ad_group(group: AdGroup) -> AdGroupResponse:
    return AdGroupResponse.from_dict(
        {
            "id": group.id,
            "ad_account_id": group.ad_account_id,
            "campaign_id": group.campaign_id,
            "name": group.name,
            "status": group.status,
            "billable_event": group.billable_event,
            # Pinterest sets these; a learning mode exists only for conversion-optimized groups.
            "summary_status": AD_GROUP_SUMMARY.get(group.status, group.status),
            "conversion_learning_mode_type": None,
            "type": "adgroup",
            **_times(group),
            **group.extra,
        }
    )


def ad(ad: Ad) -> AdResponse:
    body: dict[str, Any] = {
        "id": ad.id,
        "ad_account_id": ad.ad_account_id,
        "campaign_id": ad.campaign_id,
        "ad_group_id": ad.ad_group_id,
        "name": ad.name,
        "status": ad.status,
        "creative_type": ad.creative_type,
        "pin_id": ad.pin_id,
        # Set by Pinterest's review, which the emulator passes every ad at once.
        "review_status": "APPROVED",
        "summary_status": AD_SUMMARY.get(ad.status, ad.status),
        "rejected_reasons": [],
        "rejection_labels": [],
        "type": "pinpromotion",
        **_times(ad),
        **ad.extra,
    }
    return AdResponse.from_dict(body)
