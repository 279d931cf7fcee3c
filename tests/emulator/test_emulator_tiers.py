"""Access tiers as the live API applies them, Pinterest's API sandbox, and rate limits per category."""

from __future__ import annotations

import datetime as dt
import warnings

import httpx
import pytest
from support.emulator import http

from pinterest_tools.emulator.data import demo_data
from pinterest_tools.emulator.data.clock import Clock
from pinterest_tools.emulator.serving.data_file import DataFileError, load
from pinterest_tools.emulator.testing import start_emulator
from pinterest_tools.emulator.wire.rate_limits import CATEGORY_LIMITS, Limits, Outcome, RateLimit, parse_rate_limits
from pinterest_tools.errors import NotFoundError, RestrictedFeatureError, SandboxUnavailableWarning
from pinterest_tools.operation_facts import category, operation_at, sandbox_enabled
from pinterest_tools.rest import Pinterest

TRIAL_APP = {"id": "777", "secret": "s", "name": "Trial app", "tier": "Trial"}
TODAY = dt.datetime.now(dt.UTC).date()
ANALYTICS = {"start_date": str(TODAY - dt.timedelta(days=3)), "end_date": str(TODAY)}


def trial_document() -> dict:
    doc = demo_data.demo_document()
    doc["apps"] = [TRIAL_APP]
    return doc


def a_pin_of(emu, username: str = "dexter_demo") -> str:
    owner = emu.state.user(username)
    return next(pin.id for pin in emu.state.pins.values() if pin.owner_id == owner.id)


def test_the_operation_facts_come_from_the_description():
    assert category("pins_create") == "org_write" and category("boards_list") == "org_read"
    assert category("ad_account_analytics") == "ads_analytics"
    assert category("trends_editorial_articles_list") == "trends_read"
    assert sandbox_enabled("pins_create") and not sandbox_enabled("user_account_analytics")
    assert not sandbox_enabled("search_partner_pins") and sandbox_enabled("campaign_ad_preview_read")
    assert category("no_such_operation") is None
    # every one of the 266 has both (the supplement's 35 from the 5.28.0 overlay)
    from pinterest_api_v5.operations import OPERATIONS

    assert len(OPERATIONS) == 266 and all(category(op_id) for op_id in OPERATIONS)
    assert sum(not sandbox_enabled(op_id) for op_id in OPERATIONS) == 144
    assert operation_at("GET", "/pins/analytics") == "multi_pins_analytics"
    assert operation_at("PATCH", "/pins/123") == "pins_update" and operation_at("GET", "/nowhere") is None


def test_a_trial_app_writes_boards_but_is_refused_pin_create_edit_and_partner_search(make_emulator):
    emu = make_emulator(data=trial_document())
    pin_id = a_pin_of(emu)
    with http(emu, emu.issue_token(app_id="777")) as api:
        created = api.post("/boards", json={"name": "Trial board"})
        assert created.status_code == 201 and created.json()["name"] == "Trial board"
        edited = api.patch(f"/boards/{created.json()['id']}", json={"description": "edited"})
        assert edited.status_code == 200 and edited.json()["description"] == "edited"
        board_id = created.json()["id"]
        pin = api.post(
            "/pins",
            json={"board_id": board_id, "media_source": {"source_type": "image_url", "url": "https://i.example/a.jpg"}},
        )
        assert pin.status_code == 403 and pin.json()["code"] == 29
        assert "Trial access may not create Pins" in pin.json()["message"]
        edit = api.patch(f"/pins/{pin_id}", json={"title": "new"})
        assert edit.status_code == 401 and edit.json() == {"code": 3, "message": "restricted feature: pin_edit"}
        search = api.get("/search/partner/pins", params={"term": "soup"})
        assert search.status_code == 401 and search.json()["message"] == "restricted feature: pin_search"
        assert api.get(f"/pins/{pin_id}").status_code == 200  # reads are served
    with http(emu) as standard:  # the same user through a Standard app edits the pin
        assert standard.patch(f"/pins/{pin_id}", json={"title": "new"}).status_code == 200
    # Trial boards are their creator's alone: another user does not see the public board.
    with http(emu, user="penny_demo") as other:
        assert other.get(f"/boards/{board_id}").status_code == 404
    with http(emu) as owner:
        assert owner.get(f"/boards/{board_id}").status_code == 200
    dumped = emu.dump()
    assert [app["tier"] for app in dumped["apps"] if app["id"] == "777"] == ["Trial"]
    assert load(dumped).boards[board_id].creator_only


