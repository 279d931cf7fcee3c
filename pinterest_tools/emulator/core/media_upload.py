"""A registered media's upload form and its processing, as the v5 and v3 media routes hand them out.

Pinterest hands out a pre-signed Amazon S3 form (``upload_url`` + ``upload_parameters``); the
client POSTs those fields and the file as multipart/form-data, without a Pinterest token,
to the emulator's own upload host (``serving.upload_host``), which checks them with
``sign``. A status poll then moves an uploaded media from ``processing`` to done.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets

from pinterest_tools.emulator.core.services import Services
from pinterest_tools.emulator.data.records import Media

UPLOAD_PATH = "/_emulator/media-upload"


def upload_parameters(services: Services, media: Media) -> dict[str, str]:
    """The signed form fields for one media upload (S3 POST policy style)."""
    now = services.clock.utcnow()
    expires = now + dt.timedelta(hours=1)
    media.upload_key = f"uploads/{media.id}/{secrets.token_hex(8)}"
    policy = {
        "expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "conditions": [{"bucket": "pinterest-media-upload"}, {"key": media.upload_key}],
    }
    encoded = base64.b64encode(json.dumps(policy).encode()).decode()
    date = now.strftime("%Y%m%dT%H%M%SZ")
    return {
        "x-amz-date": date,
        "x-amz-algorithm": "AWS4-HMAC-SHA256",
        "x-amz-credential": f"EMULATOR/{date[:8]}/us-east-1/s3/aws4_request",
        "x-amz-security-token": secrets.token_urlsafe(24),
        "key": media.upload_key,
        "policy": encoded,
        "x-amz-signature": sign(services, media.upload_key, encoded),
        "Content-Type": "multipart/form-data",
    }


def poll(services: Services, media: Media) -> None:
    """A status poll of a processing upload: after ``media_processing_polls`` of them it is done."""
    if media.status == "processing":
        media.polls += 1
        if media.polls > services.settings.media_processing_polls:
            media.status = "succeeded" if media.size else "failed"


def sign(services: Services, key: str, policy: str) -> str:
    """The form's signature of an upload key and its policy, made here and checked by the upload host."""
    return hmac.new(services.upload_secret, f"{key}\n{policy}".encode(), hashlib.sha256).hexdigest()
