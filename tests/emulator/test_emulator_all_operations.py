"""Every v5 operation of the description, sent to one emulator: a documented 2xx, and 401 code 3
without its scopes. The `emulator` fixture validates every exchange against the description
at teardown, so each answer (and each accepted request) is also contract-valid."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from pinterest_api_v5.operations import OPERATIONS, SCOPES
from support.description import MISSING, spec_path
from support.v5_requests import RequestBuilder, SampleRequest, order, send

from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.described.synth import Schemas
from pinterest_tools.emulator.serving import route_table

pytestmark = pytest.mark.skipif(not spec_path().exists(), reason=MISSING)


def api_client(emu) -> httpx.Client:
    """One client per test: each new client builds an SSL context, which costs more than a request."""
    return httpx.Client(base_url=emu.base_url + "/v5")


def undocumented_answer(api: httpx.Client, request: SampleRequest, operation_id: str, token: str) -> str | None:
    """What is wrong with the operation's answer: a status not one of its documented 2xx, or a
    body its schema refuses, counting a ``oneOf`` matched by more than one member (which
    openapi-core lets pass where a discriminator picks one)."""
    response = send(api, request, token)
    shape = table().operations[operation_id]
    if response.status_code not in shape.statuses:
        return f"{operation_id}: {request.method} {request.path} -> {response.status_code} {response.text}"
    found = Schemas(table()).problem(shape.response, response.json()) if shape.response and response.content else None
    return f"{operation_id}: {request.method} {request.path} -> {found}" if found else None


def test_every_operation_answers_a_documented_2xx(emulator, record_property):
    builder = RequestBuilder(emulator)
    token = emulator.issue_token()
    with api_client(emulator) as api:
        found = [undocumented_answer(api, builder.build(op), op, token) for op in order(list(OPERATIONS))]
    problems = [problem for problem in found if problem]
    assert problems == [], "\n".join(problems)
    assert len(found) == len(OPERATIONS) == 266  # the published 231 and the supplement's 35
    answers = Counter(row.answer for row in route_table.rows() if row.api == "v5")
    state_derived = answers[route_table.ROUTE] + answers[route_table.STATE]
    assert state_derived + answers[route_table.SYNTHESIZED] == 266
    record_property("emulator_answers", (state_derived, answers[route_table.SYNTHESIZED]))


def test_every_operation_refuses_a_token_without_each_of_its_scopes(emulator):
    builder = RequestBuilder(emulator)
    checked = 0
    with api_client(emulator) as api:
        for operation_id, spec in sorted(OPERATIONS.items()):
            if not spec.scopes:
                continue  # OAuth's own operations authenticate the app, not a user's token
            request = builder.build(operation_id)
            for scope in spec.scopes:
                response = send(api, request, emulator.issue_token(scopes=[s for s in SCOPES if s != scope]))
                refused = (response.status_code, response.json())
                assert refused == (401, {"code": 3, "message": "Authorization failed."}), (operation_id, scope)
            exact = send(api, request, emulator.issue_token(scopes=spec.scopes))
            assert exact.status_code not in (401, 403), (operation_id, exact.text)
            checked += 1
    assert checked == sum(1 for spec in OPERATIONS.values() if spec.scopes) > 220
