"""OAuth against the emulator: the consent page, the token endpoint, expiry, refresh and rotation."""

from __future__ import annotations

import base64
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pinterest_api_v5.operations import SCOPES

from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET, run_emulator
from pinterest_tools.emulator.auth.tokens import LEGACY_REFUSED

REDIRECT = "http://localhost:8085/"
BASIC = "Basic " + base64.b64encode(f"{DEMO_APP_ID}:{DEMO_APP_SECRET}".encode()).decode()


def authorize_url(emu, **params):
    query = {
        "client_id": DEMO_APP_ID,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "user_accounts:read,pins:read,boards:read",
        "state": "s-123",
    }
    query.update(params)
    return httpx.URL(emu.base_url + "/oauth/", params={k: v for k, v in query.items() if v is not None})


def hidden_fields(page: str) -> dict[str, str]:
    return {unescape(n): unescape(v) for n, v in re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', page)}


def redirected(response: httpx.Response) -> tuple[str, dict[str, str]]:
    assert response.status_code in (302, 303), response.text
    location = urlsplit(response.headers["location"])
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    return f"{location.scheme}://{location.netloc}{location.path}", query


def consent(emu, decision="allow", user=None, **params):
    """Open the consent page and press a button, as a browser would; returns the redirect."""
    signed_in = f"&user={user}" if user else ""  # the page's "Continue as" link
    page = httpx.get(str(authorize_url(emu, **params)) + signed_in)
    assert page.status_code == 200, page.text
    form = hidden_fields(page.text) | {"decision": decision}
    return redirected(httpx.post(emu.base_url + "/oauth/", data=form))


def token(emu, auth=BASIC, **form):
    headers = {"Authorization": auth} if auth else {}
    return httpx.post(emu.base_url + "/v5/oauth/token", data=form, headers=headers)


def exchange(emu, code, redirect_uri=REDIRECT, **extra):
    return token(emu, grant_type="authorization_code", code=code, redirect_uri=redirect_uri, **extra)


def me(emu, access_token):
    return httpx.get(emu.base_url + "/v5/user_account", headers={"Authorization": f"Bearer {access_token}"})


# ---------------------------------------------------------------- consent page
def test_consent_page_names_the_app_user_and_scopes(emulator):
    page = httpx.get(authorize_url(emulator))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = unescape(page.text)
    assert "pinterest-tools demo" in text and "@dexter_demo" in text and "@penny_demo" in text
    for scope in ("user_accounts:read", "pins:read", "boards:read"):
        assert scope in text and SCOPES[scope] in text
    assert 'value="allow"' in page.text and 'value="deny"' in page.text and 'method="post"' in page.text
    assert "localhost:8085" in text


def test_allow_redirects_with_a_code_and_the_state(emulator):
    where, query = consent(emulator)
    assert where == REDIRECT and query["state"] == "s-123" and query["code"]
    granted = exchange(emulator, query["code"]).json()
    assert granted["scope"] == "boards:read,pins:read,user_accounts:read"
    assert me(emulator, granted["access_token"]).json()["username"] == "dexter_demo"


def test_the_signed_in_user_can_be_switched(emulator):
    _, query = consent(emulator, user="penny_demo")
    granted = exchange(emulator, query["code"]).json()
    assert me(emulator, granted["access_token"]).json()["username"] == "penny_demo"
    page = httpx.get(authorize_url(emulator, user="penny_demo"))
    assert "Penny Demo" in page.text and hidden_fields(page.text)["user"] == emulator.state.user("penny_demo").id
    switch = re.search(r'Continue as <a href="([^"]+)">@dexter_demo</a>', page.text)
    again = httpx.get(emulator.base_url + unescape(switch.group(1)))
    assert "Dexter Demo" in again.text and hidden_fields(again.text)["state"] == "s-123"


def test_deny_redirects_with_access_denied(emulator):
    where, query = consent(emulator, decision="deny")
    assert where == REDIRECT and query == {"error": "access_denied", "state": "s-123"}


def test_auto_approve_redirects_at_once_and_v3_clients_may_omit_the_scope(make_emulator):
    emu = make_emulator(auto_approve=True)
    _, query = redirected(httpx.get(authorize_url(emu, redirect_uri="http://127.0.0.1:41234/cb?x=1")))
    assert query["x"] == "1" and query["code"]
    url = authorize_url(emu, client_id=None, consumer_id=DEMO_APP_ID, scope=None, refreshable="True")
    _, v3 = redirected(httpx.get(url))
    code = emu.tokens._codes[v3["code"]]
    assert code.version == 3 and "read_boards" in code.scopes


@pytest.mark.parametrize(
    ("params", "reason"),
    [({"client_id": "999"}, "no app"), ({"redirect_uri": "https://evil.example.com/"}, "not registered")],
)
def test_untrusted_requests_get_an_error_page_not_a_redirect(emulator, params, reason):
    page = httpx.get(authorize_url(emulator, **params))
    assert page.status_code == 400 and reason in page.text and "location" not in page.headers


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"scope": "boards:read,nonsense"}, "invalid_scope"),
        ({"scope": "boards:read,read_pins"}, "invalid_scope"),
    ],
)
def test_bad_requests_are_reported_to_the_redirect_uri(emulator, params, error):
    _, query = redirected(httpx.get(authorize_url(emulator, **params)))
    assert query == {"error": error, "state": "s-123"}


