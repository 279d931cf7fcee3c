"""Read and write the emulator's data-file format (``--data FILE``, ``--dump FILE``).

The format is a JSON object that nests what users own, so a file reads like the account
it describes; ``pinterest_tools.emulator``'s module docstring documents it for users.
Loading validates every field and names the offending place (``users[0].boards[2].name``),
because a data file is hand-written. Ids are optional: missing ones are handed out in
document order after the largest id in the file, so loading is deterministic.
``dump()`` writes the same format with every id and field explicit; ``load(dump(state))``
gives back an equal state.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pinterest_api_v3.operations import SCOPES as V3_SCOPES
from pinterest_api_v5.operations import SCOPES as V5_SCOPES

from pinterest_tools.atomic import atomic_file
from pinterest_tools.emulator.auth.apps import DEMO_APP_ID, DEMO_APP_NAME, DEMO_APP_SECRET
from pinterest_tools.emulator.core.settings import REPORT_OUTCOMES, rate_limit_pairs
from pinterest_tools.emulator.data.records import (
    ADS_EPOCH,
    Ad,
    AdAccount,
    AdGroup,
    AdsObject,
    App,
    Board,
    Campaign,
    CarouselSlide,
    Media,
    Pin,
    PinCarousel,
    PinImage,
    PinVideo,
    Resource,
    Section,
    User,
)
from pinterest_tools.emulator.data.state import State, by_id
from pinterest_tools.emulator.wire.errors import ApiError
from pinterest_tools.emulator.wire.request_fields import ai_disclosures
from pinterest_tools.filekind import NotRegularFileError, open_regular

FORMAT = 1
NUMERIC = re.compile(r"[0-9]+\Z")
_MISSING: Any = object()


class DataFileError(ValueError):
    """The data file does not follow the format; the message names the place."""


class _Fields:
    """One JSON object of the file, read field by field with type checks."""

    def __init__(self, raw: object, where: str, known: frozenset[str] | None) -> None:
        if not isinstance(raw, Mapping):
            raise DataFileError(f"{where}: expected an object")
        self.raw: Mapping[str, Any] = raw
        self.where = where
        if known is not None and (unknown := sorted(set(raw) - known)):
            raise DataFileError(f"{where}: unknown field(s) {', '.join(unknown)}")

    def _get(self, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = self.raw.get(key, _MISSING)
        if value is _MISSING or (value is None and default is None):
            if default is _MISSING:
                raise DataFileError(f"{self.where}.{key}: required")
            return default
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise DataFileError(f"{self.where}.{key}: expected {getattr(kind, '__name__', kind)}")
        return value

    def text(self, key: str, default: Any = _MISSING) -> Any:
        return self._get(key, str, default)

    def integer(self, key: str, default: Any = _MISSING) -> Any:
        return self._get(key, int, default)

    def number(self, key: str, default: Any = _MISSING) -> Any:
        value = self._get(key, (int, float), default)
        return float(value) if value is not None else None

    def flag(self, key: str, default: Any = _MISSING) -> Any:
        return self._get(key, bool, default)

    def ident(self, key: str = "id", default: Any = None) -> Any:
        value = self.text(key, default)
        if value is not None and not NUMERIC.match(value):
            raise DataFileError(f"{self.where}.{key}: ids are numeric strings")
        return value

    def time(self, key: str, default: dt.datetime) -> dt.datetime:
        value = self.text(key, None)
        if value is None:
            return default
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise DataFileError(f"{self.where}.{key}: expected an ISO 8601 date-time") from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)

    def strings(self, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = self._get(key, list, None)
        if value is None:
            return default
        if not all(isinstance(item, str) for item in value):
            raise DataFileError(f"{self.where}.{key}: expected a list of strings")
        return tuple(value)

    def objects(self, key: str, known: frozenset[str] | None) -> Iterator[_Fields]:
        value = self._get(key, list, [])
        for index, item in enumerate(value):
            yield _Fields(item, f"{self.where}.{key}[{index}]", known)

    def extra(self, known: frozenset[str]) -> dict[str, Any]:
        return {key: value for key, value in self.raw.items() if key not in known}


TRIAL, STANDARD = "Trial", "Standard"  # Pinterest's access tiers, as its developer docs name them


def _trial(f: _Fields) -> bool:
    """An app's tier: ``"tier": "Trial" | "Standard"`` (any case), or the older ``"trial": true``."""
    tier = f.text("tier", None)
    if tier is None:
        return bool(f.flag("trial", False))
    if str(tier).lower() not in ("trial", "standard"):
        raise DataFileError(f"{f.where}.tier: {TRIAL} or {STANDARD}, not {tier!r}")
    return str(tier).lower() == "trial"


