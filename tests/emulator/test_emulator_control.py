"""The control plane over HTTP and from the plugin (reset, seed, fault rules, answers, snapshots) and its guards."""

from __future__ import annotations

import re
from html import unescape

import httpx
import pytest
from support.emulator import http

from pinterest_tools.emulator.wire.fault_plan import MAX_DELAY_MS

TRENDS = "/trends/keywords/US/top/monthly"
JSON = {"Content-Type": "application/json"}


def control(emu) -> httpx.Client:
    return httpx.Client(base_url=emu.base_url + "/_emulator", headers=JSON)


def trend_answer(emu) -> dict:
    """The synthesized answer with a keyword a test can assert on (so it still matches the description)."""
    with http(emu) as api:
        body = api.get(TRENDS).json()
    body["trends"] = (
        [dict(body["trends"][0], keyword="sourdough starter")]
        if body.get("trends")
        else [{"keyword": "sourdough starter"}]
    )
    return body


def board_names(emu) -> set[str]:
    return {board.name for board in emu.state.boards.values()}


def test_reset_and_seed_over_http(make_emulator):
    emu = make_emulator()
    before = board_names(emu)
    with http(emu) as api, control(emu) as admin:
        assert api.post("/boards", json={"name": "Scratch"}).status_code == 201
        assert "Scratch" in board_names(emu)
        assert admin.post("/reset").json() == {"reset": True}
        assert board_names(emu) == before
        seeded = admin.post("/seed", json={"users": [{"username": "ana", "boards": [{"name": "Soups"}]}]})
        assert seeded.status_code == 200
        assert [board["name"] for board in seeded.json()["users"][0]["boards"]] == ["Soups"]
        assert "Soups" in board_names(emu)
        bad = admin.post("/seed", json={"users": [{"boards": []}]})
        assert bad.status_code == 400 and bad.json()["message"].startswith("seed.users[0].username")
        assert api.get("/user_account").status_code == 200  # tokens survive a reset


def test_a_fault_rule_for_one_operation_answers_twice_then_lets_requests_through(make_emulator):
    emu = make_emulator()
    with http(emu) as api, control(emu) as admin:
        added = admin.post("/faults", json={"operation_id": "boards_list", "probability": 1, "count": 2, "status": 503})
        assert added.status_code == 201 and added.json()["id"] == "1"
        assert admin.get("/faults").json()[0]["left"] == 2
        answers = [api.get("/boards") for _ in range(3)]
        assert [answer.status_code for answer in answers] == [503, 503, 200]
        assert answers[0].json()["code"] == 21 and answers[0].headers["retry-after"] == "1"
        assert api.get("/user_account").status_code == 200  # another operation was never hit
        assert admin.get("/faults").json() == []  # spent
        by_path = admin.post("/faults", json={"method": "GET", "path": "/v5/user_account", "status": 500})
        assert api.get("/user_account").status_code == 500
        assert admin.delete(f"/faults/{by_path.json()['id']}").status_code == 204
        assert api.get("/user_account").status_code == 200
        assert admin.delete("/faults/99").status_code == 404
        too_slow = admin.post("/faults", json={"operation_id": "boards_list", "delay_ms": MAX_DELAY_MS + 1})
        assert too_slow.status_code == 400 and "outside 0 to 60000" in too_slow.json()["message"]
        assert admin.post("/faults", json={"operation_id": "boards_list"}).status_code == 400  # does nothing


def test_trend_answers_can_be_set_over_http(make_emulator):
    emu = make_emulator()
    wanted = trend_answer(emu)
    with http(emu) as api, control(emu) as admin:
        assert admin.put("/answers/trending_keywords_list", json=wanted).status_code == 200
        got = api.get(TRENDS)
        assert got.status_code == 200 and got.json()["trends"][0]["keyword"] == "sourdough starter"
        assert admin.get("/answers").json() == {"trending_keywords_list": wanted}
        refused = admin.put("/answers/boards_list", json={"items": []})
        assert refused.status_code == 400 and "its answers come from the state" in refused.json()["message"]
        assert admin.delete("/answers/trending_keywords_list").status_code == 204
        assert api.get(TRENDS).json() != wanted


def test_snapshot_and_restore_over_http(make_emulator):
    emu = make_emulator()
    with http(emu) as api, control(emu) as admin:
        snapshot = admin.get("/snapshot").json()
        api.post("/boards", json={"name": "Later"})
        assert "Later" in board_names(emu)
        assert admin.post("/restore", json=snapshot).json() == {"restored": True}
        assert "Later" not in board_names(emu)


