"""Getting a token the way upstream's ``AccessToken.fetch`` did: environment, then file, then OAuth.

Upstream swallowed every failure on the way (``except Exception``) and printed "trying
oauth" even for a corrupt file. Here only *absence* falls through: an empty variable is
absent, a missing file is absent, but a corrupt file is an error that names it. Scopes of a
token found in the environment or a file are not checked (upstream did not either), but a
file token that lacks a requested scope is mentioned, since calls will then fail with an
insufficient-scope error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from pinterest_tools.config import Config
from pinterest_tools.errors import MissingTokenError
from pinterest_tools.http.transport import AnyTransport
from pinterest_tools.library_log import get_logger
from pinterest_tools.oauth import exchange
from pinterest_tools.oauth.scopes import DEFAULT_SCOPES
from pinterest_tools.oauth.tokens import FileTokenStore, Token, default_token_name, env_variable, find_token
from pinterest_tools.terminal import read_line

log = get_logger(__name__)


def new_token(
    config: Config,
    name: str,
    scopes: Sequence[str] | None = None,
    *,
    client_credentials: bool = False,
    open_browser: bool = True,
    input_fn: Callable[[str], str] = read_line,
    notify: Callable[[str], None] | None = None,
    transport: AnyTransport | None = None,
) -> Token:
    """Run OAuth now, skipping the environment and the file (``get_access_token -s``)."""
    if scopes is None:
        scopes = DEFAULT_SCOPES[config.version]
        if scopes:
            log.info("OAuth scopes required. Setting to default: %s", ",".join(scopes))
    if client_credentials:
        log.info("getting %s using client credentials...", name)
        return exchange.client_credentials(config, name, scopes, transport=transport)
    from pinterest_tools.oauth import browser  # its redirect server and webbrowser: only when a person authorizes

    log.info("getting an authorization code...")
    code = browser.authorize(config, scopes, open_browser=open_browser, input_fn=input_fn, notify=notify)
    log.info("exchanging the authorization code for %s...", name)
    return exchange.exchange_code(config, name, code, transport=transport)


def obtain_token(
    config: Config,
    name: str | None = None,
    scopes: Sequence[str] | None = None,
    client_credentials: bool = False,
    allow_oauth: bool = True,
    *,
    environ: Mapping[str, str] | None = None,
    open_browser: bool = True,
    input_fn: Callable[[str], str] = read_line,
    notify: Callable[[str], None] | None = None,
    transport: AnyTransport | None = None,
) -> Token:
    """The token ``name`` (default: per API version) from the environment, the file, or OAuth.

    Raises:
        TokenError: a corrupt token file, or no token where ``allow_oauth`` is False, or a
            failed OAuth flow.
    """
    name = name or default_token_name(config.version)
    token = find_token(config, name, environ)
    if token is not None:
        missing = [s for s in scopes or () if token.scope_list and s not in token.scope_list]
        if missing:
            log.warning("%s was granted without %s; calls that need it will fail", name, ",".join(missing))
        return token
    if not allow_oauth:
        where = FileTokenStore(config.store_dir).path(name)
        variable = env_variable(name, config.sandbox)
        raise MissingTokenError(
            f"no {name}: neither the environment variable {variable} nor {where} exists",
            hint=f"run get_access_token -w -a {name} to save one, or set {variable} to an access token",
        )
    log.info("no %s in the environment or in %s; trying OAuth", name, config.store_dir)
    return new_token(
        config,
        name,
        scopes,
        client_credentials=client_credentials,
        open_browser=open_browser,
        input_fn=input_fn,
        notify=notify,
        transport=transport,
    )