def _keys(*names: str) -> frozenset[str]:
    return frozenset(names)


APP_KEYS = _keys(
    "id", "secret", "name", "owner", "redirect_uris", "loopback_redirects", "scopes", "v3_scopes", "trial", "tier",
)  # fmt: skip
USER_KEYS = _keys(
    "id", "username", "full_name", "about", "account_type", "website_url", "profile_image", "business_name",
    "follower_count", "following_count", "monthly_views", "created_at", "boards", "media", "ad_accounts",
)  # fmt: skip
BOARD_KEYS = _keys(
    "id", "name", "description", "privacy", "created_at", "archived", "is_ads_only", "follower_count",
    "collaborator_count", "sections", "pins", "category", "creator_only",
)  # fmt: skip
SECTION_KEYS = _keys("id", "name", "created_at", "pins")
PIN_KEYS = _keys(
    "id",
    "title",
    "description",
    "link",
    "alt_text",
    "dominant_color",
    "parent_pin_id",
    "created_at",
    "image",
    "video",
    "carousel",
    "ai_disclosures",
)
IMAGE_KEYS = _keys("url", "width", "height")
SLIDE_KEYS = _keys("url", "width", "height", "title", "description", "link")
VIDEO_KEYS = _keys("media_id", "cover_image_url", "video_url", "duration", "width", "height")
MEDIA_KEYS = _keys("id", "media_type", "status", "created_at")
AD_ACCOUNT_KEYS = _keys(
    "id", "name", "country", "currency", "created_time", "updated_time", "campaigns", "report_outcome"
)  # fmt: skip
CAMPAIGN_KEYS = _keys("id", "name", "status", "objective_type", "created_time", "updated_time", "ad_groups")
AD_GROUP_KEYS = _keys("id", "name", "status", "created_time", "updated_time", "ads")
AD_KEYS = _keys("id", "name", "status", "pin_id", "creative_type", "created_time", "updated_time")
RESOURCE_KEYS = _keys("id", "family", "owner", "parents", "fields", "polls")
MEDIA_STATUSES = ("registered", "processing", "succeeded", "failed")
EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def _explicit_ids(node: object) -> Iterator[str]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key in ("id", "media_id") and isinstance(value, str) and NUMERIC.match(value):
                yield value
            else:
                yield from _explicit_ids(value)
    elif isinstance(node, list):
        for item in node:
            yield from _explicit_ids(item)


