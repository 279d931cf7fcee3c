"""v5 pins: get, list the user's pins, create (image or video), save, delete."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from typing import Any

from pinterest_api_v5.models.creative_type import CreativeType
from pinterest_api_v5.models.pins_list_pin_filter import PinsListPinFilter
from pinterest_api_v5.models.pins_list_response import PinsListResponse
from starlette.responses import Response

from pinterest_tools.emulator.core.access import own_board, section_of, visible_pin
from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.data.records import Board, CarouselSlide, Pin, PinCarousel, PinImage, PinVideo
from pinterest_tools.emulator.wire import render_v5, request_fields
from pinterest_tools.emulator.wire.errors import forbidden, invalid
from pinterest_tools.emulator.wire.model_responses import Model, model_response, no_content, page_response
from pinterest_tools.emulator.wire.paging import paginate

CAROUSEL_ITEMS = (2, 5)  # PinMediaSourceImagesURL.items: minItems 2, maxItems 5


def pins_page(call: Call, pins: list[Pin], listing: str, page_model: Callable[..., Model]) -> Response:
    """One page of ``pins`` as the caller sees them (every pin list pages the same way)."""
    page = paginate(pins, call.query, listing=listing, key=lambda pin: int(pin.id))
    return page_response(
        page_model, [render_v5.pin(call.state, pin, call.user.id) for pin in page.items], page.bookmark
    )


def pins_get(call: Call) -> Response:
    return model_response(render_v5.pin(call.state, visible_pin(call, call.path("pin_id")), call.user.id))


def pins_list(call: Call) -> Response:
    pins = call.state.pins_of(call.user.id)
    pin_filter = call.query.get("pin_filter")
    if pin_filter is not None:
        request_fields.choice(call.query, "pin_filter", [member.value for member in PinsListPinFilter], "")
        if pin_filter == "exclude_repins":
            pins = [pin for pin in pins if pin.parent_pin_id is None]
        elif pin_filter == "has_been_promoted":
            promoted = {ad.pin_id for ad in call.state.ads.values()}
            pins = [pin for pin in pins if pin.id in promoted]
    requested = call.query_list("creative_types")  # repeated or comma-joined
    types = request_fields.choices(requested, "creative_types", [member.value for member in CreativeType])
    if types:
        pins = [pin for pin in pins if render_v5.creative_type(pin.media).value in types]
    domains = _domains(call)
    if domains:
        pins = [pin for pin in pins if _link_domain(pin.link) in domains]
    # Product tag objects: the emulator's pins carry none, so asking for them changes no answer.
    request_fields.flag(call.query, "include_product_tag_obj")
    listing = f"pins:{call.user.id}:{pin_filter}:{','.join(sorted(types))}:{','.join(sorted(domains))}"
    return pins_page(call, pins, listing, PinsListResponse)


MAX_DOMAINS = 100  # ``domains``: 1 to 100 (API 5.28.0)


def _domains(call: Call) -> set[str]:
    """``domain`` and ``domains`` (API 5.28.0): the link domains to keep, lower case; empty: all."""
    found = [value for raw in call.request.query_params.getlist("domains") for value in raw.split(",") if value]
    if len(found) > MAX_DOMAINS:
        raise invalid(f"domains: at most {MAX_DOMAINS} domains, not {len(found)}.")
    single = call.query.get("domain")
    if single is not None:
        if not single:
            raise invalid("domain: expected a domain, like example.com.")
        found.append(single)
    return {domain.lower().removeprefix("www.") for domain in found}


def _link_domain(link: str | None) -> str | None:
    """The host of a pin's link, lower case, without ``www.``: what the domain filters compare."""
    if not link:
        return None
    host = urllib.parse.urlsplit(link).hostname
    return host.removeprefix("www.") if host else None


def _target(call: Call, body: dict[str, Any]) -> tuple[Board, str | None]:
    """The board (and section) a new pin goes to: the caller's own."""
    board_id = request_fields.numeric_id(body, "board_id")
    if board_id is None:
        raise invalid("board_id: this field is required.")
    board = own_board(call, board_id)
    section_id = request_fields.numeric_id(body, "board_section_id")
    return board, section_of(call, board, section_id).id if section_id else None


