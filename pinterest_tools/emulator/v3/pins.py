"""v3 pins: get, create (PUT, form fields) and the partner save (POST, JSON).

Creation takes v3's fields: ``board_id`` and optional ``section``, an image by ``image_url`` or
``image_base64``, or a video by ``media_upload_id`` (a processed upload of the caller's;
``image_url`` then gives its cover, as the quickstart sends both), ``source_url`` for the
link, and ``title`` (100), ``description`` (500) and ``alt_text`` (500), v3's limits.
``carousel_data_json`` must be JSON if sent; the emulator keeps no carousels.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from pinterest_tools.emulator.core.access import own_board, section_of, visible_pin
from pinterest_tools.emulator.core.operation_routes import V3, Call, operation
from pinterest_tools.emulator.data.records import Board, CarouselSlide, Pin, PinCarousel, PinImage, PinVideo
from pinterest_tools.emulator.v3 import answers
from pinterest_tools.emulator.wire import render_v3, request_fields
from pinterest_tools.emulator.wire.errors import invalid

LIMITS = {"title": 100, "description": 500, "alt_text": 500, "source_url": 2048}


def pins_get(call: Call) -> Response:
    pin = visible_pin(call, call.path("pin"))
    return answers.ok(call, render_v3.pin(pin, render_v3.repin_counts(call.state)))


def _target(call: Call, body: dict[str, Any], section_key: str) -> tuple[Board, str | None]:
    board_id = request_fields.numeric_id(body, "board_id")
    if board_id is None:
        raise invalid("board_id: this field is required.")
    board = own_board(call, board_id)
    section_id = request_fields.numeric_id(body, section_key)
    return board, section_of(call, board, section_id).id if section_id else None


def _media(call: Call, pin_id: str, body: dict[str, Any]) -> PinImage | PinVideo:
    image_url = request_fields.text(body, "image_url")
    upload_id = request_fields.numeric_id(body, "media_upload_id")
    if upload_id:
        media = call.state.media.get(upload_id)
        if media is None or media.owner_id != call.user.id:
            raise invalid(f"media_upload_id: no media upload {upload_id}.")
        if media.status != "succeeded":
            raise invalid(f"media_upload_id: media upload {upload_id} is {media.status}, not succeeded.")
        cover = image_url or f"https://images.example.com/covers/{media.id}.jpg"
        return PinVideo(media.id, cover, f"https://videos.example.com/{media.id}.mp4")
    carousel = _carousel(request_fields.text(body, "carousel_data_json"))
    if carousel is not None:
        return carousel
    if image_url:
        return PinImage(image_url)
    if request_fields.text(body, "image_base64"):
        return PinImage(f"https://images.example.com/uploads/{pin_id}.jpg")
    raise invalid("image_url, image_base64 or media_upload_id: one of them is required.")


def _carousel(text: str | None) -> PinCarousel | None:
    """``carousel_data_json``: a JSON ``CarouselData``; its slots with an image make a carousel (2 or more)."""
    if text is None:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise invalid("carousel_data_json: not valid JSON.") from None
    slots = data.get("carousel_slots") if isinstance(data, dict) else None
    if not isinstance(slots, list) or len(slots) < 2:
        raise invalid("carousel_data_json: carousel_slots needs at least 2 slots.")
    slides = []
    for number, slot in enumerate(slots):
        images = slot.get("images") if isinstance(slot, dict) else None
        first = images[0] if isinstance(images, list) and images else None
        if not isinstance(first, dict) or not isinstance(first.get("url"), str) or not first["url"]:
            raise invalid(f"carousel_data_json: carousel_slots[{number}] has no image url.")
        assert isinstance(slot, dict)
        texts = {key: slot.get(key) if isinstance(slot.get(key), str) else None for key in ("title", "details", "link")}
        width, height = first.get("width"), first.get("height")
        slides.append(
            CarouselSlide(
                url=first["url"],
                title=texts["title"] or None,
                description=texts["details"] or None,
                link=texts["link"] or None,
                width=width if isinstance(width, int) and width > 0 else 1000,
                height=height if isinstance(height, int) and height > 0 else 1000,
            )
        )
    return PinCarousel.of(tuple(slides))


def pins_create(call: Call) -> Response:
    body = call.object_body()
    board, section_id = _target(call, body, "section")
    texts = {key: request_fields.text(body, key, max_length=limit) for key, limit in LIMITS.items()}
    pin_id = call.state.new_id()
    pin = Pin(
        id=pin_id,
        owner_id=call.user.id,
        board_id=board.id,
        section_id=section_id,
        media=_media(call, pin_id, body),
        created_at=call.clock.utcnow(),
        title=texts["title"] or None,
        description=texts["description"] or None,
        link=texts["source_url"] or None,
        alt_text=texts["alt_text"] or None,
    )
    call.state.pins[pin.id] = pin
    return answers.ok(call, render_v3.pin(pin, {}))


def pins_save(call: Call) -> Response:
    source = visible_pin(call, call.path("pin"))
    body = call.object_body()
    board, section_id = _target(call, body, "board_section_id")
    description = request_fields.text(body, "description", max_length=LIMITS["description"])
    pin = call.state.save_pin(source, call.user.id, board.id, section_id, call.clock.utcnow(), description)
    return answers.ok(call, render_v3.pin(pin, {}))


ROUTES = [
    operation(V3, "pins_create", pins_create),
    operation(V3, "pins_get", pins_get),
    operation(V3, "pins_save", pins_save),
]