class _Loader:
    """Builds a State from a parsed document (one pass, in document order)."""

    def __init__(self, doc: object) -> None:
        self.root = _Fields(doc, "data", _keys("format", "next_id", "rate_limits", "apps", "users", "resources"))
        self.state = State()

    def load(self) -> State:
        version = self.root.integer("format", FORMAT)
        if version != FORMAT:
            raise DataFileError(f"data.format: this emulator reads format {FORMAT}, not {version}")
        self.state.reserve(_explicit_ids(self.root.raw.get("users", [])))
        self.state.reserve(
            _explicit_ids(
                [{"id": r.get("id")} for r in self.root.raw.get("resources", []) or [] if isinstance(r, Mapping)]
            )
        )
        next_id = self.root.integer("next_id", None)
        if next_id is not None:
            self.state.next_id = max(self.state.next_id, next_id)
        limits = self.root.raw.get("rate_limits") or {}
        if not isinstance(limits, Mapping) or not all(isinstance(v, str) for v in limits.values()):
            raise DataFileError('data.rate_limits: expected {"category": "N/WINDOW", ...}, e.g. {"ads_write": "10/s"}')
        try:
            rate_limit_pairs(limits)
        except ValueError as error:
            raise DataFileError(f"data.rate_limits: {error}") from None
        self.state.rate_limits = dict(limits)
        for user in self.root.objects("users", USER_KEYS):
            self._user(user)
        if not self.state.users:
            raise DataFileError("data.users: at least one user is required")
        for app in self.root.objects("apps", APP_KEYS):
            self._app(app)
        for resource in self.root.objects("resources", RESOURCE_KEYS):
            self._resource(resource)
        if DEMO_APP_ID not in self.state.apps:
            owner = self.state.first_user().id
            self.state.apps[DEMO_APP_ID] = App(
                DEMO_APP_ID, DEMO_APP_SECRET, DEMO_APP_NAME, owner, scopes=tuple(V5_SCOPES), v3_scopes=tuple(V3_SCOPES)
            )
        return self.state

    def _id(self, fields: _Fields, taken: Mapping[str, object]) -> str:
        value: str | None = fields.ident()
        if value is None:
            return self.state.new_id()
        if value in taken:
            raise DataFileError(f"{fields.where}.id: {value} is used twice")
        return value

    def _app(self, f: _Fields) -> None:
        app_id = f.ident("id", _MISSING)
        owner = self.state.find_user(f.text("owner", self.state.first_user().id))
        if owner is None:
            raise DataFileError(f"{f.where}.owner: no such user")
        unknown = [s for s in f.strings("scopes", ()) if s not in V5_SCOPES]
        unknown += [s for s in f.strings("v3_scopes", ()) if s not in V3_SCOPES]
        if unknown:
            raise DataFileError(f"{f.where}: unknown scope(s) {', '.join(unknown)}")
        self.state.apps[app_id] = App(
            id=app_id,
            secret=f.text("secret"),
            name=f.text("name", f"App {app_id}"),
            owner_id=owner.id,
            redirect_uris=f.strings("redirect_uris", ()),
            loopback_redirects=f.flag("loopback_redirects", True),
            scopes=f.strings("scopes", tuple(V5_SCOPES)),
            v3_scopes=f.strings("v3_scopes", tuple(V3_SCOPES)),
            trial=_trial(f),
        )

    def _user(self, f: _Fields) -> None:
        user = User(
            id=self._id(f, self.state.users),
            username=f.text("username"),
            full_name=f.text("full_name", ""),
            about=f.text("about", ""),
            account_type=f.text("account_type", "BUSINESS"),
            website_url=f.text("website_url", ""),
            profile_image=f.text("profile_image", ""),
            business_name=f.text("business_name", None),
            follower_count=f.integer("follower_count", 0),
            following_count=f.integer("following_count", 0),
            monthly_views=f.integer("monthly_views", 0),
            created_at=f.time("created_at", EPOCH),
        )
        if self.state.find_user(user.username):
            raise DataFileError(f"{f.where}.username: {user.username} is used twice")
        self.state.users[user.id] = user
        for media in f.objects("media", MEDIA_KEYS):
            self._media(media, user)
        for board in f.objects("boards", BOARD_KEYS):
            self._board(board, user)
        for account in f.objects("ad_accounts", None):
            self._ad_account(account, user)

    def _resource(self, f: _Fields) -> None:
        from pinterest_tools.emulator.described.families import (  # reads the schema table: only with resources
            KEPT_ONLY,
            collections,
        )

        family = f.text("family")
        if family not in collections() | KEPT_ONLY:
            raise DataFileError(f"{f.where}.family: {family!r} is not a family the emulator stores")
        owner = self.state.find_user(f.text("owner", self.state.first_user().id))
        if owner is None:
            raise DataFileError(f"{f.where}.owner: no such user")
        parents = _Fields(f.raw.get("parents", {}), f"{f.where}.parents", None)
        wanted = set(re.findall(r"\{(\w+)\}", family))
        if set(parents.raw) != wanted or not all(isinstance(v, str) for v in parents.raw.values()):
            raise DataFileError(f"{f.where}.parents: the ids of {', '.join(sorted(wanted)) or 'nothing'}")
        fields = _Fields(f.raw.get("fields", {}), f"{f.where}.fields", None)
        resource_id = self._id(f, self.state.resources)
        resource = Resource(resource_id, family, owner.id, dict(parents.raw), dict(fields.raw) | {"id": resource_id})
        resource.polls = f.integer("polls", 0)
        self.state.resources[resource.id] = resource

    def _media(self, f: _Fields, owner: User) -> None:
        status = f.text("status", "succeeded")
        if status not in MEDIA_STATUSES:
            raise DataFileError(f"{f.where}.status: one of {', '.join(MEDIA_STATUSES)}")
        media = Media(
            id=self._id(f, self.state.media),
            owner_id=owner.id,
            media_type=f.text("media_type", "video"),
            status=status,
            created_at=f.time("created_at", EPOCH),
        )
        self.state.media[media.id] = media

    def _board(self, f: _Fields, owner: User) -> None:
        board = Board(
            id=self._id(f, self.state.boards),
            owner_id=owner.id,
            name=f.text("name"),
            description=f.text("description", ""),
            privacy=f.text("privacy", "PUBLIC"),
            created_at=f.time("created_at", EPOCH),
            archived=f.flag("archived", False),
            is_ads_only=f.flag("is_ads_only", False),
            follower_count=f.integer("follower_count", 0),
            collaborator_count=f.integer("collaborator_count", 0),
            category=f.text("category", None),
            creator_only=f.flag("creator_only", False),
        )
        if board.privacy not in ("PUBLIC", "PROTECTED", "SECRET"):
            raise DataFileError(f"{f.where}.privacy: one of PUBLIC, PROTECTED, SECRET")
        self.state.boards[board.id] = board
        for pin in f.objects("pins", PIN_KEYS):
            self._pin(pin, board, None)
        for s in f.objects("sections", SECTION_KEYS):
            section = Section(self._id(s, self.state.sections), board.id, s.text("name"), s.time("created_at", EPOCH))
            self.state.sections[section.id] = section
            for pin in s.objects("pins", PIN_KEYS):
                self._pin(pin, board, section)

    def _carousel(self, f: _Fields) -> PinCarousel:
        raw = f.raw["carousel"]
        if not isinstance(raw, list) or not 2 <= len(raw) <= 5:
            raise DataFileError(f"{f.where}.carousel: a list of 2 to 5 images")
        slides = []
        for number, item in enumerate(raw):
            slide = _Fields(item, f"{f.where}.carousel[{number}]", SLIDE_KEYS)
            slides.append(
                CarouselSlide(
                    url=slide.text("url"),
                    title=slide.text("title", None),
                    description=slide.text("description", None),
                    link=slide.text("link", None),
                    width=slide.integer("width", 1000),
                    height=slide.integer("height", 1000),
                )
            )
        return PinCarousel.of(tuple(slides))

    def _pin(self, f: _Fields, board: Board, section: Section | None) -> None:
        pin_id = self._id(f, self.state.pins)
        media: PinImage | PinVideo
        if sum(key in f.raw for key in ("image", "video", "carousel")) != 1:
            raise DataFileError(f"{f.where}: a pin has exactly one of image, video, carousel")
        if "carousel" in f.raw:
            media = self._carousel(f)
        elif "image" in f.raw:
            image = _Fields(f.raw["image"], f"{f.where}.image", IMAGE_KEYS)
            media = PinImage(image.text("url"), image.integer("width", 1000), image.integer("height", 1000))
        else:
            video = _Fields(f.raw["video"], f"{f.where}.video", VIDEO_KEYS)
            media_id = video.ident("media_id") or self.state.new_id()
            if media_id not in self.state.media:
                self.state.media[media_id] = Media(media_id, board.owner_id, status="succeeded")
            media = PinVideo(
                media_id=media_id,
                cover_image_url=video.text("cover_image_url"),
                video_url=video.text("video_url", None),
                duration=video.number("duration", None),
                width=video.integer("width", None),
                height=video.integer("height", None),
            )
        self.state.pins[pin_id] = Pin(
            id=pin_id,
            owner_id=board.owner_id,
            board_id=board.id,
            section_id=section.id if section else None,
            media=media,
            title=f.text("title", None),
            description=f.text("description", None),
            link=f.text("link", None),
            alt_text=f.text("alt_text", None),
            dominant_color=f.text("dominant_color", None),
            parent_pin_id=f.ident("parent_pin_id"),
            created_at=f.time("created_at", EPOCH),
            ai_disclosures=self._ai_disclosures(f),
        )

    @staticmethod
    def _ai_disclosures(f: _Fields) -> tuple[str, ...] | None:
        """``ai_disclosures`` as the API takes it (``{"values": [...]}``), checked by the same rule."""
        try:
            return ai_disclosures(f.raw)
        except ApiError as refused:
            raise DataFileError(f"{f.where}: {refused.message}") from None

    @staticmethod
    def _ads_common(f: _Fields, known: frozenset[str]) -> dict[str, Any]:
        return {
            "created_time": f.integer("created_time", ADS_EPOCH),
            "updated_time": f.integer("updated_time", ADS_EPOCH),
            "extra": f.extra(known),
        }

    def _ad_account(self, f: _Fields, owner: User) -> None:
        account = AdAccount(
            id=self._id(f, self.state.ad_accounts),
            owner_id=owner.id,
            name=f.text("name"),
            country=f.text("country", "US"),
            currency=f.text("currency", "USD"),
            report_outcome=f.text("report_outcome", None),
            **self._ads_common(f, AD_ACCOUNT_KEYS),
        )
        if account.report_outcome not in (None, *REPORT_OUTCOMES):
            raise DataFileError(f"{f.where}.report_outcome: one of {', '.join(REPORT_OUTCOMES)}")
        self.state.ad_accounts[account.id] = account
        for c in f.objects("campaigns", None):
            campaign = Campaign(
                id=self._id(c, self.state.campaigns),
                ad_account_id=account.id,
                name=c.text("name"),
                status=c.text("status", "ACTIVE"),
                objective_type=c.text("objective_type", "AWARENESS"),
                **self._ads_common(c, CAMPAIGN_KEYS),
            )
            self.state.campaigns[campaign.id] = campaign
            for g in c.objects("ad_groups", None):
                self._ad_group(g, campaign)

    def _ad_group(self, g: _Fields, campaign: Campaign) -> None:
        group = AdGroup(
            id=self._id(g, self.state.ad_groups),
            ad_account_id=campaign.ad_account_id,
            campaign_id=campaign.id,
            name=g.text("name"),
            status=g.text("status", "ACTIVE"),
            **self._ads_common(g, AD_GROUP_KEYS),
        )
        self.state.ad_groups[group.id] = group
        for a in g.objects("ads", None):
            ad = Ad(
                id=self._id(a, self.state.ads),
                ad_account_id=group.ad_account_id,
                campaign_id=group.campaign_id,
                ad_group_id=group.id,
                name=a.text("name"),
                pin_id=a.ident("pin_id") or self._promoted_pin(a, group.ad_account_id),
                status=a.text("status", "ACTIVE"),
                creative_type=a.text("creative_type", "REGULAR"),
                **self._ads_common(a, AD_KEYS),
            )
            self.state.ads[ad.id] = ad

    def _promoted_pin(self, a: _Fields, ad_account_id: str) -> str:
        """The Pin an ad without ``pin_id`` promotes: its ad account owner's first (every ad has one)."""
        owner = self.state.ad_accounts[ad_account_id].owner_id
        owned = sorted((pin.id for pin in self.state.pins.values() if pin.owner_id == owner), key=int)
        if not owned:
            raise DataFileError(
                f"{a.where}.pin_id: every ad promotes a Pin: give pin_id, or its ad account's owner a pin"
            )
        return owned[0]