def test_the_tier_in_the_data_file_and_seed(emulator):
    doc = demo_data.demo_document()
    doc["apps"] = [{"id": "8", "secret": "s", "tier": "standard"}, {"id": "9", "secret": "s", "trial": True}]
    state = load(doc)
    assert (state.apps["8"].trial, state.apps["9"].trial) == (False, True)
    doc["apps"] = [{"id": "8", "secret": "s", "tier": "Gold"}]
    with pytest.raises(DataFileError, match=r"data\.apps\[0\]\.tier: Trial or Standard, not 'Gold'"):
        load(doc)
    with start_emulator("inprocess") as emu:
        emu.seed({"apps": [TRIAL_APP]})
        assert emu.state.apps["777"].trial


def test_a_trial_app_edits_a_pin_through_the_client_and_gets_restricted_feature_error():
    with start_emulator("inprocess", data=trial_document()) as emu:
        pin_id = a_pin_of(emu)
        with emu.client(token=emu.issue_token(app_id="777")) as client, pytest.raises(RestrictedFeatureError) as raised:
            client.pins.update(pin_id, body={"title": "new"})
    assert raised.value.feature == "pin_edit" and raised.value.status_code == 401


def test_the_sandbox_refuses_what_the_description_marks_disabled_under_its_base_path(make_emulator):
    emu = make_emulator(data=trial_document())
    token = emu.issue_token()
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=emu.base_url, headers=headers) as raw:
        refused = raw.get("/sandbox/v5/user_account/analytics", params=ANALYTICS)
        assert refused.status_code == 404
        assert refused.json() == {
            "code": 11,
            "message": "user_account_analytics is not available in the API sandbox (x-sandbox: disabled).",
        }
        assert refused.headers["x-ratelimit-limit"] == "300"  # org_analytics, Standard, per minute
        assert raw.get("/v5/user_account/analytics", params=ANALYTICS).status_code == 200  # production serves it
        assert raw.get("/sandbox/v5/boards").status_code == 200  # the sandbox serves boards
        # A Trial app may create Pins in the sandbox, as the live 403's message says.
        trial = {"Authorization": f"Bearer {emu.issue_token(app_id='777')}"}
        board = emu.state.boards_of(emu.state.first_user().id)[0].id
        body = {"board_id": board, "media_source": {"source_type": "image_url", "url": "https://i.example/a.jpg"}}
        assert raw.post("/sandbox/v5/pins", json=body, headers=trial).status_code == 201
        assert raw.post("/v5/pins", json=body, headers=trial).status_code == 403


def test_sandbox_mode_and_the_client_warning_before_sending():
    with start_emulator("inprocess", sandbox=True, record=True) as emu:
        client = Pinterest(access_token=emu.token, base_url=emu.base_url, transport=emu.transport, sandbox=True)
        warned = pytest.warns(SandboxUnavailableWarning, match="user_account_analytics is not available")
        with warned, pytest.raises(NotFoundError) as raised:
            client.user_account.analytics.get(start_date=TODAY - dt.timedelta(days=3), end_date=TODAY)
        assert raised.value.status_code == 404 and raised.value.code == 11
        assert [exchange.status for exchange in emu.exchanges][-1:] == [404]
        with client, warnings.catch_warnings():
            warnings.simplefilter("error", SandboxUnavailableWarning)
            assert len(list(client.boards.list())) == len(emu.state.boards_of(emu.state.first_user().id))  # no warning


