"""get_ads end to end against the emulator, v5 and v3 (ads v4 paths): upstream's lines, selectors, JSON, prompts."""

from __future__ import annotations

import json
from typing import Any

import httpx
from support.commands import VERSIONS, Commands, commands_fixture  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import get_ads

USER = "dexter_demo"


def summary(kind: str, record: Any) -> str:
    status = getattr(record, "status", None)
    return f"{kind} ID: {record.id} | Name: {record.name}" + (f" ({status})" if status else "")


def account_statuses(commands: Commands, version: int) -> dict[str, str | None]:
    """The status each ad account is served with (v5 ad accounts have none; v3 advertisers do)."""
    if version == 5:
        return {}
    headers = {"Authorization": f"Bearer {commands.token()}"}
    user_id = commands.emu.state.user(USER).id
    params = {"owner_user_id": user_id, "include_acl": "true"}
    served = httpx.get(f"{commands.emu.base_url}/ads/v4/advertisers/", params=params, headers=headers).json()
    return {a["id"]: a.get("status") for a in served["data"]}


def expected_tree(commands: Commands, version: int) -> list[str]:
    """--all-ads as upstream prints it, from the emulator's own records."""
    state = commands.emu.state
    statuses = account_statuses(commands, version)
    lines = []
    for account in state.ad_accounts_of(USER):
        lines.append(summary("Ad Account", _with_status(account, statuses.get(account.id))))
        campaigns = state.campaigns_of(account.id)
        if not campaigns:
            lines.append("  This Ad Account has no Campaigns.")
        for campaign in campaigns:
            lines.append("  " + summary("Campaign", campaign))
            for group in [g for g in state.ad_groups_of(account.id) if g.campaign_id == campaign.id]:
                lines.append("    " + summary("Ad Group", group))
                for ad in [a for a in state.ads_of(account.id) if a.ad_group_id == group.id]:
                    lines.append("      " + summary("Ad", ad))
    return lines


def _with_status(account: Any, served_status: str | None) -> Any:
    class Served:
        id = account.id
        name = account.name
        status = served_status

    return Served()


def hierarchy(commands: Commands) -> tuple[Any, Any, Any, list[Any]]:
    state = commands.emu.state
    account = state.ad_accounts_of(USER)[0]
    campaign = state.campaigns_of(account.id)[0]
    group = next(g for g in state.ad_groups_of(account.id) if g.campaign_id == campaign.id)
    ads = [a for a in state.ads_of(account.id) if a.ad_group_id == group.id]
    return account, campaign, group, ads


@VERSIONS
def test_all_ads_prints_the_whole_hierarchy(commands: Commands, version: int) -> None:
    commands.login()
    result = commands.run(get_ads, "--all-ads", stdin="")
    assert result.code == 0, result.err
    assert result.lines[0] == "--- User Summary ---"
    body = result.lines[result.lines.index("--------------------") + 1 :]
    tree = expected_tree(commands, version)
    assert body == tree and len(tree) > 6
    if version == 3:
        paths = {e.path for e in commands.emu.exchanges if e.path.startswith("/ads/")}
        assert "/ads/v4/advertisers/" in paths


@VERSIONS
def test_selectors_walk_without_reading_stdin(commands: Commands, version: int) -> None:
    commands.login()
    account, campaign, group, ads = hierarchy(commands)
    argv = ["--ad-account-id", account.id, "--campaign-id", campaign.id, "--ad-group-id", group.id]
    result = commands.run(get_ads, *argv, stdin="")  # any read would meet the end of input
    assert result.code == 0, result.err
    assert result.lines[-3 - len(ads) :] == [
        f"Using the Ad Account with identifier: {account.id}",
        f"Using the Campaign with identifier: {campaign.id}",
        f"Using the Ad Group with identifier: {group.id}",
        *(f"[{n}] {summary('Ad', ad)}" for n, ad in enumerate(ads, 1)),
    ]
    one = commands.run(get_ads, *argv, "--ad-id", ads[-1].id, stdin="")
    assert one.code == 0 and one.lines[-1] == summary("Ad", ads[-1])


@VERSIONS
def test_piped_answers_choose_each_level(commands: Commands, version: int) -> None:
    commands.login()
    state = commands.emu.state
    account = state.ad_accounts_of(USER)[0]
    campaign = state.campaigns_of(account.id)[0]
    groups = [g for g in state.ad_groups_of(account.id) if g.campaign_id == campaign.id]
    result = commands.run(get_ads, stdin="1\n1\n2\n")
    assert result.code == 0, result.err
    assert "Please select the Ad Account number between 1 and 2: [1] " in result.out
    assert f"Please select the Ad Group number between 1 and {len(groups)}: [1] " in result.out
    ads = [a for a in state.ads_of(account.id) if a.ad_group_id == groups[1].id]
    assert result.lines[-len(ads) :] == [f"[{n}] {summary('Ad', ad)}" for n, ad in enumerate(ads, 1)]
    cut_short = commands.run(get_ads, stdin="1\n")
    assert cut_short.code == 1 and cut_short.err.startswith("error: input ended before an answer was given")


@VERSIONS
def test_json_document(commands: Commands, version: int) -> None:
    commands.login()
    account, _, group, ads = hierarchy(commands)
    result = commands.run(get_ads, "--json", "--ad-account-id", account.id, stdin="")
    assert result.code == 0, result.err
    document: dict[str, Any] = json.loads(result.out)
    (entry,) = document["ad_accounts"]
    assert entry["ad_account"]["id"] == account.id
    assert [c["campaign"]["id"] for c in entry["campaigns"]] == [
        c.id for c in commands.emu.state.campaigns_of(account.id)
    ]
    first = entry["campaigns"][0]["ad_groups"][0]
    assert first["ad_group"]["id"] == group.id and [ad["id"] for ad in first["ads"]] == [ad.id for ad in ads]


@VERSIONS
def test_unknown_ids_and_missing_parents(commands: Commands, version: int) -> None:
    commands.login()
    account, campaign, group, _ = hierarchy(commands)
    argv = ["--ad-account-id", account.id, "--campaign-id", campaign.id, "--ad-group-id", group.id, "--ad-id", "9"]
    unknown = commands.run(get_ads, *argv, stdin="")
    assert unknown.code == 1 and unknown.err == f"error: Ad 9 not found in Ad Group {group.id}\n"
    orphan = commands.run(get_ads, "--ad-group-id", group.id, stdin="")
    assert orphan.code == 2 and "--ad-group-id requires --campaign-id" in orphan.err and orphan.out == ""
