"""Authentication and scope enforcement: every v5 route checks the scopes its description requires."""

from __future__ import annotations

import re

import httpx
import pytest
from pinterest_api_v5.operations import OPERATIONS, SCOPES
from starlette.routing import Route

from pinterest_tools.emulator import v5

# The hand-written routes; test_emulator_all_operations checks every operation in one emulator.
SERVED = sorted(
    route.name
    for area in v5.AREAS
    for route in area.ROUTES
    if isinstance(route, Route) and route.name not in ("oauth_token", "token_revoke")
)


def concrete_path(emu, operation_id):
    """The operation's path with ids that exist in the demo data ("1" for any other parameter)."""
    board = next(b for b in emu.state.boards_of("dexter_demo") if b.name == "Tequila")
    account = emu.state.ad_accounts_of("dexter_demo")[0]
    ids = {
        "board_id": board.id,
        "section_id": emu.state.sections_of(board.id)[0].id,
        "pin_id": emu.state.pins_on_board(board.id)[0].id,
        "media_id": next(iter(emu.state.media)),
        "ad_account_id": account.id,
        "campaign_id": emu.state.campaigns_of(account.id)[0].id,
        "ad_group_id": emu.state.ad_groups_of(account.id)[0].id,
        "ad_id": emu.state.ads_of(account.id)[0].id,
    }
    path = OPERATIONS[operation_id].path
    return "/v5" + re.sub(r"\{(\w+)\}", lambda match: ids.get(match.group(1), "1"), path)


def call(emu, operation_id, token):
    method = OPERATIONS[operation_id].method
    body = {} if method in ("POST", "PATCH") else None
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.request(method, emu.base_url + concrete_path(emu, operation_id), json=body, headers=headers)


def test_the_organic_operations_are_served():
    assert set(SERVED) >= {
        "board_sections_create", "board_sections_list", "board_sections_list_pins", "boards_create",
        "boards_delete", "boards_get", "boards_list", "boards_list_pins", "media_create", "media_get",
        "pins_create", "pins_delete", "pins_get", "pins_list", "pins_save", "user_account_get",
    }  # fmt: skip


@pytest.mark.parametrize("operation_id", SERVED)
def test_each_required_scope_is_enforced(emulator, operation_id):
    """For every route the emulator serves, including those added later."""
    required = OPERATIONS[operation_id].scopes
    assert required
    for scope in required:
        token = emulator.issue_token(scopes=[s for s in SCOPES if s != scope])
        response = call(emulator, operation_id, token)
        assert response.status_code == 401, (operation_id, scope)
        assert response.json() == {"code": 3, "message": "Authorization failed."}
    exact = call(emulator, operation_id, emulator.issue_token(scopes=required))
    assert exact.status_code not in (401, 403), (operation_id, exact.text)


def test_get_pin_needs_boards_read_too(emulator):
    """GET /v5/pins/{id} with pins:read alone is refused, as Pinterest does (the quickstart's issue #97)."""
    assert call(emulator, "pins_get", emulator.issue_token(scopes=["pins:read"])).json()["code"] == 3


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer nonsense", "Basic Zm9vOmJhcg==", "pina_x"])
def test_missing_or_unknown_tokens_fail_authentication(emulator, header):
    headers = {"Authorization": header} if header else {}
    response = httpx.get(emulator.base_url + "/v5/user_account", headers=headers)
    assert response.status_code == 401 and response.json() == {"code": 2, "message": "Authentication failed."}


def test_expired_and_v3_tokens_fail_authentication(emulator):
    short = emulator.issue_token(expires_in=30)
    assert call(emulator, "user_account_get", short).status_code == 200
    emulator.clock.advance(31)
    assert call(emulator, "user_account_get", short).json()["code"] == 2
    v3 = emulator.issue_token(version=3)
    assert call(emulator, "user_account_get", v3).status_code == 401


def test_issue_token_accepts_ids_and_usernames(emulator):
    penny = emulator.state.user("penny_demo")
    token = emulator.issue_token(penny.id, ["user_accounts:read"])
    assert call(emulator, "user_account_get", token).json()["username"] == "penny_demo"
    with pytest.raises(KeyError):
        emulator.issue_token("nobody")
