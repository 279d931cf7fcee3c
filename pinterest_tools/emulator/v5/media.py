"""v5 media: register a video upload and follow its processing.

A registered media moves to ``processing`` when its file arrives at the upload host
(``core.media_upload``, ``serving.upload_host``); each status poll then counts, and after
``Settings.media_processing_polls`` polls it has ``succeeded`` (or ``failed``, for an
empty file), so clients see the whole registered -> processing -> succeeded sequence
within a couple of polls.
"""

from __future__ import annotations

from pinterest_api_v5.models.media_upload import MediaUpload
from pinterest_api_v5.models.media_upload_parameters import MediaUploadParameters
from pinterest_api_v5.models.media_upload_type import MediaUploadType
from starlette.responses import Response

from pinterest_tools.emulator.core.media_upload import UPLOAD_PATH, poll, upload_parameters
from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.data.records import Media
from pinterest_tools.emulator.wire import render_v5, request_fields
from pinterest_tools.emulator.wire.errors import not_found
from pinterest_tools.emulator.wire.model_responses import model_response


def media_create(call: Call) -> Response:
    body = call.object_body()
    request_fields.choice(body, "media_type", [member.value for member in MediaUploadType], "")
    media = Media(call.state.new_id(), call.user.id, created_at=call.clock.utcnow())
    call.state.media[media.id] = media
    params = upload_parameters(call.services, media)
    upload = MediaUpload(
        media_id=media.id,
        media_type=MediaUploadType.VIDEO,
        upload_url=str(call.request.base_url).rstrip("/") + UPLOAD_PATH,
        upload_parameters=MediaUploadParameters.from_dict(params),
    )
    return model_response(upload, 201)


def media_get(call: Call) -> Response:
    media = call.state.media.get(call.path("media_id"))
    if media is None or media.owner_id != call.user.id:
        raise not_found(404, "Media not found.")
    poll(call.services, media)
    return model_response(render_v5.media(media))


ROUTES = [operation(V5, "media_create", media_create), operation(V5, "media_get", media_get)]
