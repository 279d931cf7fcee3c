"""The :class:`Token` itself: what Pinterest returned, upstream's hashes, the JSON of a token file.

Kept apart from the file handling in :mod:`pinterest_tools.oauth.tokens` (which re-exports it) so
each module stays small, and so that a token from the environment (:func:`token_from_environment`)
needs none of the file, lock and OAuth modules; every token registers its secrets with the log
redactor on creation.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pinterest_tools.errors import TokenError
from pinterest_tools.library_log import get_logger
from pinterest_tools.logs import register_secret

log = get_logger(__name__)


class TokenNameError(TokenError):
    """A token name that cannot name a file and a variable: a usage error (exit 2)."""

    exit_code = 2


MAX_TOKEN_NAME = 100
_TOKEN_NAME = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_TOKEN_NAME}}}")


def check_token_name(name: str) -> str:
    """``name`` when it can be a token name, else TokenError (a usage error, exit 2).

    A name becomes a file name (``<name>.json``, plus a temporary ``.<name>.*.tmp`` beside it)
    and an environment variable (``NAME.upper()``), so it is ASCII letters, digits, ``-`` and
    ``_``: no separators, spaces, ``:``, ``*``, control characters or dots, and at most
    :data:`MAX_TOKEN_NAME` characters (file names end at 255 bytes). Checked before OAuth, so
    that a name the file system refuses never costs a token.
    """
    if not _TOKEN_NAME.fullmatch(name):
        shown = name if len(name) <= 40 else name[:40] + "..."
        raise TokenNameError(f"invalid token name {shown!r}: use 1 to {MAX_TOKEN_NAME} ASCII letters, digits, - and _")
    return name


# RFC 6750's b64token, which Pinterest's tokens (``pina_...``) are: they travel in a header.
_TOKEN_TEXT = re.compile(r"[A-Za-z0-9._~+/-]+=*")
TOKEN_CHARACTERS = "a token is ASCII letters, digits and . _ ~ + / - (then = padding)"


def token_text_ok(value: str) -> bool:
    """Whether ``value`` can be sent as a bearer token (non-ASCII or a space would fail in the header)."""
    return bool(_TOKEN_TEXT.fullmatch(value))


def default_token_name(version: int) -> str:
    """Upstream HEAD's name for v5 (``access_token``); v3 tokens get their own (``access_token_v3``)."""
    return "access_token" if version == 5 else "access_token_v3"


def env_variable(name: str, sandbox: bool) -> str:
    """Upstream reads a token from ``NAME.upper()``; sandbox tokens from ``NAME_SANDBOX``."""
    return name.upper() + ("_SANDBOX" if sandbox else "")


def token_from_environment(
    name: str, version: int, sandbox: bool, environ: Mapping[str, str] | None = None
) -> Token | None:
    """The token in ``name``'s environment variable (``os.environ`` by default), None when unset or empty.

    Raises:
        TokenError: the variable holds something that cannot be sent as a bearer token.
    """
    env = os.environ if environ is None else environ
    variable = env_variable(name, sandbox)
    value = env.get(variable, "").strip()
    if not value:
        return None
    if not token_text_ok(value):
        raise TokenError(f"the environment variable {variable} does not hold a token: {TOKEN_CHARACTERS}")
    log.debug("using %s from the environment variable %s", name, variable)
    return Token(name=name, access_token=value, api_version=version, source="env")


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass
class Token:
    """One access token and what came with it; ``source`` says where it was found (env, file, oauth)."""

    name: str
    access_token: str = field(repr=False)  # secrets: a repr lands in prints, logs and bug reports
    refresh_token: str | None = field(default=None, repr=False)
    scopes: str | None = None
    token_type: str = "bearer"
    expires_at: float | None = None
    refresh_token_expires_at: float | None = None
    api_version: int = 5
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        register_secret(self.access_token)
        register_secret(self.refresh_token)

    @property
    def scope_list(self) -> list[str]:
        """The granted scopes: Pinterest separates them with commas (v3, v5) or spaces."""
        return [s for s in (self.scopes or "").replace(",", " ").split() if s]

    def hashed(self) -> str:
        """SHA-256 hex of the access token, as upstream prints it."""
        return _sha256(self.access_token)

    def hashed_refresh_token(self) -> str:
        """SHA-256 hex of the refresh token; TokenError when there is none."""
        if not self.refresh_token:
            raise TokenError(f"{self.name} does not have a refresh token")
        return _sha256(self.refresh_token)

    def expires_within(self, seconds: float, now: float) -> bool:
        """True when the access token has a known expiry less than ``seconds`` away."""
        return self.expires_at is not None and self.expires_at - seconds <= now

    def to_json(self) -> dict[str, Any]:
        keys = ("name", "access_token", "refresh_token", "scopes", "token_type", "expires_at")
        data = {k: getattr(self, k) for k in keys}
        return data | {"refresh_token_expires_at": self.refresh_token_expires_at, "api_version": self.api_version}


def token_from_json(name: str, data: Any, path: Path) -> Token:
    """Validate a parsed token file; upstream's minimal file is ``{"access_token": "..."}``."""
    if not isinstance(data, dict):
        raise corrupt_file(path, "it does not hold a JSON object")
    if not isinstance(data.get("access_token"), str) or not data["access_token"]:
        raise corrupt_file(path, "it has no access_token")
    for key in ("access_token", "refresh_token"):
        if isinstance(data.get(key), str) and data[key] and not token_text_ok(data[key]):
            raise corrupt_file(path, f"its {key} is not a token ({TOKEN_CHARACTERS})")
    optional: dict[str, tuple[type, ...]] = {
        "refresh_token": (str,),
        "scopes": (str,),
        "token_type": (str,),
        "expires_at": (int, float),
        "refresh_token_expires_at": (int, float),
        "api_version": (int,),
    }
    fields = {k: data[k] for k, types in optional.items() if isinstance(data.get(k), types)}
    return Token(name=name, access_token=data["access_token"], source="file", **fields)


def corrupt_file(path: Path, reason: str) -> TokenError:
    return TokenError(
        f"the token file {path} is corrupt or incomplete: {reason}",
        hint="run get_access_token -w to write a new one (or delete the file)",
    )
