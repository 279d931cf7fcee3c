"""Pins from the user's own files, and a pin's image for the agent to see.

An agent names a file; the server reads it only from the one folder the user gave with
``--upload-dir``: the name is resolved (links followed) and must stay inside that folder, be a
regular file, and be what its first bytes say it is (JPEG, PNG, GIF or WebP for an image;
MP4 or QuickTime for a video) within Pinterest's size limits. Anything else is refused
before a byte is read past the check or sent.

``get_pin_image`` fetches the image Pinterest answers for a pin (only ``https``, or ``http``
on a loopback address for the emulator), at most :data:`MAX_PIN_IMAGE_BYTES`, and gives it to
the agent as an MCP image block.
"""

from __future__ import annotations

import base64
import ipaddress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pinterest_tools.errors import UsageError

MAX_IMAGE_BYTES = 20 * 1024 * 1024  # Pinterest's image limit
MAX_VIDEO_BYTES = 2 * 1024 * 1024 * 1024  # Pinterest's video limit
MAX_PIN_IMAGE_BYTES = 2 * 1024 * 1024  # what get_pin_image hands an agent at most
CAROUSEL_IMAGES = (2, 5)


def _image_type(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _video_type(head: bytes) -> str | None:
    if head[4:8] != b"ftyp":
        return None
    return "video/quicktime" if head[8:10] == b"qt" else "video/mp4"


def allowed_file(upload_dir: Path | None, name: str, what: str) -> Path:
    """The file ``name`` under ``upload_dir``; UsageError when there is no folder or it is not inside it."""
    if upload_dir is None:
        raise UsageError(
            "this server reads no local files", hint="the user can restart the server with --upload-dir DIR"
        )
    if not name or "\x00" in name or len(name) > 1024:
        raise UsageError(f"{what}: not a file name")
    root = upload_dir.resolve()
    try:
        path = (root / name).resolve(strict=True)
    except (OSError, RuntimeError):
        raise UsageError(f"{what}: no file {name!r} in the upload folder") from None
    if not path.is_relative_to(root):
        raise UsageError(f"{what}: {name!r} is outside the upload folder", hint="only files under --upload-dir")
    if not path.is_file():
        raise UsageError(f"{what}: {name!r} is not a regular file")
    return path


def read_image(upload_dir: Path | None, name: str, what: str = "path") -> tuple[str, bytes]:
    """``(content type, bytes)`` of an image file in the upload folder, checked by its content and size."""
    path = allowed_file(upload_dir, name, what)
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise UsageError(f"{what}: {name!r} is {size} bytes; Pinterest takes images up to {MAX_IMAGE_BYTES}")
    data = path.read_bytes()
    kind = _image_type(data[:16])
    if kind is None:
        raise UsageError(f"{what}: {name!r} is not a JPEG, PNG, GIF or WebP image (by its content)")
    return kind, data


def video_file(upload_dir: Path | None, name: str, what: str = "path") -> Path:
    """A video file in the upload folder, checked by its first bytes and size."""
    path = allowed_file(upload_dir, name, what)
    size = path.stat().st_size
    if size > MAX_VIDEO_BYTES:
        raise UsageError(f"{what}: {name!r} is {size} bytes; Pinterest takes videos up to {MAX_VIDEO_BYTES}")
    with path.open("rb") as handle:
        head = handle.read(16)
    if _video_type(head) is None:
        raise UsageError(f"{what}: {name!r} is not an MP4 or QuickTime video (by its content)")
    return path


def image_source(kind: str, data: bytes) -> dict[str, Any]:
    return {"source_type": "image_base64", "content_type": kind, "data": base64.b64encode(data).decode()}


def carousel_source(images: list[tuple[str, bytes]]) -> dict[str, Any]:
    items = [{"content_type": kind, "data": base64.b64encode(data).decode()} for kind, data in images]
    return {"source_type": "multiple_image_base64", "items": items}


def _fetchable(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "https":
        return True
    if parts.scheme != "http" or not parts.hostname:
        return False
    try:
        return parts.hostname == "localhost" or ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


def pin_image_url(pin: dict[str, Any]) -> str:
    """The largest image of a pin as Pinterest answers it (``media.images`` by size, or a carousel's first)."""
    media = pin.get("media") or {}
    images = media.get("images") or {}
    if not images and media.get("items"):
        images = (media["items"][0] or {}).get("images") or {}
    if not images and media.get("cover_image_url"):
        return str(media["cover_image_url"])
    best = max(
        (value for value in images.values() if isinstance(value, dict) and value.get("url")),
        key=lambda value: int(value.get("width") or 0) * int(value.get("height") or 0),
        default=None,
    )
    if best is None:
        raise UsageError("the pin has no image to show")
    return str(best["url"])


def fetch_image(url: str, timeout: float = 30) -> tuple[str, bytes]:
    """``(content type, bytes)`` of the image at ``url``, refused past :data:`MAX_PIN_IMAGE_BYTES` or not an image."""
    import httpx

    if not _fetchable(url):
        raise UsageError("the pin's image is not at an https address")
    with httpx.Client(timeout=timeout, follow_redirects=False) as http, http.stream("GET", url) as response:
        if response.status_code != 200:
            raise UsageError(f"the pin's image answered HTTP {response.status_code}")
        data = bytearray()
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) > MAX_PIN_IMAGE_BYTES:
                raise UsageError(f"the pin's image is larger than {MAX_PIN_IMAGE_BYTES} bytes; open it by its address")
    kind = _image_type(bytes(data[:16]))
    if kind is None:
        raise UsageError("the pin's image address did not answer an image")
    return kind, bytes(data)
