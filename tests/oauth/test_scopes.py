"""Scope names: the full v5 and v3 lists, upstream's aliases and defaults, the help text."""

from __future__ import annotations

import pytest

from pinterest_tools.errors import UsageError
from pinterest_tools.oauth.scopes import DEFAULT_SCOPES, all_scopes, scope_help, validate_scopes

NEW_IN_V5 = [
    "billing:read",
    "billing:write",
    "biz_access:read",
    "biz_access:write",
    "msot:write",
    "user_accounts:write",
]


def test_v5_list_is_complete() -> None:
    scopes = all_scopes(5)
    assert len(scopes) == 19
    assert set(NEW_IN_V5) <= set(scopes)
    assert validate_scopes(NEW_IN_V5, 5) == NEW_IN_V5


def test_v3_list_follows_api_v3_section_2() -> None:
    scopes = all_scopes(3)
    assert {"read_pins", "write_pins", "read_users", "read_advertisers", "read_organic", "manage_merchants"} <= set(
        scopes
    )
    assert validate_scopes("read_pins,WRITE_BOARDS", 3) == ["read_pins", "write_boards"]
    with pytest.raises(UsageError):
        validate_scopes(["pins:read"], 3)


def test_aliases_case_duplicates_and_comma_strings() -> None:
    assert validate_scopes("bOARds:reAd, READ_PINS,READ_ADVERTISERS,ads:read,,", 5) == [
        "boards:read",
        "pins:read",
        "ads:read",
    ]
    assert validate_scopes(["READ_USERS"], 5) == ["user_accounts:read"]


def test_invalid_scope_is_a_usage_error_with_a_hint() -> None:
    with pytest.raises(UsageError, match="invalid scope: pins:delete") as info:
        validate_scopes(["pins:read", "pins:delete"], 5)
    assert info.value.exit_code == 2 and "-s help" in (info.value.hint or "")


def test_help_lists_names_with_descriptions() -> None:
    text = scope_help(5)
    assert text.splitlines()[0] == "Valid OAuth v5 scopes:"
    assert "msot:write" in text and "Create measurement source of truth events" in text
    assert len(text.splitlines()) == 20
    assert "read_secret_pins" in scope_help(3)


def test_defaults_as_upstream() -> None:
    assert DEFAULT_SCOPES[5] == ("user_accounts:read", "pins:read", "boards:read")
    assert DEFAULT_SCOPES[3] == ()
