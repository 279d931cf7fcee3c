"""Video uploads for ``copy_pin -m``: register, multipart POST to the pre-signed URL, bounded polling.

``-m`` names a readable file (uploaded here), or the digits of a media id registered and
uploaded earlier; anything else is a usage error. An upload is: register
(``POST /v5/media`` ``{"media_type": "video"}``, or ``POST /v3/media/uploads/register/``),
which returns ``upload_url`` and signed ``upload_parameters``; POST those fields and the
file as multipart/form-data to the URL (no Pinterest token: the form is signed); then
poll the media's status (``GET /v5/media/{id}``, ``GET /v3/media/uploads/?upload_ids=``)
until ``succeeded``. Polling waits 1, 2, 4, 8, then 10 s between polls (upstream's backoff)
and gives up after ``timeout`` seconds (default 5 minutes) with a message that says how to
go on with the same media id; ``failed`` ends it at once.

The commands (``copy_pin -m``, through :class:`~pinterest_tools.cli.adapter.PinterestApi`) and the
library (``Pinterest.upload_video``) run this same code: it needs only the two calls of
:class:`MediaCalls`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pinterest_tools import filekind
from pinterest_tools.config import expand_path
from pinterest_tools.errors import PinterestError, UsageError
from pinterest_tools.library_log import get_logger
from pinterest_tools.parsing import is_digits
from pinterest_tools.workflows.polling import Backoff

if TYPE_CHECKING:
    from pinterest_tools.http.transport import AnyTransport

log = get_logger(__name__)

DEFAULT_TIMEOUT = 300.0


class MediaUploadError(PinterestError):
    """The upload was refused, failed in processing, or did not finish in time."""


class MediaCalls(Protocol):
    """The two API calls an upload needs, as JSON-shaped dicts."""

    def register_media(self) -> dict[str, Any]:
        """``{"media_id", "upload_url", "upload_parameters"}`` of a new video upload."""
        ...

    def media_status(self, media_id: str) -> dict[str, Any]:
        """``{"status", "failure_code", ...}`` of an upload."""
        ...


def check_media(media: str | None) -> Path | str | None:
    """``-m``: a file to upload (a Path), a media id (a str) or None; UsageError for anything else.

    ``-m ""`` (an unset shell variable, say) is refused rather than read as "no -m": the
    user asked for a video pin, and silently getting an image pin is worse than an error.
    """
    if media is None:
        return None
    if not media.strip():
        raise UsageError("invalid media: -m/--media is empty (give a video file or the digits of a media id)")
    try:
        path: Path | None = expand_path(media)
    except ValueError:  # "~nobody/x": no such home directory, so no such file
        path = None
    if path is not None and path.is_file():  # upstream's order: a file named like a number is a file
        return path
    if is_digits(media.strip()):
        return media.strip()
    raise UsageError(f"invalid media: {media} (neither a readable file nor the digits of a media id)")


def media_id_for(
    api: MediaCalls,
    media: str | None,
    *,
    timeout: float | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    request_timeout: float = 30.0,
) -> str | None:
    """``-m``: None for none, an uploaded file's media id, or the given media id.

    ``request_timeout``: seconds for the upload's POST (the commands pass their ``--timeout``).
    """
    checked = check_media(media)
    if isinstance(checked, Path):
        return upload_video(api, checked, timeout=timeout, sleep=sleep, clock=clock, request_timeout=request_timeout)
    return checked


def upload_video(
    api: MediaCalls,
    path: Path,
    *,
    timeout: float | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    request_timeout: float = 30.0,
    transport: AnyTransport | None = None,
) -> str:
    """Register, upload and wait for ``path``; the media id once Pinterest has processed it.

    ``request_timeout``: seconds for the upload's POST; ``transport``: under its retry layer.
    """
    try:
        handle = filekind.open_regular(path, "rb")  # a FIFO would block, /dev/zero would never end
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    with handle:
        registered = api.register_media()
        media_id = str(registered.get("media_id") or "")
        url = registered.get("upload_url")
        if not media_id or not url:
            raise MediaUploadError("registering the video upload returned no media id or upload URL")
        log.info("uploading %s as media %s", path.name, media_id)
        fields = registered.get("upload_parameters") or {}
        post_file(str(url), fields, path.name, handle, request_timeout, transport=transport)
    wait_for_media(api, media_id, timeout=timeout, sleep=sleep, clock=clock)
    return media_id


def post_file(
    url: str, fields: dict[str, Any], filename: str, handle: Any, timeout: float, transport: AnyTransport | None = None
) -> None:
    """The multipart POST of the signed fields and the file (retried only when it never left)."""
    import httpx

    from pinterest_tools.http.retry import RetryTransport
    from pinterest_tools.http.transport import current_transport
    from pinterest_tools.logs import is_credential_name, redact, register_secret

    inner = current_transport(transport)
    transport = RetryTransport(inner if isinstance(inner, httpx.BaseTransport) else None)
    data = {str(key): str(value) for key, value in fields.items()}
    for key, value in data.items():
        if is_credential_name(key):  # S3 repeats a refused session token in its error (``<Token-0>``)
            register_secret(value)
    log.info("POST %s from %s", httpx.URL(url).copy_with(query=None), filename)
    with httpx.Client(timeout=httpx.Timeout(timeout), transport=transport) as client:
        try:
            response = client.post(url, data=data, files={"file": (filename, handle)})
        except httpx.TransportError as exc:
            raise MediaUploadError(f"uploading {filename} failed: {type(exc).__name__}") from exc
    if not response.is_success:
        detail = redact(response.text)[:300].replace("\n", " ")  # redacted whole: a cut token is no registered one
        raise MediaUploadError(f"uploading {filename} failed: HTTP {response.status_code} {detail}".rstrip())


def wait_for_media(
    api: MediaCalls,
    media_id: str,
    *,
    timeout: float | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Poll until ``succeeded``; MediaUploadError on ``failed``, an unknown id, or after ``timeout`` seconds.

    ``timeout`` defaults to :data:`DEFAULT_TIMEOUT` and ``sleep`` to :func:`time.sleep`, read when called.
    """
    backoff = Backoff(DEFAULT_TIMEOUT if timeout is None else timeout, sleep=sleep, clock=clock)
    while True:
        record = api.media_status(media_id)
        status = record.get("status")
        if status == "succeeded":
            return
        if not record:
            raise MediaUploadError(f"media upload {media_id} not found")
        if status == "failed":
            code = record.get("failure_code") or "unknown"
            raise MediaUploadError(f"media upload {media_id} failed (failure code: {code})")
        if not backoff.pause(f"Media id {media_id} status: {status}."):
            raise MediaUploadError(
                f"media upload {media_id} is still {status or 'without a status'} after {backoff.timeout:g} seconds",
                hint=f"Pinterest may still finish it: run copy_pin again later with -m {media_id}",
            )
