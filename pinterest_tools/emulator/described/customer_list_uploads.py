"""Customer list uploads: a file of records sent in parts, then run into its customer list.

Pinterest's flow (the description's ``customer_list_uploads`` operations):

1. ``POST .../customer_lists/{customer_list_id}/uploads`` with ``operation`` (ADD or REMOVE)
   and ``total_parts`` stores the upload ``NOT_STARTED``, its ``creation_time`` and
   ``updated_time`` the emulator's clock in epoch seconds (the description: "Epoch
   (seconds)"), and answers one pre-signed URL per part (``core.list_upload_parts``).
2. The client PUTs each part's bytes to its URL (``serving.upload_host`` keeps them in
   ``State.upload_parts``). The file is the parts joined in part order, as S3 joins a
   multipart upload; the description asks for parts of at least 5 MB but the last, which the
   emulator does not enforce, so a test can send a few records in two parts.
3. ``POST .../uploads/{id}/run`` processes the file: one record per line (blank lines are
   not records), each valid or not by the list's ``list_type``; the upload is ``RUNNING``
   with its ``record_counts`` and ``error_counts`` (the description's example shows counts
   on a running upload), and after ``Settings.report_polls`` reads it has ``SUCCEEDED``, or
   ``FAILED`` when the ad account's or the emulator's report outcome says so, like every
   async job of the emulator. The list's counters move when the upload succeeds: an ADD's
   valid records count in ``num_uploaded_user_records``, a REMOVE's in
   ``num_removed_user_records``, and a run with valid records is one more of ``num_batches``.

Which records are valid, from the description's ``CustomerListRequest.records``: "Emails must
be lowercase and can be plain text or hashed using SHA1, SHA256, or MD5. MAIDs and IDFAs must
be hashed with SHA1, SHA256, or MD5." So an ``EMAIL`` list takes a lowercase address
(``local@domain.tld``) or a hex SHA1/SHA256/MD5 digest; ``IDFA``, ``MAID`` and
``HASHED_PINNER_ID`` lists take a digest only. Pinterest documents no form for ``LR_ID`` and
``DLX_ID`` (LiveRamp and Datalogix ids), so any one token without spaces or commas is taken.
The error codes: 42 "Invalid email" is the description's example of ``error_counts``; 43
for a record that is not a digest is the emulator's own (Pinterest documents no other code).

Not documented, so the emulator's choices: running an upload with parts not yet PUT is a 400
naming the missing parts; running an upload a second time is a 400 (S3 ends a multipart
upload when it is completed, so its parts cannot be processed twice); a part PUT after the
upload was run is refused as S3 refuses a part of a completed upload (404 ``NoSuchUpload``).
"""

from __future__ import annotations

import re
from typing import Any

from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.records import Resource
from pinterest_tools.emulator.described.server_fields import CUSTOMER_LISTS
from pinterest_tools.emulator.wire.errors import invalid

UPLOADS = "/ad_accounts/{ad_account_id}/customer_lists/{customer_list_id}/uploads"
RUN = "customer_list_uploads_run"
NOT_STARTED, RUNNING, SUCCEEDED, FAILED = "NOT_STARTED", "RUNNING", "SUCCEEDED", "FAILED"

EMAIL = re.compile(r"[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}")
DIGEST = re.compile(r"[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")  # MD5, SHA1, SHA256
TOKEN = re.compile(r"[^\s,]+")
INVALID_EMAIL = (42, "Invalid email")
NOT_HASHED = (43, "Not a SHA1, SHA256 or MD5 hash")
INVALID_ID = (44, "Invalid identifier")
HASHED_ONLY = frozenset({"IDFA", "MAID", "HASHED_PINNER_ID"})

Json = dict[str, Any]


def created(call: Call, resource: Resource) -> None:
    """A new upload: not started, stamped with the clock."""
    now = int(call.clock.now())
    resource.fields |= {"state": NOT_STARTED, "creation_time": now, "updated_time": now}


def problem(list_type: str, record: str) -> tuple[int, str] | None:
    """Why ``record`` is not a valid record of a list of ``list_type`` (code, message), or None."""
    if list_type == "EMAIL":
        return None if EMAIL.fullmatch(record) or DIGEST.fullmatch(record) else INVALID_EMAIL
    if list_type in HASHED_ONLY:
        return None if DIGEST.fullmatch(record) else NOT_HASHED
    return None if TOKEN.fullmatch(record) else INVALID_ID


def processed(list_type: str, data: bytes) -> Json:
    """``record_counts`` and ``error_counts`` of a file: one record per non-blank line."""
    records = [line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    errors: dict[tuple[int, str], int] = {}
    for record in records:
        if (found := problem(list_type, record)) is not None:
            errors[found] = errors.get(found, 0) + 1
    refused = sum(errors.values())
    return {
        "record_counts": {"processed": len(records), "valid": len(records) - refused, "invalid": refused},
        "error_counts": [{"error_code": c, "message": m, "count": n} for (c, m), n in sorted(errors.items())],
    }


def run(call: Call, resource: Resource) -> None:
    """Begins processing an upload whose every part has arrived (400 otherwise, or once run)."""
    fields = resource.fields
    if fields.get("state") != NOT_STARTED:
        raise invalid(f"Customer list upload {resource.id} was already run (state {fields.get('state')}).")
    parts = call.state.upload_parts.get(resource.id, {})
    total = int(fields.get("total_parts", 1))
    if missing := [n for n in range(1, total + 1) if n not in parts]:
        named = ", ".join(str(n) for n in missing)
        raise invalid(
            f"Customer list upload {resource.id} is missing part(s) {named} of {total}: "
            "PUT each part to its presigned_url before running the upload."
        )
    data = b"".join(parts[n] for n in range(1, total + 1))
    customer_list = call.state.resources.get(resource.parents.get("customer_list_id", ""))
    list_type = str(customer_list.fields.get("list_type", "EMAIL")) if customer_list else "EMAIL"
    fields |= processed(list_type, data) | {"state": RUNNING, "updated_time": int(call.clock.now())}
    resource.polls = 0  # reads from now on count towards its end, as for every async job
    call.state.upload_parts.pop(resource.id, None)


def progress(call: Call, resource: Resource, outcome: str) -> None:
    """A read of a running upload: after ``report_polls`` reads it ends, ``FAILED`` when
    ``outcome`` (the job outcome of its ad account or of the emulator) is FAILED, else
    ``SUCCEEDED``, and a success moves its customer list's counters."""
    fields = resource.fields
    if fields.get("state") != RUNNING or resource.polls <= call.services.settings.report_polls:
        return
    now = int(call.clock.now())
    fields |= {"state": FAILED if outcome == FAILED else SUCCEEDED, "updated_time": now}
    customer_list = call.state.resources.get(resource.parents.get("customer_list_id", ""))
    if fields["state"] != SUCCEEDED or customer_list is None or customer_list.family != CUSTOMER_LISTS:
        return
    valid = int(fields.get("record_counts", {}).get("valid", 0))
    counter = "num_removed_user_records" if fields.get("operation") == "REMOVE" else "num_uploaded_user_records"
    counts = customer_list.fields
    counts[counter] = int(counts.get(counter, 0)) + valid
    counts["num_batches"] = int(counts.get("num_batches", 0)) + (1 if valid else 0)
    counts["updated_time"] = now