# ---------------------------------------------------------------- token endpoint
def test_code_exchange_gives_expiring_tokens_and_a_refresh_token(emulator):
    _, query = consent(emulator)
    granted = exchange(emulator, query["code"])
    assert granted.status_code == 200
    body = granted.json()
    assert body["token_type"] == "bearer" and body["response_type"] == "authorization_code"
    assert body["expires_in"] == 30 * 24 * 3600 and body["refresh_token"].startswith("pinr_")
    assert body["refresh_token_expires_in"] == 365 * 24 * 3600
    assert body["refresh_token_expires_at"] > emulator.clock.now()


def test_codes_are_single_use_and_bound_to_the_redirect_uri(emulator):
    _, query = consent(emulator)
    wrong = exchange(emulator, query["code"], redirect_uri="http://localhost:9999/")
    assert wrong.status_code == 400 and "redirect_uri" in wrong.json()["message"]
    assert exchange(emulator, query["code"]).status_code == 200
    again = exchange(emulator, query["code"])
    assert again.status_code == 400 and again.json()["code"] == 1
    _, query = consent(emulator)
    emulator.clock.advance(11 * 60)
    assert "expired" in exchange(emulator, query["code"]).json()["message"]


def test_the_client_must_authenticate(emulator):
    _, query = consent(emulator)
    wrong = "Basic " + base64.b64encode(f"{DEMO_APP_ID}:nope".encode()).decode()
    assert exchange(emulator, query["code"], auth=wrong).status_code == 401
    assert token(emulator, auth=None, grant_type="client_credentials", scope="pins:read").status_code == 401
    in_body = token(
        emulator, auth=None, grant_type="client_credentials", scope="pins:read",
        client_id=DEMO_APP_ID, client_secret=DEMO_APP_SECRET,
    )  # fmt: skip
    assert in_body.status_code == 401  # v5 takes Basic credentials only
    assert token(emulator, grant_type="password").status_code == 400
    as_json = httpx.post(emulator.base_url + "/v5/oauth/token", json={"grant_type": "client_credentials"})
    assert as_json.status_code == 400


def test_tokens_expire_after_their_lifetime(make_emulator):
    emu = make_emulator(token_lifetime=60)
    _, query = consent(emu)
    body = exchange(emu, query["code"]).json()
    assert body["expires_in"] == 60
    assert me(emu, body["access_token"]).status_code == 200
    emu.clock.advance(61)
    expired = me(emu, body["access_token"])
    assert expired.status_code == 401 and expired.json() == {"code": 2, "message": "Authentication failed."}