def _media(call: Call, pin_id: str, source: object) -> PinImage | PinVideo:
    if not isinstance(source, dict):
        raise invalid("media_source: this field is required.")
    source_type = source.get("source_type")
    if source_type == "image_url":
        return PinImage(request_fields.required_text(source, "url", min_length=1))
    if source_type == "image_base64":
        request_fields.required_text(source, "data", min_length=1)
        request_fields.required_text(source, "content_type")
        return PinImage(f"https://images.example.com/uploads/{pin_id}.jpg")
    if source_type == "multiple_image_urls":
        return _carousel(source)
    if source_type == "video_id":
        media_id = request_fields.numeric_id(source, "media_id")
        media = call.state.media.get(media_id or "")
        if media is None or media.owner_id != call.user.id:
            raise invalid(f"media_source.media_id: no media upload {media_id}.")
        if media.status != "succeeded":
            raise invalid(f"media_source.media_id: media upload {media.id} is {media.status}, not succeeded.")
        cover = request_fields.text(source, "cover_image_url") or f"https://images.example.com/covers/{media.id}.jpg"
        return PinVideo(media.id, cover, f"https://videos.example.com/{media.id}.mp4")
    raise invalid(f"media_source.source_type: {source_type!r} is not supported by the emulator.")


def _carousel(source: dict[str, Any]) -> PinCarousel:
    """``multiple_image_urls``: 2 to 5 items, each with a ``url`` and optional texts; ``index`` at least 0."""
    items = source.get("items")
    low, high = CAROUSEL_ITEMS
    if not isinstance(items, list) or not low <= len(items) <= high:
        raise invalid(f"media_source.items: between {low} and {high} images.")
    index = source.get("index")
    if index is not None and (not isinstance(index, int) or isinstance(index, bool) or index < 0):
        raise invalid("media_source.index: a whole number, at least 0.")
    slides = []
    for number, item in enumerate(items):
        if not isinstance(item, dict):
            raise invalid(f"media_source.items[{number}]: expected an object with a url.")
        slides.append(
            CarouselSlide(
                url=request_fields.required_text(item, "url", min_length=1),
                title=request_fields.text(item, "title"),
                description=request_fields.text(item, "description"),
                link=request_fields.text(item, "link"),
            )
        )
    return PinCarousel.of(tuple(slides))


def pins_create(call: Call) -> Response:
    body = call.object_body()
    board, section_id = _target(call, body)
    texts = {key: request_fields.text(body, key, max_length=limit) for key, limit in render_v5.PIN_LIMITS.items()}
    pin_id = call.state.new_id()
    pin = Pin(
        id=pin_id,
        owner_id=call.user.id,
        board_id=board.id,
        section_id=section_id,
        media=_media(call, pin_id, body.get("media_source")),
        dominant_color=request_fields.text(body, "dominant_color"),
        parent_pin_id=request_fields.numeric_id(body, "parent_pin_id"),
        created_at=call.clock.utcnow(),
        title=texts["title"],
        description=texts["description"],
        link=texts["link"],
        alt_text=texts["alt_text"],
        ai_disclosures=request_fields.ai_disclosures(body),
    )
    call.state.pins[pin.id] = pin
    return model_response(render_v5.pin(call.state, pin, call.user.id), 201)


def pins_save(call: Call) -> Response:
    source = visible_pin(call, call.path("pin_id"))
    board, section_id = _target(call, call.object_body())
    pin = call.state.save_pin(source, call.user.id, board.id, section_id, call.clock.utcnow())
    return model_response(render_v5.pin(call.state, pin, call.user.id), 201)


def pins_delete(call: Call) -> Response:
    pin = visible_pin(call, call.path("pin_id"))
    if pin.owner_id != call.user.id:
        raise forbidden("Not authorized to delete this pin.")
    call.state.delete_pin(pin.id)
    return no_content()


ROUTES = [
    operation(V5, "pins_list", pins_list),
    operation(V5, "pins_create", pins_create),
    operation(V5, "pins_get", pins_get),
    operation(V5, "pins_save", pins_save),
    operation(V5, "pins_delete", pins_delete),
]
