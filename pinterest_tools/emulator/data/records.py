"""The emulator's records: plain data, independent of any API version's wire shape.

v5 and v3 (and ads v4) render the same records differently, so the records carry
neutral facts (who owns what, names, timestamps) and no response layout. Ads objects keep
``extra``: fields of Pinterest's ads models the emulator does not interpret, passed through
to the responses unchanged, so a data file can fill in whatever a test needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class App:
    """A registered Pinterest app (client): its credentials and what it may ask for."""

    id: str
    secret: str
    name: str
    owner_id: str
    redirect_uris: tuple[str, ...] = ()
    loopback_redirects: bool = True
    scopes: tuple[str, ...] = ()
    v3_scopes: tuple[str, ...] = ()
    trial: bool = False


@dataclass(slots=True)
class User:
    id: str
    username: str
    full_name: str = ""
    about: str = ""
    account_type: str = "BUSINESS"
    website_url: str = ""
    profile_image: str = ""
    business_name: str | None = None
    follower_count: int = 0
    following_count: int = 0
    monthly_views: int = 0
    created_at: dt.datetime = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


@dataclass(slots=True)
class Board:
    id: str
    owner_id: str
    name: str
    description: str = ""
    privacy: str = "PUBLIC"
    created_at: dt.datetime = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    archived: bool = False
    is_ads_only: bool = False
    follower_count: int = 0
    collaborator_count: int = 0
    category: str | None = None  # v3's board category (v5 has none)
    creator_only: bool = False  # created with Trial access: visible to its owner alone


@dataclass(slots=True)
class Section:
    id: str
    board_id: str
    name: str
    created_at: dt.datetime = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


@dataclass(slots=True)
class PinImage:
    """An image pin's picture; every rendered size points at ``url``."""

    url: str
    width: int = 1000
    height: int = 1000


@dataclass(slots=True)
class CarouselSlide:
    """One image of a carousel pin, with its own texts (v5 ``ImageMetadata``, v3 ``CarouselSlot``)."""

    url: str
    title: str | None = None
    description: str | None = None
    link: str | None = None
    width: int = 1000
    height: int = 1000


@dataclass(slots=True)
class PinCarousel(PinImage):
    """A carousel pin (v5 ``media_type`` ``multiple_images``): 2 to 5 slides.

    It is a ``PinImage`` whose picture is the first slide, so that what shows one image per pin
    (board covers, v3's ``image_*_url``) shows that one.
    """

    slides: tuple[CarouselSlide, ...] = ()

    @classmethod
    def of(cls, slides: tuple[CarouselSlide, ...]) -> PinCarousel:
        first = slides[0]
        return cls(first.url, first.width, first.height, slides)


@dataclass(slots=True)
class PinVideo:
    media_id: str
    cover_image_url: str
    video_url: str | None = None
    duration: float | None = None
    width: int | None = None
    height: int | None = None


@dataclass(slots=True)
class Pin:
    id: str
    owner_id: str
    board_id: str
    media: PinImage | PinVideo
    section_id: str | None = None
    title: str | None = None
    description: str | None = None
    link: str | None = None
    alt_text: str | None = None
    dominant_color: str | None = None
    parent_pin_id: str | None = None
    created_at: dt.datetime = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    # The creator's AI disclosures (API 5.28.0: ``AI_MODIFIED``, ``SYNTHETIC_PERFORMER``); None: never stated.
    ai_disclosures: tuple[str, ...] | None = None


@dataclass(slots=True)
class Media:
    """A media upload (video) and where it is in Pinterest's processing pipeline."""

    id: str
    owner_id: str
    media_type: str = "video"
    status: str = "registered"  # registered -> processing -> succeeded | failed
    upload_key: str = ""
    size: int = 0
    polls: int = 0
    created_at: dt.datetime = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


ADS_EPOCH = 1577836800  # 2020-01-01, the default ads timestamp (epoch seconds)


@dataclass(slots=True, kw_only=True)
class AdsObject:
    """What every ads object has: timestamps and the fields passed through as they are."""

    created_time: int = ADS_EPOCH
    updated_time: int = ADS_EPOCH
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class AdAccount(AdsObject):
    id: str
    owner_id: str
    name: str
    country: str = "US"
    currency: str = "USD"
    report_outcome: str | None = None  # how its async reports end; None: ``Settings.report_outcome``


@dataclass(slots=True)
class Campaign(AdsObject):
    id: str
    ad_account_id: str
    name: str
    status: str = "ACTIVE"
    objective_type: str = "AWARENESS"


@dataclass(slots=True)
class AdGroup(AdsObject):
    id: str
    ad_account_id: str
    campaign_id: str
    name: str
    status: str = "ACTIVE"
    billable_event: str = "IMPRESSION"  # what the advertiser pays for (Pinterest requires one)


@dataclass(slots=True)
class Ad(AdsObject):
    id: str
    ad_account_id: str
    campaign_id: str
    ad_group_id: str
    name: str
    pin_id: str = ""  # every ad promotes a Pin
    status: str = "ACTIVE"
    creative_type: str = "REGULAR"


@dataclass(frozen=True, slots=True)
class MetricFilter:
    """A report row filter, e.g. SPEND_IN_DOLLAR GREATER_THAN 1."""

    field: str
    operator: str
    value: float


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What an async delivery report asked for, the same for v5 and ads v4 once validated."""

    start: dt.date
    end: dt.date
    columns: tuple[str, ...]
    level: str
    granularity: str
    report_format: str  # CSV | JSON
    filters: tuple[MetricFilter, ...] = ()
    entity_fields: tuple[str, ...] = ()
    entity_ids: tuple[tuple[str, tuple[str, ...]], ...] = ()  # ("campaign_ids", (...)), ...


@dataclass(slots=True)
class Report:
    """An async report and where it is: IN_PROGRESS for a few polls, then its outcome."""

    token: str
    ad_account_id: str
    owner_id: str
    request: ReportRequest
    outcome: str  # FINISHED | FAILED | CANCELLED
    requested_on: dt.date  # "today" for the report's numbers, however late it is downloaded
    status: str = "IN_PROGRESS"
    polls: int = 0
    finished_at: float | None = None  # clock time; the download URL expires an hour later


@dataclass(slots=True)
class Resource:
    """An object of a v5 resource family the emulator serves from the description (``described.families``).

    ``family`` is the collection path (``/ad_accounts/{ad_account_id}/audiences``),
    ``parents`` its path parameters (``{"ad_account_id": "..."}``), ``fields`` the object's
    JSON as created and updated (rendered through the description's schema on the way out).
    """

    id: str
    family: str
    owner_id: str
    parents: dict[str, str] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    polls: int = 0  # async jobs: how often it has been read back
