"""The OAuth consent page at ``/oauth/``: the browser half of the authorization code flow.

``GET /oauth/?client_id=...&redirect_uri=...&response_type=code&scope=...&state=...``
(v3 clients send ``consumer_id``) shows the page, or with ``auto_approve`` redirects at once.
The form POSTs back here and the browser is sent to ``redirect_uri`` with ``code`` and
``state``, or with ``error=access_denied``. The form carries a token signed with the
emulator's secret over the app, the redirect URI, the scopes and the user (:func:`csrf_token`), and
a POST without it, or from another origin, is refused (403): without them any web page
open in the same browser could approve the form for any emulated user. A request whose app or redirect URI is unknown
gets an error page and no redirect (RFC 6749 §4.1.2.1); other problems are reported to
the redirect URI.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from pinterest_tools.emulator.auth import scopes
from pinterest_tools.emulator.auth.apps import redirect_uri_allowed
from pinterest_tools.emulator.core.hosts import host_allowed
from pinterest_tools.emulator.core.services import Services, services_of
from pinterest_tools.emulator.data.records import App, User
from pinterest_tools.emulator.data.state import by_id
from pinterest_tools.emulator.oauth_server.consent_html import consent_html, error_html
from pinterest_tools.emulator.wire.errors import ApiError
from pinterest_tools.emulator.wire.request_bodies import read_form

PARAMS = ("client_id", "consumer_id", "redirect_uri", "response_type", "scope", "state")


class ConsentError(Exception):
    """Shown on the page: there is no trustworthy place to redirect to."""


class RedirectError(Exception):
    """Reported to the redirect URI as ``error=<code>``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class AuthorizationRequest:
    app: App
    redirect_uri: str
    scopes: tuple[str, ...]
    state: str | None
    version: int


def parse(params: Mapping[str, str], services: Services) -> AuthorizationRequest:
    client_id = params.get("client_id") or params.get("consumer_id") or ""
    app = services.state.apps.get(client_id)
    if app is None:
        raise ConsentError(f"There is no app with id {client_id!r}.")
    redirect_uri = params.get("redirect_uri", "")
    if not redirect_uri_allowed(app, redirect_uri):
        raise ConsentError(f"The redirect URI {redirect_uri!r} is not registered for {app.name}.")
    state = params.get("state")
    if params.get("response_type") != "code":
        raise RedirectError("unsupported_response_type")
    requested = scopes.parse(params.get("scope"))
    if not requested:
        version = 3 if "consumer_id" in params and "client_id" not in params else 5
        requested = list(app.scopes if version == 5 else app.v3_scopes)
    else:
        found = scopes.version_of(requested)
        if found is None:
            raise RedirectError("invalid_scope")
        version = found
    allowed = app.scopes if version == 5 else app.v3_scopes
    if any(scope not in allowed for scope in requested):
        raise RedirectError("invalid_scope")
    return AuthorizationRequest(app, redirect_uri, tuple(dict.fromkeys(requested)), state, version)


def redirect_to(uri: str, params: Mapping[str, str | None], status: int = 302) -> RedirectResponse:
    """``uri`` with ``params`` added to whatever query it already has."""
    parts = urlsplit(uri)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query += [(key, value) for key, value in params.items() if value is not None]
    return RedirectResponse(urlunsplit(parts._replace(query=urlencode(query))), status)


def _signed_in(services: Services, key: str | None) -> User:
    found = services.state.find_user(key) if key else None
    return found or services.state.first_user()


def _approve(services: Services, request: AuthorizationRequest, user: User, status: int) -> RedirectResponse:
    code = services.tokens.create_code(
        request.app.id, user.id, request.scopes, request.redirect_uri, version=request.version
    )
    return redirect_to(request.redirect_uri, {"code": code.value, "state": request.state}, status)


def _as(url: str, params: Mapping[str, str], user: User) -> str:
    """This page's URL with ``user`` signed in."""
    query = {key: value for key, value in params.items() if key != "user"} | {"user": user.username}
    return f"{url}?{urlencode(query)}"


def csrf_token(services: Services, params: Mapping[str, str], user: User) -> str:
    """The consent form's anti-forgery token: what it grants and to whom, signed with the emulator's secret."""
    signed = "\n".join([*(params.get(key, "") for key in PARAMS), user.id])
    return hmac.new(services.csrf_secret, signed.encode(), hashlib.sha256).hexdigest()


def _forged(services: Services, request: Request, form: Mapping[str, str]) -> bool:
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host", ""):
        return True
    user = _signed_in(services, form.get("user"))
    return not hmac.compare_digest(form.get("csrf", ""), csrf_token(services, form, user))


def _answer(services: Services, params: Mapping[str, str], decide: str | None, url: str = "") -> Response:
    try:
        request = parse(params, services)
    except ConsentError as error:
        return HTMLResponse(error_html(str(error)), 400)
    except RedirectError as error:
        return redirect_to(params["redirect_uri"], {"error": error.code, "state": params.get("state")})
    user = _signed_in(services, params.get("user"))
    if decide == "allow" or (decide is None and services.settings.auto_approve):
        return _approve(services, request, user, 302 if decide is None else 303)
    if decide is not None:
        return redirect_to(request.redirect_uri, {"error": "access_denied", "state": request.state}, 303)
    catalog = scopes.catalog(request.version)
    hidden = {key: params[key] for key in PARAMS if key in params}
    hidden["scope"] = ",".join(request.scopes)
    hidden["csrf"] = csrf_token(services, hidden, user)
    others = [other for other in by_id(services.state.users.values()) if other.id != user.id]
    page = consent_html(
        app_name=request.app.name,
        signed_in=user,
        switch_to=[(other, _as(url, params, other)) for other in others],
        scopes=[(scope, catalog.get(scope, scope)) for scope in request.scopes],
        redirect_uri=request.redirect_uri,
        hidden=hidden,
    )
    return HTMLResponse(page, headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"})


async def consent(request: Request) -> Response:
    services = services_of(request)
    if not host_allowed(services, request.headers.get("host", "")):  # DNS rebinding (core/hosts.py)
        return HTMLResponse(error_html("This host name is not allowed: start the emulator with --allow-host."), 403)
    if request.method == "GET":
        return _answer(services, request.query_params, None, request.url.path)
    try:
        form = await read_form(request)
    except ApiError as error:
        return HTMLResponse(error_html(error.message), 400)
    if _forged(services, request, form):
        return HTMLResponse(error_html("This form was not sent from the emulator's consent page."), 403)
    return _answer(services, form, "allow" if form.get("decision") == "allow" else "deny")


ROUTES = [Route("/oauth/", consent, methods=["GET", "POST"], name="oauth_consent")]