def test_a_legacy_refresh_token_is_refreshed_only_with_continuous_refresh(emulator):
    """The description: legacy refresh tokens are no longer supported; old apps must send continuous_refresh=true."""
    _, query = consent(emulator)
    first = exchange(emulator, query["code"]).json()
    assert first["refresh_token_expires_in"] == 365 * 24 * 3600  # a legacy token: the emulator's app is "old"
    plain = token(emulator, grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert plain.status_code == 400
    assert plain.json() == {"code": 1, "message": LEGACY_REFUSED}
    refreshed = token(
        emulator, grant_type="refresh_token", refresh_token=first["refresh_token"], continuous_refresh="true"
    ).json()
    assert refreshed["response_type"] == "refresh_token"
    assert refreshed["access_token"] != first["access_token"]
    assert me(emulator, refreshed["access_token"]).status_code == 200
    assert me(emulator, first["access_token"]).status_code == 200  # old access tokens live on until they expire


def test_v3_refresh_needs_no_continuous_refresh(emulator):
    _, query = consent(emulator, client_id=None, consumer_id=DEMO_APP_ID, scope="read_users,read_boards")
    body = v3_token(emulator, grant_type="authorization_code", code=query["code"], redirect_uri=REDIRECT).json()
    refresh = body["data"]["refresh_token"]
    for _ in range(2):  # a v3 refresh token is kept
        again = v3_token(emulator, grant_type="refresh_token", refresh_token=refresh)
        assert again.status_code == 200, again.text


@pytest.mark.parametrize("flag", [{"continuous_refresh": "true"}, {"refresh_on": "True"}])
def test_continuous_refresh_rotates_the_refresh_token(emulator, flag):
    _, query = consent(emulator)
    first = exchange(emulator, query["code"]).json()
    rotated = token(emulator, grant_type="refresh_token", refresh_token=first["refresh_token"], **flag).json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert rotated["refresh_token_expires_in"] == 60 * 24 * 3600
    stale = token(emulator, grant_type="refresh_token", refresh_token=first["refresh_token"], **flag)
    assert stale.status_code == 400 and stale.json()["message"] == "Invalid refresh token."
    # a continuous refresh token keeps rotating, even without the flag
    next_one = token(emulator, grant_type="refresh_token", refresh_token=rotated["refresh_token"]).json()
    assert next_one["refresh_token"] != rotated["refresh_token"]


def test_code_exchange_can_opt_into_continuous_refresh(emulator):
    _, query = consent(emulator)
    body = exchange(emulator, query["code"], continuous_refresh="true").json()
    assert body["refresh_token_expires_in"] == 60 * 24 * 3600


def test_refresh_can_narrow_but_not_widen_scopes_and_expires(emulator):
    _, query = consent(emulator)
    first = exchange(emulator, query["code"], continuous_refresh="true").json()
    refresh = first["refresh_token"]
    narrow = token(emulator, grant_type="refresh_token", refresh_token=refresh, scope="pins:read")
    assert narrow.json()["scope"] == "pins:read"
    assert me(emulator, narrow.json()["access_token"]).json()["code"] == 3
    refresh = narrow.json()["refresh_token"]  # rotated: a continuous refresh token
    wide = token(emulator, grant_type="refresh_token", refresh_token=refresh, scope="ads:read")
    assert wide.status_code == 400
    emulator.clock.advance(61 * 24 * 3600)
    late = token(emulator, grant_type="refresh_token", refresh_token=refresh)
    assert late.json()["message"] == "Refresh token has expired."


def test_client_credentials_act_as_the_app_owner_without_a_refresh_token(emulator):
    body = token(emulator, grant_type="client_credentials", scope="user_accounts:read,boards:read").json()
    assert body["response_type"] == "client_credentials" and "refresh_token" not in body
    assert me(emulator, body["access_token"]).json()["username"] == "dexter_demo"
    missing = token(emulator, grant_type="client_credentials")
    assert missing.status_code == 400


# ---------------------------------------------------------------- v3
def v3_token(emu, auth=BASIC, **form):
    headers = {"Authorization": auth} if auth else {}
    return httpx.put(emu.base_url + "/v3/oauth/access_token/", data=form, headers=headers)


def test_v3_code_exchange_answers_in_both_layouts_and_refreshes(emulator):
    _, query = consent(emulator, client_id=None, consumer_id=DEMO_APP_ID, scope="read_users,read_boards")
    body = v3_token(emulator, grant_type="authorization_code", code=query["code"], redirect_uri=REDIRECT).json()
    assert body["status"] == "success" and body["code"] == 0
    assert body["access_token"] == body["data"]["access_token"] and body["scope"] == "read_boards,read_users"
    assert body["data"]["consumer_id"] == DEMO_APP_ID and body["data"]["refresh_token"]
    assert emulator.tokens.find(body["access_token"]).version == 3
    refreshed = v3_token(emulator, grant_type="refresh_token", refresh_token=body["data"]["refresh_token"]).json()
    assert refreshed["access_token"] != body["access_token"]
    assert me(emulator, body["access_token"]).status_code == 401  # a v3 token is no v5 token


def test_v3_errors_use_the_v3_envelope_and_codes_do_not_cross_versions(emulator):
    _, v5_code = consent(emulator)
    wrong = v3_token(emulator, grant_type="authorization_code", code=v5_code["code"], redirect_uri=REDIRECT)
    assert wrong.status_code == 400
    assert wrong.json() == {
        "status": "failure", "code": 1, "message": "Invalid authorization code.", "data": None, "endpoint_name": None,
    }  # fmt: skip
    assert v3_token(emulator, grant_type="client_credentials", scope="read_users").status_code == 400
    assert v3_token(emulator, auth=None, grant_type="refresh_token", refresh_token="x").status_code == 401


def test_v3_takes_client_credentials_in_the_form():
    """Outside the contract check: the hand-modeled description declares Basic auth only."""
    with run_emulator(auto_approve=True) as emu:
        _, query = redirected(httpx.get(authorize_url(emu, client_id=None, consumer_id=DEMO_APP_ID, scope=None)))
        form = {"grant_type": "authorization_code", "code": query["code"], "redirect_uri": REDIRECT}
        answer = v3_token(emu, auth=None, client_id=DEMO_APP_ID, client_secret=DEMO_APP_SECRET, **form)
    assert answer.status_code == 200 and "read_boards" in answer.json()["scope"]
