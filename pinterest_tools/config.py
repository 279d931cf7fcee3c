"""Configuration from the environment, read when a command runs (never at import).

Every variable upstream's ``api_config.py`` reads (upstream-quickstart.md 2.1), plus a
configurable redirect port, a sandbox switch and a request timeout:

==============================  =====================================================
variable                        meaning (default)
==============================  =====================================================
PINTEREST_APP_ID / _SECRET      the app's credentials; ``PINTEREST_V3_APP_ID`` and
                                ``PINTEREST_V3_APP_SECRET`` (or ``_V5_``) win when both set
PINTEREST_API_VERSION           ``3``, ``5``, ``v3`` or ``v5`` (5); ``-v`` overrides it
PINTEREST_API_URI               API host (``https://api.pinterest.com``; the sandbox host
                                ``https://api-sandbox.pinterest.com`` with ``--sandbox``)
PINTEREST_OAUTH_URI             where users authorize (``https://www.pinterest.com``)
PINTEREST_OAUTH_TOKEN_DIR       token files (the user's config directory, via platformdirs)
REDIRECT_LANDING_URI            where the browser goes after the OAuth redirect (our own page)
PINTEREST_REDIRECT_PORT         loopback port of the OAuth redirect (8085)
PINTEREST_SANDBOX               ``1`` selects the sandbox, like ``--sandbox``
PINTEREST_TIMEOUT               seconds per request (30)
PINTEREST_RETRY_ATTEMPTS        attempts per request on 429/5xx/connection errors (4)
PINTEREST_RETRY_BACKOFF         first backoff in seconds, doubling per retry (1; tests
                                use e.g. 0.001 so that injected faults cost no time)
PINTEREST_PACING                ``0`` sends without waiting for room in the rate-limit
                                window (on by default: ``pinterest_tools.http.pacing``)
==============================  =====================================================

Sandbox tokens are kept apart from production ones: their files live in ``sandbox/``
under the token directory (see :attr:`Config.store_dir`) and their environment variable
carries a ``_SANDBOX`` suffix (``tokens.find_token``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pinterest_tools.errors import ConfigError
from pinterest_tools.logs import register_secret

DEFAULT_API_URI = "https://api.pinterest.com"
SANDBOX_API_URI = "https://api-sandbox.pinterest.com"
DEFAULT_OAUTH_URI = "https://www.pinterest.com"
DEFAULT_REDIRECT_PORT = 8085
DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRY_ATTEMPTS = 4
DEFAULT_RETRY_BACKOFF = 1.0
APP_NAME = "pinterest-tools"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def expand_path(text: str) -> Path:
    """``Path(text).expanduser()``, but ValueError (not RuntimeError) when ``~name`` names no known user."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        raise ValueError(f"{text}: no home directory is known for its ~") from None


def parse_version(value: str | int) -> int:
    """``3``, ``5``, ``v3``, ``v5`` (any case) -> 3 or 5; anything else raises ValueError."""
    text = str(value).strip().lower().removeprefix("v")
    if text not in ("3", "5"):
        raise ValueError(f"API version must be 3 or 5 (also written v3 or v5), not {value!r}")
    return int(text)


