"""get_terms and get_businesses end to end against the emulator, v5 and v3."""

from __future__ import annotations

import json
from typing import Any

import httpx
from support.commands import VERSIONS, Commands, commands_fixture  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import get_businesses, get_terms


def ask(commands: Commands, path: str, **params: Any) -> Any:
    """The emulator's own answer to a GET (with a token of the commands' user)."""
    headers = {"Authorization": f"Bearer {commands.token()}"}
    return httpx.get(commands.emu.base_url + path, params=params, headers=headers).json()


@VERSIONS
def test_related_terms(commands: Commands, version: int) -> None:
    commands.login()
    start = len(commands.emu.exchanges)  # the v3 variant's probe of the emulator came before
    result = commands.run(get_terms, "sofa,garden chair", "--related", stdin="")
    if version == 3:
        assert result.code == 2 and result.out == ""
        assert result.err == "error: Terms are supported by Pinterest API v5, but not v3 or v4.\n"
        assert commands.emu.exchanges[start:] == []
        return
    assert result.code == 0, result.err
    served = ask(commands, "/v5/terms/related", terms=["sofa", "garden chair"])
    lines = ["--- Related Terms ---", f"First Input Term: {served['id']}", f"Count: {served['related_term_count']}"]
    for entry in served["related_terms_list"]:
        lines += [f"Term: {entry['term']}", *(f"  Related Term: {t}" for t in entry["related_terms"])]
    assert result.lines == [*lines, "--------------------"]
    assert served["id"] == "sofa" and len(served["related_terms_list"]) == 2
    assert json.loads(commands.run(get_terms, "sofa,garden chair", "-r", "--json").out) == served


@VERSIONS
def test_suggested_terms_with_a_limit(commands: Commands, version: int) -> None:
    commands.login()
    result = commands.run(get_terms, "sofa", "-s", "--limit", "3", stdin="")
    if version == 3:
        assert result.code == 2 and "Terms are supported by Pinterest API v5" in result.err
        return
    assert result.code == 0, result.err
    served = ask(commands, "/v5/terms/suggested", term="sofa", limit=3)
    assert len(served) == 3
    assert result.lines == ["--- Suggested Terms ---", *(f"Term: {t}" for t in served), "--------------------"]


@VERSIONS
def test_terms_validation(commands: Commands, version: int) -> None:
    commands.login()
    start = len(commands.emu.exchanges)
    for argv, message in [
        (["sofa", "-s", "--limit", "11"], "limit must be between 1 and 10, not 11"),
        (["sofa", "-s", "--limit", "0"], "limit must be between 1 and 10, not 0"),
        (["sofa,chair", "-s"], "--suggested takes a single term"),
        (["sofa"], "Please specify --related or --suggested"),
        (["sofa", "-r", "-s"], "Please specify only one of --related or --suggested"),
        (["sofa", "-r", "-n", "2"], "--limit applies only to --suggested"),
    ]:
        result = commands.run(get_terms, *argv, stdin="")
        assert result.code == 2 and result.out == "" and result.err.count("\n") == 1 and message in result.err
    assert commands.emu.exchanges[start:] == []


@VERSIONS
def test_get_businesses(commands: Commands, version: int) -> None:
    commands.login()
    result = commands.run(get_businesses, stdin="")
    assert result.code == 0, result.err
    assert result.lines[0] == "--- User Summary ---"
    if version == 5:
        assert result.lines[-3:] == [
            "trying to get businesses...",
            "Businesses endpoint is not available in v5.",
            "This account has no information on linked businesses.",
        ]
        assert [e.path for e in commands.emu.exchanges][-1:] == ["/v5/user_account"]
        return
    served = ask(commands, "/v3/users/me/businesses/")["data"]
    start = result.lines.index("trying to get businesses...") + 1
    if served:
        assert json.loads("\n".join(result.lines[start:])) == served
    else:
        assert result.lines[start:] == ["This account has no information on linked businesses."]
    assert json.loads(commands.run(get_businesses, "--json").out) == served
