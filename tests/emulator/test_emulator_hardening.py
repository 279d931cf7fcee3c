"""Hostile inputs: no 5xx for any body to any write operation, routing on the raw path."""

from __future__ import annotations

import json

import httpx
import pytest
from pinterest_api_v5.operations import OPERATIONS
from support.description import MISSING, spec_path
from support.emulator import http
from support.v5_requests import RequestBuilder, order

from pinterest_tools.emulator.described.schema_table import table

pytestmark = pytest.mark.skipif(not spec_path().exists(), reason=MISSING)

BODIES = (b"[]", b"{}", b"[{}]", b"null")
WRITES = [op for op in order(list(OPERATIONS)) if OPERATIONS[op].method in ("POST", "PUT", "PATCH", "DELETE")]


def test_no_body_to_any_write_operation_gets_a_5xx(make_emulator):
    emu = make_emulator(record=False)
    builder = RequestBuilder(emu)
    token = emu.issue_token()
    answers: dict[tuple[str, bytes], httpx.Response] = {}
    with httpx.Client(base_url=emu.base_url + "/v5", headers={"Authorization": f"Bearer {token}"}) as api:
        for operation_id in order(list(OPERATIONS)):  # the sample first: later samples name what it made
            request = builder.build(operation_id)
            api.request(request.method, request.path, params=request.params, json=request.json, data=request.data)
            if operation_id not in WRITES:
                continue
            for body in BODIES:
                headers = {"Content-Type": "application/json"}
                answers[operation_id, body] = api.request(
                    request.method, request.path, params=request.params, content=body, headers=headers
                )
    server_errors = [
        f"{op} {body!r}: {r.status_code} {r.text[:120]}" for (op, body), r in answers.items() if r.status_code >= 500
    ]
    assert server_errors == [], "\n".join(server_errors)
    unexplained = [
        f"{op} {body!r}: {r.status_code}"
        for (op, body), r in answers.items()
        if 400 <= r.status_code < 500 and not json.loads(r.content or b"{}").get("message")
    ]
    assert unexplained == []
    assert len(answers) == 4 * len(WRITES) and len(WRITES) > 100
    assert emu.services.failures == []


def test_an_empty_array_is_refused_by_every_operation_that_takes_an_array(make_emulator):
    emu = make_emulator(record=False)
    builder = RequestBuilder(emu)
    token = emu.issue_token()
    wanting = []
    for operation_id in WRITES:
        shape = table().operations[operation_id]
        request_schema = table().resolve(shape.request) if shape.request else {}
        if request_schema.get("type") == "array":  # with minItems 1, or a batch (nothing to create or update)
            wanting.append(operation_id)
    assert {"schedules_update", "catalogs_local_stores_update", "campaign_ad_preview_create"} < set(wanting)
    with httpx.Client(base_url=emu.base_url + "/v5", headers={"Authorization": f"Bearer {token}"}) as api:
        for operation_id in wanting:
            request = builder.build(operation_id)
            answer = api.request(request.method, request.path, params=request.params, json=[])
            assert answer.status_code == 400, (operation_id, answer.text)
            assert answer.json()["code"] == 1


def test_an_encoded_slash_inside_a_segment_is_a_404_never_another_endpoint(emulator):
    owner = emulator.state.first_user()
    board = emulator.state.boards_of(owner.id)[0]
    with http(emulator) as api:
        listing = api.get(f"/boards/{board.id}/sections")
        assert listing.status_code == 200
        for method in ("GET", "DELETE", "PATCH"):
            for encoded in ("%2Fsections", "%2fsections"):
                answer = api.request(method, f"/boards/{board.id}{encoded}", json={} if method == "PATCH" else None)
                assert answer.status_code == 404, (method, answer.text)
                assert answer.json()["code"] == 11
        assert board.id in emulator.state.boards  # nothing was deleted
        assert api.get(f"/boards/{board.id}").status_code == 200