def load(doc: object) -> State:
    """A fresh State from a parsed data document."""
    return _Loader(doc).load()


def load_path(path: str | Path) -> State:
    """The state of a data file; DataFileError (one line naming the file) for any content it cannot
    serve, OSError when the file cannot be read."""
    try:
        # Through filekind: a FIFO would hang the emulator's start, /dev/zero fill its memory.
        with open_regular(Path(path), "rb") as handle:
            text = handle.read().decode("utf-8")
    except NotRegularFileError as exc:
        raise DataFileError(f"{path}: {exc.reason}") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: not UTF-8 (byte {exc.start})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}: not JSON ({exc})") from None
    except RecursionError:
        raise DataFileError(f"{path}: nested too deeply to be a data file") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise DataFileError(f"{path}: not a usable JSON document ({exc})") from None
    try:
        return load(doc)
    except DataFileError as exc:
        raise DataFileError(f"{path}: {exc}") from None


# ------------------------------------------------------------------------ dump
def _time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _pin(pin: Pin) -> dict[str, Any]:
    out: dict[str, Any] = {"id": pin.id}
    for key in ("title", "description", "link", "alt_text", "dominant_color", "parent_pin_id"):
        if (value := getattr(pin, key)) is not None:
            out[key] = value
    out["created_at"] = _time(pin.created_at)
    if pin.ai_disclosures is not None:
        out["ai_disclosures"] = {"values": list(pin.ai_disclosures)}
    if isinstance(pin.media, PinCarousel):
        out["carousel"] = [_slide(slide) for slide in pin.media.slides]
    elif isinstance(pin.media, PinImage):
        out["image"] = {"url": pin.media.url, "width": pin.media.width, "height": pin.media.height}
    else:
        video = {"media_id": pin.media.media_id, "cover_image_url": pin.media.cover_image_url}
        for key in ("video_url", "duration", "width", "height"):
            if (value := getattr(pin.media, key)) is not None:
                video[key] = value
        out["video"] = video
    return out