@dataclass(frozen=True)
class Config:
    """Everything a command needs to know about where and as whom it talks to Pinterest."""

    version: int
    app_id: str | None
    app_secret: str | None = field(repr=False)  # a secret: a repr lands in prints, logs and bug reports
    api_uri: str
    oauth_uri: str
    token_dir_setting: Path | None  # PINTEREST_OAUTH_TOKEN_DIR; None: the user's config directory
    redirect_port: int
    landing_uri: str | None
    sandbox: bool
    timeout: float = DEFAULT_TIMEOUT
    retry_attempts: int = DEFAULT_RETRY_ATTEMPTS
    retry_backoff: float = DEFAULT_RETRY_BACKOFF
    pacing: bool = True
    credential_variables: tuple[str, str] = ("PINTEREST_APP_ID", "PINTEREST_APP_SECRET")

    @property
    def api_base_url(self) -> str:
        """The generated client's base URL: v5 paths are relative to ``/v5``; v3 paths carry their prefix."""
        return f"{self.api_uri}/v5" if self.version == 5 else self.api_uri

    @property
    def redirect_uri(self) -> str:
        """The OAuth redirect URI to register with the app (upstream: ``http://localhost:8085/``)."""
        return f"http://localhost:{self.redirect_port}/"

    @functools.cached_property
    def token_dir(self) -> Path:
        """``PINTEREST_OAUTH_TOKEN_DIR``, else the user's config directory (looked up on first use only:
        a process whose token is in the environment never needs it, nor platformdirs)."""
        return _default_token_dir() if self.token_dir_setting is None else self.token_dir_setting

    @property
    def token_dir_is_default(self) -> bool:
        """Whether :attr:`token_dir` is the user's config directory (no ``PINTEREST_OAUTH_TOKEN_DIR``)."""
        return self.token_dir_setting is None

    @property
    def store_dir(self) -> Path:
        """Where token files live: sandbox tokens in their own subdirectory."""
        return self.token_dir / "sandbox" if self.sandbox else self.token_dir

    def require_app_credentials(self) -> tuple[str, str]:
        """``(app_id, app_secret)``, or a ConfigError naming the variables to set."""
        if not self.app_id or not self.app_secret:
            id_var, secret_var = "PINTEREST_APP_ID", "PINTEREST_APP_SECRET"
            v = self.version
            raise ConfigError(
                f"{id_var} and {secret_var} (or PINTEREST_V{v}_APP_ID and PINTEREST_V{v}_APP_SECRET)"
                " must be set in the environment"
            )
        return self.app_id, self.app_secret

    @classmethod
    def load(
        cls, version: int | None = None, sandbox: bool = False, environ: Mapping[str, str] | None = None
    ) -> Config:
        """Read the environment (``os.environ`` by default); ``version``/``sandbox`` come from ``-v``/``--sandbox``."""
        env = os.environ if environ is None else environ
        if version is None:
            raw = env.get("PINTEREST_API_VERSION", "").strip()
            try:
                version = parse_version(raw) if raw else 5
            except ValueError as exc:
                raise ConfigError(f"PINTEREST_API_VERSION: {exc}") from None
        else:
            version = parse_version(version)
        sandbox = sandbox or env.get("PINTEREST_SANDBOX", "").strip().lower() in _TRUE
        if sandbox and version == 3:
            raise ConfigError("the Pinterest sandbox exists only for API v5; drop --sandbox or use -v 5")
        app_id, app_secret, variables = _credentials(env, version)
        register_secret(app_secret)
        token_dir_raw = env.get("PINTEREST_OAUTH_TOKEN_DIR", "")
        try:
            token_dir = expand_path(token_dir_raw) if token_dir_raw else None
        except ValueError as exc:
            raise ConfigError(f"PINTEREST_OAUTH_TOKEN_DIR: {exc}") from None
        return cls(
            version=version,
            app_id=app_id,
            app_secret=app_secret,
            api_uri=_url(env, "PINTEREST_API_URI", SANDBOX_API_URI if sandbox else DEFAULT_API_URI).rstrip("/"),
            oauth_uri=_url(env, "PINTEREST_OAUTH_URI", DEFAULT_OAUTH_URI).rstrip("/"),
            token_dir_setting=token_dir,
            redirect_port=int(_number(env, "PINTEREST_REDIRECT_PORT", DEFAULT_REDIRECT_PORT, int, 1, 65535)),
            landing_uri=_url(env, "REDIRECT_LANDING_URI", "", query=True) or None,
            sandbox=sandbox,
            timeout=_number(env, "PINTEREST_TIMEOUT", DEFAULT_TIMEOUT, float, 0.1, 3600.0),
            retry_attempts=int(_number(env, "PINTEREST_RETRY_ATTEMPTS", DEFAULT_RETRY_ATTEMPTS, int, 1, 20)),
            retry_backoff=_number(env, "PINTEREST_RETRY_BACKOFF", DEFAULT_RETRY_BACKOFF, float, 0.0, 60.0),
            credential_variables=variables,
            pacing=env.get("PINTEREST_PACING", "").strip().lower() not in _FALSE,
        )


def _credentials(env: Mapping[str, str], version: int) -> tuple[str | None, str | None, tuple[str, str]]:
    """Version-specific credentials when both are set (upstream seed), else the generic pair."""
    specific = (f"PINTEREST_V{version}_APP_ID", f"PINTEREST_V{version}_APP_SECRET")
    chosen = specific if all(env.get(v) for v in specific) else ("PINTEREST_APP_ID", "PINTEREST_APP_SECRET")
    return env.get(chosen[0]) or None, env.get(chosen[1]) or None, chosen


def _url(env: Mapping[str, str], name: str, default: str, *, query: bool = False) -> str:
    """The URL in ``name`` (``default`` when unset), or a ConfigError that names the variable.

    Checked here because a bad value otherwise fails deep in httpx as "unexpected
    InvalidURL": an http(s) URL with a host, a valid port, no spaces or control characters,
    and (for the API and OAuth hosts, to which paths are appended) no query or fragment.
    """
    raw = env.get(name) or ""
    if not raw:
        return default
    problem = _url_problem(raw, query)
    if problem:
        example = "https://example.com/done" if query else DEFAULT_API_URI
        raise ConfigError(f"{name} must be an http or https URL like {example}: {problem} in {raw!r}")
    return raw


def _url_problem(raw: str, query: bool) -> str | None:
    """What is wrong with ``raw`` as a URL, or None."""
    if any(ch.isspace() or not ch.isprintable() for ch in raw):
        return "a space or control character"
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - reading it validates it (ValueError for "x" or 99999)
    except ValueError as exc:
        return str(exc)
    if parts.scheme not in ("http", "https"):
        return "no http:// or https://"
    if not parts.hostname:
        return "no host"
    if not query and (parts.query or parts.fragment):
        return "a query or fragment"
    return None


def _number(env: Mapping[str, str], name: str, default: float, kind: type[float], low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name} must be {'a whole' if kind is int else 'a'} number, not {raw!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, not {raw}")
    return value


def _default_token_dir() -> Path:
    """The user's config directory, so that tokens do not land in whatever directory a command ran from."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False)
