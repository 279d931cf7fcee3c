"""The upload host: where clients send a video after registering it, and a customer list's file.

The emulator hosts the pre-signed Amazon S3 form's URL (``core.media_upload``) itself: it
checks the fields against what it signed, counts the file's bytes without keeping them
(nothing is stored, in memory or on disk), answers like S3 (204, or an XML error) and moves
the media to ``processing``.

It hosts a customer list upload's pre-signed part URLs (``core.list_upload_parts``) too: a
PUT of one part's bytes to the URL the upload's create answered is kept (in memory, until the
upload is run: ``described.customer_list_uploads``) and answered as S3 answers an UploadPart
(200 with the part's ``ETag``). A URL not signed for that part of that upload is refused
(403), as is one past its expiry; a part of an upload already run is S3's 404
``NoSuchUpload``; an empty part or one over ``MAX_PART`` bytes is a 400 (the description:
every part is "greater than 0"; the emulator keeps parts in memory, so it bounds them at a
size above the 5 MB that S3 asks of every part but the last).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pinterest_tools.emulator.core.list_upload_parts import PARTS_PATH, refusal
from pinterest_tools.emulator.core.media_upload import UPLOAD_PATH, sign
from pinterest_tools.emulator.core.services import services_of
from pinterest_tools.emulator.described.customer_list_uploads import NOT_STARTED, UPLOADS

MAX_FIELD = 16 * 1024
MAX_PART = 8 * 1024 * 1024


def _s3_error(status: int, code: str, message: str) -> Response:
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>'
    return Response(body, status, media_type="application/xml")


@dataclass
class _Form:
    """Collects a multipart body: small text fields kept, the ``file`` part only counted."""

    fields: dict[str, str] = field(default_factory=dict)
    file_size: int | None = None
    _header_name: bytearray = field(default_factory=bytearray)
    _header_value: bytearray = field(default_factory=bytearray)
    _name: str | None = None
    _data: bytearray = field(default_factory=bytearray)
    too_big: bool = False
    malformed: bool = False  # not multipart/form-data after all: S3 answers MalformedPOSTRequest

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._begin,
            "on_header_field": lambda data, start, end: self._header_name.extend(data[start:end]),
            "on_header_value": lambda data, start, end: self._header_value.extend(data[start:end]),
            "on_header_end": self._header_end,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }

    def _begin(self) -> None:
        self._name, self._data = None, bytearray()

    def _header_end(self) -> None:
        if bytes(self._header_name).lower() == b"content-disposition":
            _, options = parse_options_header(bytes(self._header_value))
            self._name = options.get(b"name", b"").decode("latin-1")
            if self._name == "file":
                self.file_size = 0
        self._header_name, self._header_value = bytearray(), bytearray()

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._name == "file":
            self.file_size = (self.file_size or 0) + end - start
        elif len(self._data) + end - start > MAX_FIELD:
            self.too_big = True
        else:
            self._data.extend(data[start:end])

    def _part_end(self) -> None:
        if self._name and self._name != "file":
            self.fields[self._name] = self._data.decode("utf-8", "replace")


async def _read_form(request: Request) -> _Form | None:
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        return None
    form = _Form()
    parser = MultipartParser(boundary, form.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError:
        form.malformed = True
    return form


async def media_upload(request: Request) -> Response:
    services = services_of(request)
    form = await _read_form(request)
    if form is None:
        return _s3_error(400, "InvalidRequest", "Expected multipart/form-data.")
    if form.malformed:
        return _s3_error(400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart.")
    if form.too_big or form.file_size is None:
        return _s3_error(400, "InvalidArgument", "The upload needs the signed fields and a file part named file.")
    with services.state.lock:
        media = next((m for m in services.state.media.values() if m.upload_key == form.fields.get("key")), None)
        expected = sign(services, media.upload_key, form.fields.get("policy", "")) if media else ""
        if media is None or not hmac.compare_digest(expected, form.fields.get("x-amz-signature", "")):
            return _s3_error(403, "SignatureDoesNotMatch", "The upload fields do not match a registered media.")
        if media.status != "registered":
            return _s3_error(400, "InvalidRequest", f"Media {media.id} was already uploaded.")
        media.size = form.file_size
        media.status = "processing"
        media.polls = 0
    return Response(status_code=204)


async def _part_bytes(request: Request) -> bytes | None:
    """The request's body, or None as soon as it is longer than ``MAX_PART`` (not read further)."""
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > MAX_PART:
            return None
    return bytes(data)


async def customer_list_part(request: Request) -> Response:
    """One part of a customer list upload's file, PUT to the pre-signed URL it was given."""
    services = services_of(request)
    upload_id = request.path_params["upload_id"]
    if (refused := refusal(services, upload_id, dict(request.query_params))) is not None:
        return _s3_error(403, *refused)
    data = await _part_bytes(request)
    if data is None:
        return _s3_error(400, "EntityTooLarge", f"A part may have at most {MAX_PART} bytes here.")
    if not data:
        return _s3_error(400, "InvalidArgument", "A part must have at least one byte.")
    with services.state.lock:
        upload = services.state.resources.get(upload_id)
        if upload is None or upload.family != UPLOADS or upload.fields.get("state") != NOT_STARTED:
            message = "The specified upload does not exist: it may have been run or deleted."
            return _s3_error(404, "NoSuchUpload", message)
        services.state.upload_parts.setdefault(upload_id, {})[int(request.query_params["partNumber"])] = data
    return Response(status_code=200, headers={"ETag": f'"{hashlib.md5(data, usedforsecurity=False).hexdigest()}"'})


ROUTES = [
    Route(UPLOAD_PATH, media_upload, methods=["POST"], name="media_upload"),
    Route(PARTS_PATH + "/{upload_id}", customer_list_part, methods=["PUT"], name="customer_list_part"),
]