def _slide(slide: CarouselSlide) -> dict[str, Any]:
    out: dict[str, Any] = {"url": slide.url, "width": slide.width, "height": slide.height}
    return out | {key: value for key in ("title", "description", "link") if (value := getattr(slide, key)) is not None}


def _board(state: State, board: Board) -> dict[str, Any]:
    loose = [pin for pin in state.pins_on_board(board.id) if pin.section_id is None]
    return {
        "id": board.id,
        "name": board.name,
        "description": board.description,
        "privacy": board.privacy,
        "created_at": _time(board.created_at),
        "archived": board.archived,
        "is_ads_only": board.is_ads_only,
        "follower_count": board.follower_count,
        "collaborator_count": board.collaborator_count,
        **({"category": board.category} if board.category else {}),
        **({"creator_only": True} if board.creator_only else {}),
        "pins": [_pin(pin) for pin in loose],
        "sections": [
            {
                "id": section.id,
                "name": section.name,
                "created_at": _time(section.created_at),
                "pins": [_pin(pin) for pin in state.pins_in_section(section.id)],
            }
            for section in state.sections_of(board.id)
        ],
    }


def _ads(state: State, account: AdAccount) -> dict[str, Any]:
    def times(record: AdsObject) -> dict[str, Any]:
        return {"created_time": record.created_time, "updated_time": record.updated_time, **record.extra}

    def ads(group: AdGroup) -> list[dict[str, Any]]:
        found = [ad for ad in state.ads_of(account.id) if ad.ad_group_id == group.id]
        return [
            {"id": ad.id, "name": ad.name, "status": ad.status, "creative_type": ad.creative_type}
            | {"pin_id": ad.pin_id}
            | times(ad)
            for ad in found
        ]

    def groups(campaign: Campaign) -> list[dict[str, Any]]:
        found = [g for g in state.ad_groups_of(account.id) if g.campaign_id == campaign.id]
        return [{"id": g.id, "name": g.name, "status": g.status} | times(g) | {"ads": ads(g)} for g in found]

    outcome = {"report_outcome": account.report_outcome} if account.report_outcome else {}
    return (
        {"id": account.id, "name": account.name, "country": account.country, "currency": account.currency}
        | outcome
        | times(account)
        | {
            "campaigns": [
                {"id": c.id, "name": c.name, "status": c.status, "objective_type": c.objective_type}
                | times(c)
                | {"ad_groups": groups(c)}
                for c in state.campaigns_of(account.id)
            ]
        }
    )


