"""get_terms and get_businesses against a scripted Pinterest: calls, lines and upstream's validation."""

from __future__ import annotations

import json

import httpx
import pytest
from support.ads import V3_USER, V5_USER, Scripted, envelope, scripted_fixture  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import get_businesses, get_terms

RELATED = {
    "id": "clothes",
    "related_term_count": 3,
    "related_terms_list": [
        {"term": "clothes", "related_terms": ["outfits", "fashion"]},
        {"term": "workout", "related_terms": ["gym"]},
    ],
}


def test_related_terms(scripted: Scripted) -> None:
    scripted.fake.add("GET", "/v5/terms/related", httpx.Response(200, json=RELATED))
    result = scripted.run(get_terms, "clothes, workout", "-r")
    assert result.code == 0, result.err
    assert result.lines == [
        "--- Related Terms ---",
        "First Input Term: clothes",
        "Count: 3",
        "Term: clothes",
        "  Related Term: outfits",
        "  Related Term: fashion",
        "Term: workout",
        "  Related Term: gym",
        "--------------------",
    ]
    assert scripted.query("/v5/terms/related")[0]["terms"] == ["clothes", "workout"]
    as_json = scripted.run(get_terms, "clothes", "--related", "--json")
    assert json.loads(as_json.out) == RELATED


def test_suggested_terms_with_a_limit(scripted: Scripted) -> None:
    scripted.fake.add("GET", "/v5/terms/suggested", httpx.Response(200, json=["sofa", "sofa bed"]))
    result = scripted.run(get_terms, "sofa", "-s", "-n", "2")
    assert result.code == 0, result.err
    assert result.lines == ["--- Suggested Terms ---", "Term: sofa", "Term: sofa bed", "--------------------"]
    assert scripted.query("/v5/terms/suggested") == [{"term": ["sofa"], "limit": ["2"]}]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sofa"], "Please specify --related or --suggested"),
        (["sofa", "-r", "-s"], "Please specify only one of --related or --suggested"),
        (["sofa", "-r", "--limit", "3"], "--limit applies only to --suggested"),
        (["sofa,bed", "-s"], "--suggested takes a single term"),
        (["sofa", "-s", "--limit", "0"], "limit must be between 1 and 10, not 0"),
        (["sofa", "-s", "--limit", "11"], "limit must be between 1 and 10, not 11"),
        (["sofa", "-s", "--limit", "many"], "limit must be a whole number"),
        ([" , ", "-r"], "no terms given"),
        ([], "the following arguments are required: TERMS"),
    ],
)
def test_validation_is_one_line_and_exit_2(scripted: Scripted, argv: list[str], message: str) -> None:
    result = scripted.run(get_terms, *argv)
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1
    assert message in result.err
    assert scripted.fake.requests == []


def test_terms_need_v5(scripted: Scripted) -> None:
    result = scripted.run(get_terms, "sofa", "-s", version=3)
    assert result.code == 2 and "Terms are supported by Pinterest API v5, but not v3 or v4." in result.err
    assert scripted.fake.requests == []


def test_businesses_v3(scripted: Scripted) -> None:
    businesses = [{"id": "9", "full_name": "Shop Inc."}]
    scripted.fake.add("GET", "/v3/users/me/", envelope(V3_USER))
    scripted.fake.add("GET", "/v3/users/me/businesses/", envelope(businesses))
    result = scripted.run(get_businesses, version=3)
    assert result.code == 0, result.err
    assert result.lines[0] == "--- User Summary ---" and "trying to get businesses..." in result.lines
    start = result.lines.index("trying to get businesses...") + 1
    assert json.loads("\n".join(result.lines[start:])) == businesses
    as_json = scripted.run(get_businesses, "--json", version=3)
    assert json.loads(as_json.out) == businesses
    scripted.fake.routes[("GET", "/v3/users/me/businesses/")] = [envelope([])]
    empty = scripted.run(get_businesses, version=3)
    assert empty.lines[-1] == "This account has no information on linked businesses."


def test_businesses_v5_says_the_endpoint_does_not_exist(scripted: Scripted) -> None:
    scripted.fake.add("GET", "/v5/user_account", httpx.Response(200, json=V5_USER))
    result = scripted.run(get_businesses)
    assert result.code == 0, result.err
    assert result.lines[-2:] == [
        "Businesses endpoint is not available in v5.",
        "This account has no information on linked businesses.",
    ]
    assert [r.url.path for r in scripted.fake.requests] == ["/v5/user_account"]
