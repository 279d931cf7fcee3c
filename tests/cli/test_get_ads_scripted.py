"""get_ads against a scripted Pinterest: the exact calls (v5 and the ads v4 paths of v3) and upstream's lines."""

from __future__ import annotations

import json

from support.ads import Scripted, scripted_fixture, v3_ads, v5_ads  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import get_ads


def test_all_ads_v5_calls_and_indentation(scripted: Scripted) -> None:
    v5_ads(scripted.fake)
    result = scripted.run(get_ads, "--all-ads")
    assert result.code == 0, result.err
    start = result.lines.index("--------------------") + 1
    assert result.lines[start:] == [
        "Ad Account ID: 500 | Name: Shop",
        "  Campaign ID: 600 | Name: Spring (ACTIVE)",
        "    Ad Group ID: 700 | Name: Group (ACTIVE)",
        "      Ad ID: 800 | Name: Ad one (ACTIVE)",
        "      Ad ID: 801 | Name: Ad two",
        "  Campaign ID: 601 | Name: Fall (PAUSED)",
        "    Ad Group ID: 700 | Name: Group (ACTIVE)",
        "      Ad ID: 800 | Name: Ad one (ACTIVE)",
        "      Ad ID: 801 | Name: Ad two",
        "Ad Account ID: 501 | Name: Other",
        "  This Ad Account has no Campaigns.",
    ]
    groups = scripted.query("/v5/ad_accounts/500/ad_groups")
    assert [q["campaign_ids"] for q in groups] == [["600"], ["601"]]
    ads = scripted.query("/v5/ad_accounts/500/ads")
    assert ads[0]["campaign_ids"] == ["600"] and ads[0]["ad_group_ids"] == ["700"]


def test_v3_uses_the_ads_v4_paths_exactly_as_upstream(scripted: Scripted) -> None:
    v3_ads(scripted.fake)
    result = scripted.run(get_ads, "--all-ads", version=3)
    assert result.code == 0, result.err
    assert "Ad Account ID: 500 | Name: Shop (ACTIVE)" in result.lines
    assert "      Ad ID: 800 | Name: Ad one" in result.lines
    (advertisers,) = scripted.query("/ads/v4/advertisers/")
    assert advertisers["owner_user_id"] == ["77"] and advertisers["include_acl"] == ["true"]
    assert scripted.query("/ads/v4/advertisers/500/ad_groups")[0]["campaign_ids"] == ["600"]
    ads = scripted.query("/ads/v4/advertisers/500/ads")[0]
    assert (ads["campaign_ids"], ads["ad_group_ids"]) == (["600"], ["700"])
    assert len(scripted.fake.calls("GET", "/v3/users/me/")) == 1  # the user id is read once


def test_interactive_walk_asks_per_level_and_prints_the_ads(scripted: Scripted) -> None:
    v5_ads(scripted.fake)
    result = scripted.run(get_ads, stdin="1\n2\n")
    assert result.code == 0, result.err
    out = result.out
    assert "[1] Ad Account ID: 500 | Name: Shop\n[2] Ad Account ID: 501 | Name: Other\n" in out
    assert "Please select the Ad Account number between 1 and 2: [1] " in out
    assert "Please select the Campaign number between 1 and 2: [1] " in out
    assert "Ad Group number" not in out  # one ad group: no question
    assert out.endswith("[1] Ad ID: 800 | Name: Ad one (ACTIVE)\n[2] Ad ID: 801 | Name: Ad two\n")
    assert scripted.query("/v5/ad_accounts/500/ad_groups")[0]["campaign_ids"] == ["601"]


def test_an_empty_level_ends_the_walk(scripted: Scripted) -> None:
    v5_ads(scripted.fake)
    result = scripted.run(get_ads, stdin="2\n")
    assert result.code == 0 and result.lines[-1] == "This Ad Account has no Campaigns."


def test_selectors_need_no_input(scripted: Scripted) -> None:
    v5_ads(scripted.fake)
    argv = ["--ad-account-id", "500", "--campaign-id", "601", "--ad-group-id", "700", "--ad-id", "801"]
    result = scripted.run(get_ads, *argv, stdin=None)
    assert result.code == 0, result.err
    assert result.lines[-4:] == [
        "Using the Ad Account with identifier: 500",
        "Using the Campaign with identifier: 601",
        "Using the Ad Group with identifier: 700",
        "Ad ID: 801 | Name: Ad two",
    ]
    assert scripted.fake.calls("GET", "/v5/ad_accounts") == []
    missing = scripted.run(get_ads, *argv[:-1], "999")
    assert missing.code == 1 and missing.err == "error: Ad 999 not found in Ad Group 700\n"


def test_end_of_input_at_a_question_stops_with_one_line(scripted: Scripted) -> None:
    v5_ads(scripted.fake)
    result = scripted.run(get_ads, stdin="")
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.startswith("error: input ended before an answer was given")


def test_json_is_the_tree_under_the_selectors(scripted: Scripted) -> None:
    v5_ads(scripted.fake)
    result = scripted.run(get_ads, "--json", "--ad-account-id", "500", "--campaign-id", "600")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    (account,) = document["ad_accounts"]
    assert account["ad_account"]["id"] == "500"
    (campaign,) = account["campaigns"]
    assert campaign["campaign"] == {"id": "600", "name": "Spring", "status": "ACTIVE"}
    assert [ad["id"] for ad in campaign["ad_groups"][0]["ads"]] == ["800", "801"]
    assert scripted.fake.calls("GET", "/v5/user_account") == []


def test_dependency_rules_are_usage_errors(scripted: Scripted) -> None:
    for argv, message in [
        (["--campaign-id", "1"], "--campaign-id requires --ad-account-id"),
        (["--ad-account-id", "1", "--ad-group-id", "2"], "--ad-group-id requires --campaign-id"),
        (["--ad-account-id", "1", "--campaign-id", "2", "--ad-id", "3"], "--ad-id requires --ad-group-id"),
        (["--ad-account-id", "x1"], "ad account id must be a number"),
    ]:
        result = scripted.run(get_ads, *argv)
        assert result.code == 2 and result.out == "" and result.err.count("\n") == 1, argv
        assert message in result.err
    assert scripted.fake.requests == []