def _media(state: State, user: User) -> list[dict[str, Any]]:
    return [
        {"id": m.id, "media_type": m.media_type, "status": m.status, "created_at": _time(m.created_at)}
        for m in by_id(state.media.values())
        if m.owner_id == user.id
    ]


def dump(state: State) -> dict[str, Any]:
    """The state as a data document (every id explicit), ready for ``json.dump``."""
    with state.lock:
        return {
            "format": FORMAT,
            "next_id": state.next_id,
            **({"rate_limits": dict(state.rate_limits)} if state.rate_limits else {}),
            "apps": [
                {
                    "id": app.id,
                    "secret": app.secret,
                    "name": app.name,
                    "owner": app.owner_id,
                    "redirect_uris": list(app.redirect_uris),
                    "loopback_redirects": app.loopback_redirects,
                    "scopes": list(app.scopes),
                    "v3_scopes": list(app.v3_scopes),
                    "tier": TRIAL if app.trial else STANDARD,
                }
                for app in sorted(state.apps.values(), key=lambda app: app.id)
            ],
            "users": [
                {
                    "id": user.id,
                    "username": user.username,
                    "full_name": user.full_name,
                    "about": user.about,
                    "account_type": user.account_type,
                    "website_url": user.website_url,
                    "profile_image": user.profile_image,
                    "business_name": user.business_name,
                    "follower_count": user.follower_count,
                    "following_count": user.following_count,
                    "monthly_views": user.monthly_views,
                    "created_at": _time(user.created_at),
                    "media": _media(state, user),
                    "boards": [_board(state, board) for board in state.boards_of(user.id)],
                    "ad_accounts": [_ads(state, account) for account in state.ad_accounts_of(user.id)],
                }
                for user in state.users.values()  # in file order: the first user is the default one
            ],
            "resources": [
                {
                    "id": r.id,
                    "family": r.family,
                    "owner": r.owner_id,
                    "parents": dict(r.parents),
                    "fields": dict(r.fields),
                    "polls": r.polls,
                }
                for r in by_id(state.resources.values())
            ],
        }


def write_path(state: State, path: Path) -> None:
    """Write the state to ``path`` atomically: a temporary file beside it, fsync'd, renamed over it.

    A write that fails (a full disk, no permission) leaves the previous file whole and
    raises ``PinterestError`` saying why in one line.
    """
    text = json.dumps(dump(state), indent=2, ensure_ascii=False) + "\n"
    with atomic_file(path) as stream:
        stream.write(text.encode("utf-8"))