def test_the_same_control_from_the_pytest_plugin(pinterest_emulator):
    emu = pinterest_emulator
    before = board_names(emu)
    with emu.client() as client:
        client.boards.create(body={"name": "Scratch"})
        emu.reset()
        assert board_names(emu) == before
        emu.seed({"users": [{"username": "ana", "boards": [{"name": "Soups"}]}]})
        assert "Soups" in board_names(emu)
        rule = emu.add_fault(operation_id="boards_list", probability=1, count=2, status=503)
        assert rule["count"] == 2
    with httpx.Client(
        base_url=emu.base_url + "/v5", transport=emu.transport, headers={"Authorization": f"Bearer {emu.token}"}
    ) as api:
        assert [api.get("/boards").status_code for _ in range(3)] == [503, 503, 200]
        wanted = trend_answer(emu)
        emu.set_answer("trending_keywords_list", wanted)
        assert api.get(TRENDS).json()["trends"][0]["keyword"] == "sourdough starter"
        snapshot = emu.snapshot()
        emu.seed({"users": [{"username": "bo"}]})
        emu.restore(snapshot)
        assert "bo" not in {user.username for user in emu.state.users.values()}
    assert emu.control_url == emu.base_url + "/_emulator"


def test_the_control_plane_is_guarded(make_emulator):
    emu = make_emulator()
    with control(emu) as admin:
        rebound = admin.post("/reset", headers={"Host": "attacker.example"})
        assert rebound.status_code == 403 and "Host not allowed" in rebound.json()["message"]
        assert admin.get("/state", headers={"Host": "attacker.example:80"}).status_code == 403
        foreign = admin.post("/reset", headers={"Origin": "http://attacker.example"})
        assert foreign.status_code == 403
        simple = admin.post("/reset", content=b"{}", headers={"Content-Type": "text/plain"})  # no preflight
        assert simple.status_code == 415
        apps = admin.get("/state").json()["apps"]
        assert {app["secret"] for app in apps} == {"***"}
        assert "emulator-demo-secret" in {app["secret"] for app in admin.get("/state?secrets=1").json()["apps"]}
    with http(emu) as api:  # the API itself is not behind the control plane's guard
        assert api.get("/user_account").status_code == 200


def test_a_control_token_and_allowed_hosts(make_emulator):
    emu = make_emulator(control_token="s3cret", allowed_hosts=["emulator.test"])
    with control(emu) as admin:
        assert admin.post("/reset").status_code == 401
        assert admin.post("/reset", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        named = admin.post("/reset", headers={"X-Emulator-Token": "s3cret", "Host": "emulator.test:8080"})
        assert named.status_code == 200


def _hidden(page: str) -> dict[str, str]:
    return {unescape(n): unescape(v) for n, v in re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', page)}


def test_the_consent_form_is_protected_from_forgery(emulator):
    query = {
        "client_id": "1484362",
        "redirect_uri": "http://localhost:8085/",
        "response_type": "code",
        "scope": "boards:read",
    }
    page = httpx.get(emulator.base_url + "/oauth/", params=query)
    form = _hidden(page.text) | {"decision": "allow"}
    assert len(form["csrf"]) == 64
    forged = httpx.post(emulator.base_url + "/oauth/", data={**query, "decision": "allow"})
    assert forged.status_code == 403 and "was not sent from the emulator" in forged.text
    other_user = {**form, "user": emulator.state.user("penny_demo").id}  # a token signed for another user
    assert httpx.post(emulator.base_url + "/oauth/", data=other_user).status_code == 403
    cross = httpx.post(emulator.base_url + "/oauth/", data=form, headers={"Origin": "http://attacker.example"})
    assert cross.status_code == 403
    allowed = httpx.post(emulator.base_url + "/oauth/", data=form)
    assert allowed.status_code == 303 and "code=" in allowed.headers["location"]


def test_the_consent_page_refuses_a_foreign_host(emulator):
    url = emulator.base_url + "/oauth/"
    rebound = httpx.get(url, params={"client_id": "1484362"}, headers={"Host": "evil.example"})
    assert rebound.status_code == 403 and "--allow-host" in rebound.text


@pytest.mark.parametrize("header", ["slow:99999999999999999999", f"slow:{MAX_DELAY_MS + 1}", "slow:-5"])
def test_a_slow_fault_is_bounded(emulator, header):
    with http(emulator) as api:
        refused = api.get("/user_account", headers={"X-Emulator-Fault": header})
    assert refused.status_code == 400 and "60000" in refused.json()["message"]
