"""OAuth scope names: validation against the full lists, help text, upstream's defaults.

The lists come from the generated packages (``pinterest_api_v5.operations.SCOPES`` is
every scope of the description's ``pinterest_oauth2`` scheme, including ``billing:*``,
``biz_access:*``, ``msot:write`` and ``user_accounts:write`` that upstream's enum lacks;
``pinterest_api_v3.operations.SCOPES`` is the list v3's OAuth documents). Upstream also accepted its
enum names (``READ_PINS``) and any letter case; so does :func:`validate_scopes`.
"""

from __future__ import annotations

from collections.abc import Iterable

from pinterest_tools.errors import UsageError

# Upstream's defaults: v5 asks for these three; v3 sends no scope (the app's approved scopes).
DEFAULT_SCOPES: dict[int, tuple[str, ...]] = {
    5: ("user_accounts:read", "pins:read", "boards:read"),
    3: (),
}

# Upstream HEAD's v5 enum names (python/src/oauth_scope.py), READ_ADVERTISERS being an alias.
_V5_ENUM_NAMES = {
    "READ_ADS": "ads:read",
    "READ_ADVERTISERS": "ads:read",
    "WRITE_ADS": "ads:write",
    "READ_BOARDS": "boards:read",
    "READ_SECRET_BOARDS": "boards:read_secret",
    "WRITE_BOARDS": "boards:write",
    "WRITE_SECRET_BOARDS": "boards:write_secret",
    "READ_CATALOGS": "catalogs:read",
    "WRITE_CATALOGS": "catalogs:write",
    "READ_PINS": "pins:read",
    "READ_SECRET_PINS": "pins:read_secret",
    "WRITE_PINS": "pins:write",
    "WRITE_SECRET_PINS": "pins:write_secret",
    "READ_USERS": "user_accounts:read",
}


def all_scopes(version: int) -> dict[str, str]:
    """Scope name -> description, as the API description states them."""
    if version == 3:
        from pinterest_api_v3.operations import SCOPES as V3

        return dict(V3)
    from pinterest_api_v5.operations import SCOPES as V5

    return dict(V5)


def validate_scopes(names: Iterable[str] | str, version: int) -> list[str]:
    """Canonical scope names for ``names`` (a list or a comma-separated string), without duplicates.

    Raises:
        UsageError: for an unknown name, listing where to find the valid ones, and for no
            name at all (``""``, ``",,"``): asking for no scope is a slip, and OAuth would
            then grant a token that can do nothing (v5) or whatever the app has (v3).
    """
    if isinstance(names, str):
        names = names.split(",")
    known = all_scopes(version)
    lookup = {name.lower(): name for name in known}
    if version == 5:
        lookup |= {alias.lower(): scope for alias, scope in _V5_ENUM_NAMES.items()}
    result: list[str] = []
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        scope = lookup.get(name.lower())
        if scope is None:
            raise UsageError(f"invalid scope: {name}", hint="-s help lists the valid scopes")
        if scope not in result:
            result.append(scope)
    if not result:
        raise UsageError(
            "no scope given: name at least one, separated by commas", hint="-s help lists the valid scopes"
        )
    return result


def scope_help(version: int) -> str:
    """The scopes with their descriptions, one a line, for ``-s help``."""
    scopes = all_scopes(version)
    width = max(len(name) for name in scopes)
    lines = [f"Valid OAuth {'v3' if version == 3 else 'v5'} scopes:"]
    lines += [f"  {name:<{width}}  {description}" for name, description in sorted(scopes.items())]
    return "\n".join(lines)