def test_one_category_reaches_its_limit_while_another_answers_and_the_clock_resets_it(make_emulator):
    emu = make_emulator(rate_limits={"org_write": "2/min"})
    with http(emu) as api:
        first = api.post("/boards", json={"name": "One"})
        assert first.status_code == 201
        assert (first.headers["x-ratelimit-limit"], first.headers["x-ratelimit-remaining"]) == ("2", "1")
        assert api.post("/boards", json={"name": "Two"}).headers["x-ratelimit-remaining"] == "0"
        limited = api.post("/boards", json={"name": "Three"})
        assert limited.status_code == 429 and limited.json()["code"] == 429
        assert limited.headers["x-ratelimit-limit"] == "2" and limited.headers["x-ratelimit-remaining"] == "0"
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        read = api.get("/boards")  # org_read: its own window, Pinterest's Standard 1,000 a minute
        assert read.status_code == 200 and read.headers["x-ratelimit-limit"] == str(CATEGORY_LIMITS["org_read"][1])
        emu.clock.advance(60)
        again = api.post("/boards", json={"name": "Three"})
        assert again.status_code == 201 and again.headers["x-ratelimit-remaining"] == "1"


def test_trial_limits_are_per_day_per_app_with_code_8(make_emulator):
    doc = trial_document()
    doc["rate_limits"] = {"org_read": "2/d"}
    emu = make_emulator(data=doc)
    penny_token = emu.issue_token("penny_demo", app_id="777")
    with http(emu, emu.issue_token(app_id="777")) as dexter, http(emu, penny_token) as penny:
        assert dexter.get("/boards").headers["x-ratelimit-limit"] == "2"
        assert penny.get("/boards").status_code == 200  # the same app: one window for every user
        spent = dexter.get("/boards")
        assert spent.status_code == 429 and spent.json()["code"] == 8
        assert int(spent.headers["x-ratelimit-reset"]) > 23 * 3600
        assert dexter.get("/ad_accounts").headers["x-ratelimit-limit"] == "1000"  # ads_read, Trial: 1,000 a day
    assert emu.dump()["rate_limits"] == {"org_read": "2/d"}


def test_the_universal_limit_when_asked_for(make_emulator):
    emu = make_emulator(rate_limits="universal=3/s")
    with http(emu) as api:
        assert [api.get("/boards").status_code for _ in range(3)] == [200, 200, 200]
        assert api.get("/ad_accounts").status_code == 429  # another category, the same universal window
        emu.clock.advance(1)
        assert api.get("/ad_accounts").status_code == 200


def test_rate_limits_parse_and_refuse_unknown_categories():
    assert parse_rate_limits("ads_write=10/s, universal=5/min") == {
        "ads_write": RateLimit(10, 1),
        "universal": RateLimit(5, 60),
    }
    with pytest.raises(ValueError, match="unknown rate-limit category 'ads_writ'"):
        parse_rate_limits("ads_writ=10/s")
    with pytest.raises(ValueError, match="expected CATEGORY=N/WINDOW"):
        parse_rate_limits("10/s")


def test_trials_universal_limit_is_1000_requests_a_day_per_app():
    clock = Clock()
    limits = Limits(clock)
    verdicts = [limits.check(f"token:{i % 3}", "777", user_id=str(i % 3), trial=True) for i in range(1001)]
    assert [v.outcome for v in verdicts[:1000]] == [Outcome.OK] * 1000
    assert verdicts[1000].outcome is Outcome.QUOTA and verdicts[1000].window.limit == 1000
    assert limits.check("token:x", "888", user_id="x", trial=True).outcome is Outcome.OK  # another app
    assert limits.check("token:y", "777", user_id="y", trial=False).outcome is Outcome.OK  # Standard: none by default
    clock.advance(24 * 3600)
    assert limits.check("token:0", "777", user_id="0", trial=True).outcome is Outcome.OK
