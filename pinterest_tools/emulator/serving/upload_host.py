"""The media upload host: where clients POST a video after registering it.

The emulator hosts the pre-signed Amazon S3 form's URL (``core.media_upload``) itself: it
checks the fields against what it signed, counts the file's bytes without keeping them
(nothing is stored, in memory or on disk), answers like S3 (204, or an XML error) and moves
the media to ``processing``.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pinterest_tools.emulator.core.media_upload import UPLOAD_PATH, sign
from pinterest_tools.emulator.core.services import services_of

MAX_FIELD = 16 * 1024


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


ROUTES = [Route(UPLOAD_PATH, media_upload, methods=["POST"], name="media_upload")]
