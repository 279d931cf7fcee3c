"""v3 media: register a video upload (``type: video``) and read upload statuses by id.

The same uploads as v5 (``core.media_upload``, ``serving.upload_host``): the upload host,
the signed fields and the processing polls are shared; v3 names the id ``upload_id`` and
answers statuses as a map keyed by id, leaving out ids that are not the caller's uploads
(the quickstart reports those as "not found"). A failed upload carries ``failure_code``.
"""

from __future__ import annotations

from pinterest_api_v3.models.media_register_request_rotation import MediaRegisterRequestRotation
from pinterest_api_v3.models.media_register_request_type import MediaRegisterRequestType
from pinterest_api_v3.models.media_upload import MediaUpload
from pinterest_api_v3.models.media_upload_parameters import MediaUploadParameters
from pinterest_api_v3.models.media_upload_statuses import MediaUploadStatuses
from starlette.responses import Response

from pinterest_tools.emulator.core.media_upload import UPLOAD_PATH, poll, upload_parameters
from pinterest_tools.emulator.core.operation_routes import V3, Call, operation
from pinterest_tools.emulator.data.records import Media
from pinterest_tools.emulator.v3 import answers
from pinterest_tools.emulator.wire import render_v3, request_fields
from pinterest_tools.emulator.wire.errors import invalid


def media_register(call: Call) -> Response:
    body = call.object_body()
    request_fields.choice(body, "type", [member.value for member in MediaRegisterRequestType], "")
    request_fields.int_choice(body, "rotation", [member.value for member in MediaRegisterRequestRotation])
    media = Media(call.state.new_id(), call.user.id, created_at=call.clock.utcnow())
    call.state.media[media.id] = media
    upload = MediaUpload(
        upload_id=media.id,
        upload_url=str(call.request.base_url).rstrip("/") + UPLOAD_PATH,
        upload_parameters=MediaUploadParameters.from_dict(upload_parameters(call.services, media)),
    )
    return answers.ok(call, upload)


def media_get(call: Call) -> Response:
    ids = call.query_list("upload_ids")
    if not ids:
        raise invalid("upload_ids: this parameter is required.")
    statuses = MediaUploadStatuses()
    for upload_id in ids:
        media = call.state.media.get(upload_id)
        if media is not None and media.owner_id == call.user.id:
            poll(call.services, media)
            statuses[upload_id] = render_v3.media_status(media)
    return answers.ok(call, statuses)


ROUTES = [operation(V3, "media_register", media_register), operation(V3, "media_get", media_get)]
