"""Every v5 operation of the description, sent to one emulator: a documented 2xx, and 401 code 3
without its scopes. The `emulator` fixture validates every exchange against the description
at teardown, so each answer (and each accepted request) is also contract-valid."""

from __future__ import annotations

import httpx
import pytest
from pinterest_api_v5.operations import OPERATIONS, SCOPES
from support.emulator import spec_path
from support.v5_requests import RequestBuilder, SampleRequest, order, send

from pinterest_tools.emulator.described.schema_table import table

pytestmark = pytest.mark.skipif(not spec_path().exists(), reason="Pinterest's v5 description is not available")


def api_client(emu) -> httpx.Client:
    """One client per test: each new client builds an SSL context, which costs more than a request."""
    return httpx.Client(base_url=emu.base_url + "/v5")


def undocumented_status(api: httpx.Client, request: SampleRequest, operation_id: str, token: str) -> str | None:
    """What is wrong with the operation's answer, if its status is not one of its documented 2xx."""
    response = send(api, request, token)
    if response.status_code in table().operations[operation_id].statuses:
        return None
    return f"{operation_id}: {request.method} {request.path} -> {response.status_code} {response.text}"


def test_every_operation_answers_a_documented_2xx(emulator):
    builder = RequestBuilder(emulator)
    token = emulator.issue_token()
    with api_client(emulator) as api:
        found = [undocumented_status(api, builder.build(op), op, token) for op in order(list(OPERATIONS))]
    problems = [problem for problem in found if problem]
    assert problems == [], "\n".join(problems)
    assert len(found) == len(OPERATIONS) == 266  # the published 231 and the supplement's 35


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
