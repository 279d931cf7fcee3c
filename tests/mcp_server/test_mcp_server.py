"""The MCP server end to end: the SDK's stdio client talks to ``python -m pinterest_tools.mcp`` on the emulator."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import Any

import pytest
from mcp import ClientSession
from support.mcp_session import call, run_session

from pinterest_tools.emulator import DEMO_APP_ID
from pinterest_tools.emulator.testing import PinterestEmulator, start_emulator
from pinterest_tools.mcp_server.tools import curated_tools

pytest.importorskip("mcp")

ALL_FLAGS = ("--allow-writes", "--allow-deletes")
# Pinterest (and the emulator) keep 90 days of metrics.
START = (datetime.date.today() - datetime.timedelta(days=7)).isoformat()
END = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()


@pytest.fixture
def emu() -> Any:
    with start_emulator("socket") as emulator:
        yield emulator


def board_names(emu: PinterestEmulator) -> set[str]:
    return {board.name for board in emu.client().boards.list()}


def test_every_curated_tool_against_the_emulator(emu: PinterestEmulator, tmp_path: Path) -> None:
    checked: list[str] = []

    async def body(session: ClientSession) -> dict[str, Any]:
        async def ok(tool: str, **arguments: Any) -> Any:
            is_error, text, parsed = await call(session, tool, **arguments)
            assert not is_error, f"{tool}: {text}"
            checked.append(tool)
            return parsed

        listed = {tool.name: tool for tool in (await session.list_tools()).tools}
        assert set(listed) == {tool.name for tool in curated_tools()} | {
            "list_operations",
            "describe_operation",
            "call_operation",
        }
        assert listed["get_board"].input_schema["required"] == ["board_id"]
        assert listed["delete_board"].annotations is not None and listed["delete_board"].annotations.destructive_hint

        me = await ok("get_user_account")
        first = await ok("list_boards", limit=2)
        second = await ok("list_boards", limit=2, bookmark=first["bookmark"])
        board_id = first["items"][0]["id"]
        board = await ok("get_board", board_id=board_id)
        created = await ok("create_board", name="Soups by agent", description="made over MCP")
        updated = await ok("update_board", board_id=created["id"], description="changed over MCP")
        section = await ok("create_board_section", board_id=created["id"], name="Broths")
        sections = await ok("list_board_sections", board_id=created["id"])
        pins = await ok("list_pins", limit=3)
        pin_id = pins["items"][0]["id"]
        pin = await ok("get_pin", pin_id=pin_id)
        board_pins = await ok("list_board_pins", board_id=board_id)
        new_pin = await ok(
            "create_pin",
            board_id=created["id"],
            image_url="https://example.com/soup.jpg",
            title="Tomato soup",
            description="over MCP",
        )
        changed_pin = await ok("update_pin", pin_id=new_pin["id"], title="Tomato soup, better")
        saved = await ok("save_pin", pin_id=pin_id, board_id=created["id"])
        found_pins = await ok("search_my_pins", query="Tomato")
        found_boards = await ok("search_my_boards", query="Soups")
        pin_metrics = await ok(
            "get_pin_analytics",
            pin_id=pin_id,
            start_date=START,
            end_date=END,
            metric_types=["IMPRESSION"],
        )
        account_metrics = await ok("get_account_analytics", start_date=START, end_date=END)
        accounts = await ok("list_ad_accounts")
        account_id = accounts["items"][0]["id"]
        account = await ok("get_ad_account", ad_account_id=account_id)
        campaigns = await ok("list_campaigns", ad_account_id=account_id)
        campaign = await ok("get_campaign", ad_account_id=account_id, campaign_id=campaigns["items"][0]["id"])
        groups = await ok("list_ad_groups", ad_account_id=account_id)
        group = await ok("get_ad_group", ad_account_id=account_id, ad_group_id=groups["items"][0]["id"])
        ads = await ok("list_ads", ad_account_id=account_id)
        ad = await ok("get_ad", ad_account_id=account_id, ad_id=ads["items"][0]["id"])
        catalogs = await ok("list_catalogs")
        feeds = await ok("list_catalog_feeds")
        product_groups = await ok("list_product_groups")
        catalog_items = await ok(
            "list_catalog_items",
            country="US",
            language="EN",
            filters={"catalog_type": "RETAIL", "item_ids": ["DS0294-M"]},
        )
        ad_metrics = await ok(
            "get_ad_account_analytics",
            ad_account_id=account_id,
            start_date=START,
            end_date=END,
            columns=["SPEND_IN_DOLLAR", "IMPRESSION_1"],
            granularity="DAY",
        )
        report = await ok(
            "run_ads_report",
            ad_account_id=account_id,
            start_date=START,
            end_date=END,
            granularity="DAY",
            level="CAMPAIGN",
            columns=["SPEND_IN_DOLLAR", "IMPRESSION_1"],
            report_format="JSON",
            max_rows=2,
        )
        await ok("delete_pin", pin_id=new_pin["id"])
        deleted = await ok("delete_board", board_id=created["id"])
        return locals()

    seen, _ = run_session(emu, body, *ALL_FLAGS, "--toolsets", "all", "--no-confirm", "--report-dir", str(tmp_path))
    assert sorted(set(checked)) == sorted(tool.name for tool in curated_tools() if tool.name != "get_pin_image")
    assert seen["me"]["username"] == "dexter_demo"
    assert len(seen["first"]["items"]) == 2 and seen["first"]["bookmark"]
    assert {b["id"] for b in seen["first"]["items"]}.isdisjoint(b["id"] for b in seen["second"]["items"])
    assert seen["board"]["id"] == seen["board_id"]
    assert seen["created"]["name"] == "Soups by agent"
    assert seen["updated"]["description"] == "changed over MCP"
    assert seen["section"]["name"] == "Broths"
    assert [s["name"] for s in seen["sections"]["items"]] == ["Broths"]
    assert len(seen["pins"]["items"]) == 3 and seen["pin"]["id"] == seen["pin_id"]
    assert all(p["board_id"] == seen["board_id"] for p in seen["board_pins"]["items"])
    assert seen["new_pin"]["board_id"] == seen["created"]["id"] and seen["new_pin"]["title"] == "Tomato soup"
    assert seen["changed_pin"]["title"] == "Tomato soup, better"
    assert seen["saved"]["board_id"] == seen["created"]["id"]
    # the emulator answers search from the description's examples: a page of pins and of boards
    assert seen["found_pins"]["items"] and all("id" in p for p in seen["found_pins"]["items"])
    assert "items" in seen["found_boards"] and "bookmark" in seen["found_boards"]
    daily = seen["pin_metrics"]["all"]["daily_metrics"]
    assert len(daily) == 7 and all("IMPRESSION" in day["metrics"] for day in daily)
    assert seen["account_metrics"]["all"]["daily_metrics"]
    assert seen["account"]["id"] == seen["account_id"]
    assert seen["campaign"]["id"] == seen["campaigns"]["items"][0]["id"]
    assert seen["group"]["id"] == seen["groups"]["items"][0]["id"]
    assert seen["ad"]["id"] == seen["ads"]["items"][0]["id"]
    assert isinstance(seen["ad_metrics"], list) and "SPEND_IN_DOLLAR" in seen["ad_metrics"][0]
    report = seen["report"]
    assert Path(report["path"]).parent == tmp_path and Path(report["path"]).stat().st_size > 0
    assert report["row_count"] >= len(report["rows"]) and len(report["rows"]) <= 2
    assert Path(report["path"]).suffix == ".json" and Path(report["path"]).name.startswith("ads-report-")
    assert isinstance(seen["catalogs"]["items"], list) and "bookmark" in seen["catalogs"]
    assert isinstance(seen["feeds"]["items"], list) and isinstance(seen["product_groups"]["items"], list)
    assert "items" in seen["catalog_items"]
    assert seen["deleted"] == {"ok": True}
    assert "Soups by agent" not in board_names(emu)


def test_call_operation_reaches_other_families_and_checks_arguments(emu: PinterestEmulator) -> None:
    async def body(session: ClientSession) -> dict[str, Any]:
        listing = (await call(session, "list_operations", query="followers"))[2]
        described = (await call(session, "describe_operation", operation_id="audiences/list"))[2]
        followers = await call(session, "call_operation", operation_id="followers/list", arguments={})
        accounts = (await call(session, "call_operation", operation_id="ad_accounts/list", arguments={}))[2]
        account_id = accounts["items"][0]["id"]
        audiences = await call(
            session, "call_operation", operation_id="audiences/list", arguments={"ad_account_id": account_id}
        )
        terms = await call(session, "call_operation", operation_id="terms_related/list", arguments={"terms": ["soup"]})
        suggested = await call(
            session, "call_operation", operation_id="terms_suggested/list", arguments={"term": "soup", "limit": 2}
        )
        unknown_argument = await call(session, "get_board", board_id="1", colour="red")
        wrong_type = await call(session, "call_operation", operation_id="boards/get", arguments={"board_id": ["5"]})
        not_enum = await call(session, "list_boards", privacy="HIDDEN")
        no_operation = await call(session, "call_operation", operation_id="boards/lists")
        bad_date = await call(session, "get_account_analytics", start_date="yesterday", end_date=END)
        return locals()

    seen, _ = run_session(emu, body)
    assert any(row["operation_id"] == "followers/list" for row in seen["listing"]["items"])
    assert seen["described"]["arguments"]["required"] == ["ad_account_id"]
    for name in ("followers", "audiences", "terms", "suggested"):
        is_error, text, parsed = seen[name]
        assert not is_error, text
        assert parsed
    assert "items" in seen["followers"][2] and "items" in seen["audiences"][2]
    assert 0 < len(seen["suggested"][2]) <= 2  # the operation's own limit, sent as it was given
    for name, expected in {
        "unknown_argument": "unknown argument 'colour'",
        "wrong_type": "board_id: expected a string, got an array",
        "not_enum": "'HIDDEN' is not one of",
        "no_operation": "did you mean boards/list",
        "bad_date": "write dates as YYYY-MM-DD",
    }.items():
        is_error, text, _ = seen[name]
        assert is_error and expected in text, (name, text)
        assert "Traceback" not in text


def test_writes_and_deletes_are_refused_without_their_flags(emu: PinterestEmulator) -> None:
    before = board_names(emu)
    board_id = next(iter(emu.client().boards.list())).id

    async def read_only(session: ClientSession) -> dict[str, Any]:
        create = await call(session, "create_board", name="Never made")
        generic = await call(session, "call_operation", operation_id="boards/create", arguments={"name": "Nor this"})
        listing = (await call(session, "list_operations", query="boards/create"))[2]
        return locals()

    async def writes_only(session: ClientSession) -> dict[str, Any]:
        delete = await call(session, "delete_board", board_id=board_id)
        generic = await call(session, "call_operation", operation_id="boards/delete", arguments={"board_id": board_id})
        create = await call(session, "create_board", name="Allowed")
        return locals()

    refused, _ = run_session(emu, read_only)
    for name in ("create", "generic"):
        is_error, text, _ = refused[name]
        assert is_error and "read-only" in text and "--allow-writes" in text, text
    assert refused["listing"]["items"][0]["allowed"] is False
    assert board_names(emu) == before

    partly, _ = run_session(emu, writes_only, "--allow-writes")
    for name in ("delete", "generic"):
        is_error, text, _ = partly[name]
        assert is_error and "--allow-deletes" in text, text
    assert not partly["create"][0]
    assert board_names(emu) == before | {"Allowed"}


def test_a_missing_scope_names_the_scope(emu: PinterestEmulator) -> None:
    token = emu.issue_token(scopes=["user_accounts:read"])

    async def body(session: ClientSession) -> tuple[Any, Any]:
        return await call(session, "get_user_account"), await call(session, "list_boards")

    (account, boards), _ = run_session(emu, body, env={"ACCESS_TOKEN": token})
    assert not account[0]
    is_error, text, _ = boards
    # a token from the environment does not record its grant: the scope needed is named, and
    # that which of them the token lacks cannot be told (it may hold some of them)
    assert is_error and "hint: this call needs the scope(s) boards:read; which of them the token lacks cannot" in text
    assert "missing scopes:" not in text, text


def test_a_rate_limit_is_a_clear_tool_error() -> None:
    with start_emulator("socket", rate_limit="3/60") as emu:

        async def body(session: ClientSession) -> list[Any]:
            return [await call(session, "get_user_account") for _ in range(5)]

        # not paced: paced, the fourth call would wait out the window instead of meeting the 429
        env = {"PINTEREST_RETRY_ATTEMPTS": "1", "PINTEREST_PACING": "0"}
        answers, _ = run_session(emu, body, env=env)
    errors = [text for is_error, text, _ in answers if is_error]
    assert errors and not answers[0][0]
    assert "HTTP 429" in errors[0] or "too many requests" in errors[0], errors[0]
    assert "hint: " in errors[0] and "Traceback" not in errors[0]


def test_no_result_error_or_log_line_holds_a_token(emu: PinterestEmulator, tmp_path: Path) -> None:
    """A file token that has expired: the server refreshes it (saving it back), at -l 3, and says none of it."""
    from pinterest_tools.oauth.token import Token
    from pinterest_tools.oauth.tokens import FileTokenStore

    user = emu.state.first_user()
    app = emu.state.apps[DEMO_APP_ID]
    old_access = emu.issue_token()
    old_refresh = emu.tokens.issue_refresh(app.id, user.id, list(app.scopes), continuous=True).value
    store = FileTokenStore(tmp_path)
    store.save(
        Token(
            name="access_token",
            access_token=old_access,
            refresh_token=old_refresh,
            scopes=",".join(app.scopes),
            expires_at=time.time() - 10,
        )
    )

    async def body(session: ClientSession) -> list[str]:
        texts = [(await call(session, "get_user_account"))[1]]
        texts.append((await call(session, "list_boards", limit=1))[1])
        texts.append((await call(session, "get_board", board_id="0"))[1])  # a 404
        texts.append((await call(session, "call_operation", operation_id="oauth/token", arguments={}))[1])
        resource = await session.read_resource("pinterest://token")
        texts += [getattr(content, "text", "") for content in resource.contents]
        return texts

    texts, log = run_session(emu, body, "-l", "3", env={"ACCESS_TOKEN": "", "PINTEREST_OAUTH_TOKEN_DIR": str(tmp_path)})
    saved = store.load("access_token")
    assert saved.access_token != old_access and saved.refresh_token  # refreshed and saved back
    assert "dexter_demo" in texts[0] and '"scopes"' in texts[-1]
    assert "GET /v5/user_account" in log  # the log is there, at level 3
    secrets = {old_access, old_refresh, saved.access_token, saved.refresh_token}
    for text in [*texts, log]:
        for secret in secrets:
            assert secret not in text
