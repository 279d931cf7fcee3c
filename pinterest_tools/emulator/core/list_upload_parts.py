"""A customer list upload's file parts: the pre-signed URLs handed out, and checking them.

Pinterest's ``customer_list_uploads/create`` answers an Amazon S3 multipart upload: one
``presigned_url`` per part (``S3MultipartUploadData.file_parts``) that the client PUTs the
part's bytes to, without a Pinterest token. The emulator hosts those URLs itself
(``serving.upload_host``): each is signed here, in S3's query-string form
(``partNumber``, ``uploadId``, ``X-Amz-Date``, ``X-Amz-Expires``, ``X-Amz-Signature``),
over the upload, the part number and the time it was issued, so a URL names one part of one
upload and nothing else, and expires an hour after it was made, as S3's pre-signed URLs do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from urllib.parse import urlencode

from pinterest_tools.emulator.core.services import Services

PARTS_PATH = "/_emulator/customer-list-uploads"
EXPIRES_SECONDS = 3600
DATE_FORM = "%Y%m%dT%H%M%SZ"


def _signature(services: Services, upload_id: str, part_number: str, date: str, expires: str) -> str:
    message = f"customer-list-upload\n{upload_id}\n{part_number}\n{date}\n{expires}".encode()
    return hmac.new(services.upload_secret, message, hashlib.sha256).hexdigest()


def file_parts(services: Services, base_url: str, upload_id: str, total_parts: int) -> list[dict[str, object]]:
    """``S3MultipartUploadData.file_parts``: ``total_parts`` parts, numbered from 1, each with its URL."""
    date = services.clock.utcnow().strftime(DATE_FORM)
    expires = str(EXPIRES_SECONDS)
    parts: list[dict[str, object]] = []
    for number in range(1, total_parts + 1):
        query = {
            "partNumber": str(number),
            "uploadId": upload_id,
            "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
            "X-Amz-Credential": f"EMULATOR/{date[:8]}/us-east-1/s3/aws4_request",
            "X-Amz-Date": date,
            "X-Amz-Expires": expires,
            "X-Amz-SignedHeaders": "host",
            "X-Amz-Signature": _signature(services, upload_id, str(number), date, expires),
        }
        url = f"{base_url.rstrip('/')}{PARTS_PATH}/{upload_id}?{urlencode(query)}"
        parts.append({"part_number": number, "presigned_url": url})
    return parts


def refusal(services: Services, upload_id: str, query: dict[str, str]) -> tuple[str, str] | None:
    """Why a PUT to ``PARTS_PATH/upload_id`` with ``query`` is not one of the URLs handed out
    (S3's error code and message), or None when it is one and has not expired."""
    number, date, expires = query.get("partNumber", ""), query.get("X-Amz-Date", ""), query.get("X-Amz-Expires", "")
    expected = _signature(services, upload_id, number, date, expires)
    if query.get("uploadId") != upload_id or not hmac.compare_digest(expected, query.get("X-Amz-Signature", "")):
        return "SignatureDoesNotMatch", "The URL is not a part URL this upload was given."
    issued = dt.datetime.strptime(date, DATE_FORM).replace(tzinfo=dt.UTC)  # signed: it parses
    if services.clock.utcnow() > issued + dt.timedelta(seconds=int(expires)):
        return "AccessDenied", "Request has expired"
    return None
