"""A new pin's request body from an existing pin, per API version (copy_pin and copy_board share it).

v5 (``POST /v5/pins``, JSON): ``board_id``, ``media_source`` (``image_url`` with the largest
image of the source; ``multiple_image_urls`` with each slide's largest image and texts for a
carousel, ``media.media_type`` ``multiple_images``; or ``video_id`` with a media id and that
image, a carousel's first, as the cover),
``board_section_id`` and the source's ``link``, ``title``, ``description``, ``alt_text`` when
set. v3 (``PUT /v3/pins/``, form): ``board_id``, ``image_url`` (the source's largest image),
``media_upload_id``, ``section``, ``source_url`` (the link), ``carousel_data_json`` (a
carousel's slides, as v3 returns them in ``carousel_data``) and the texts. Pins the create
operation has no source for (several videos, or a carousel of more images than it takes)
raise :class:`NotCopyableError` with a sentence that says why. Texts longer than Pinterest
accepts are cut with upstream's warning
(``Warning: Truncating Pin <key> to <n> characters.``); a link that long is left out
instead, with a warning, because a cut URL points nowhere (upstream cut it too).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from pinterest_tools.errors import PinterestError

log = logging.getLogger(__name__)

Json = dict[str, Any]
LIMITS = {"link": 2048, "title": 100, "description": 800, "alt_text": 500}  # Pinterest's PinCreate maxLength
CAROUSEL_ITEMS = (2, 5)  # PinMediaSourceImagesURL.items: minItems 2, maxItems 5
# media types v5 pins have that POST /v5/pins has no media source for (PinMediaSource lists image,
# images, video_id and pin_url sources only).
NO_SOURCE = {"multiple_videos": "several videos", "multiple_mixed": "a mix of images and videos"}
V3_LIMITS = LIMITS | {"description": 500}  # PUT /v3/pins/ (api-v3.md 3.7)


class NotCopyableError(PinterestError):
    """A pin that cannot be recreated: not a plain pin (a story, an ad), or without an image."""


def check_copyable(pin: Json) -> None:
    """Upstream copied only items whose ``type`` (v3) is absent or ``pin``."""
    kind = pin.get("type")
    if kind and kind != "pin":
        raise NotCopyableError(f"pin {pin.get('id')} has type {kind!r}, not 'pin'")


def largest_image_url(pin: Json, version: int) -> str | None:
    """The URL of the source's largest image (v5: of ``media.images``; v3: of its ``image_*_url`` fields)."""
    if version == 3:
        sizes = ("large", "medium", "square")
        found = [(pin.get(f"image_{s}_size_pixels") or {}, pin.get(f"image_{s}_url")) for s in sizes]
        found = [(dims, url) for dims, url in found if url]
        if not found:
            return None
        best = max(found, key=lambda item: (item[0].get("width") or 0) * (item[0].get("height") or 0))
        return str(best[1])
    media = pin.get("media") or {}
    largest = _largest(media.get("images"))
    if largest is None and _slides(pin):
        largest = _largest(_slides(pin)[0].get("images"))  # a carousel: its first image
    if largest is not None:
        return largest
    cover = media.get("cover_image_url")
    return str(cover) if cover else None


def _largest(sizes: Any) -> str | None:
    """The URL of the largest of v5's ``ImageSize`` (``{"150x150": {url, width, height}, ...}``)."""
    found = [image for image in (sizes or {}).values() if isinstance(image, dict) and image.get("url")]
    if not found:
        return None
    return str(max(found, key=lambda image: (image.get("width") or 0) * (image.get("height") or 0))["url"])


def _slides(pin: Json) -> list[Json]:
    """A v5 carousel's items (``media.items`` of ``media_type`` ``multiple_images``), else []."""
    media = pin.get("media") or {}
    if media.get("media_type") != "multiple_images":
        return []
    return [item for item in media.get("items") or [] if isinstance(item, dict)]


def carousel_source(pin: Json) -> Json:
    """``multiple_image_urls`` from a carousel's items: each one's largest image and its texts."""
    slides = _slides(pin)
    low, high = CAROUSEL_ITEMS
    if not low <= len(slides) <= high:
        raise NotCopyableError(
            f"pin {pin.get('id')} is a carousel of {len(slides)} images, and Pinterest creates carousels"
            f" of {low} to {high} images only"
        )
    items = []
    for number, slide in enumerate(slides, 1):
        url = _largest(slide.get("images"))
        if url is None:
            raise NotCopyableError(f"pin {pin.get('id')} is a carousel whose image {number} has no URL to copy")
        texts = {key: slide[key] for key in ("title", "description", "link") if isinstance(slide.get(key), str)}
        items.append({"url": url} | {key: value for key, value in texts.items() if value})
    return {"source_type": "multiple_image_urls", "items": items}


def _texts(pin: Json, version: int) -> Json:
    """The source's texts under their v5 names, cut to Pinterest's limits."""
    texts: Json = {}
    for key in ("link", "title", "description", "alt_text"):
        value = pin.get(key)
        if not value:
            continue
        value = str(value)
        limit = (V3_LIMITS if version == 3 else LIMITS)[key]
        if len(value) > limit:
            if key == "link":
                log.warning("Warning: Pin link is longer than %d characters; leaving it out.", limit)
                continue
            log.warning("Warning: Truncating Pin %s to %d characters.", key, limit)
            value = value[:limit]
        texts[key] = value
    return texts


def pin_body(
    pin: Json, version: int, board_id: str, section_id: str | None = None, media_id: str | None = None
) -> Json:
    """The create request for a copy of ``pin`` on ``board_id`` (and ``section_id``), a video pin with ``media_id``."""
    check_copyable(pin)
    media_type = (pin.get("media") or {}).get("media_type") if version == 5 else None
    if media_type in NO_SOURCE:
        raise NotCopyableError(
            f"pin {pin.get('id')} holds {NO_SOURCE[media_type]}, which Pinterest's pin create cannot make"
        )
    image = largest_image_url(pin, version)
    if image is None and (media_id is None or version == 3):
        raise NotCopyableError(f"pin {pin.get('id')} has no image to copy")
    texts = _texts(pin, version)
    if version == 3:
        body: Json = {"board_id": board_id, "image_url": image}
        if media_id:
            body["media_upload_id"] = media_id
        if section_id:
            body["section"] = section_id
        if "link" in texts:
            body["source_url"] = texts.pop("link")
        if pin.get("carousel_data"):
            body["carousel_data_json"] = json.dumps(pin["carousel_data"], separators=(",", ":"))
        return body | texts
    if media_id:
        source: Json = {"source_type": "video_id", "media_id": media_id}
        if image:
            source["cover_image_url"] = image
    elif media_type == "multiple_images":
        source = carousel_source(pin)
    else:
        source = {"source_type": "image_url", "url": image}
    body = {"board_id": board_id, "media_source": source}
    if section_id:
        body["board_section_id"] = section_id
    return body | texts


def same_content(created: Json, body: Json) -> bool:
    """Whether ``created`` (a pin as the API lists it) carries the texts ``body`` asked for."""
    return all((created.get(key) or "") == (body.get(key) or "") for key in ("title", "description"))
