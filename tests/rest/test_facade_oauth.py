"""``client.oauth.token.create`` and ``client.oauth.token.revoke`` send the app's credentials, not the token.

The description's ``basic`` security scheme: Pinterest's token endpoints take HTTP Basic
with the app's id and secret. The facade once sent its bearer token there (a 401 from
Pinterest); these run against the emulator, which refuses anything but the app's Basic.
"""

from __future__ import annotations

import asyncio
import base64

import pytest

from pinterest_tools import AsyncPinterest, Pinterest
from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET, Emulator
from pinterest_tools.errors import AuthenticationError, ConfigError, UsageError

USER = "dexter_demo"
BASIC = "Basic " + base64.b64encode(f"{DEMO_APP_ID}:{DEMO_APP_SECRET}".encode()).decode()


@pytest.fixture
def app_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PINTEREST_V5_APP_ID", "PINTEREST_V5_APP_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PINTEREST_APP_ID", DEMO_APP_ID)
    monkeypatch.setenv("PINTEREST_APP_SECRET", DEMO_APP_SECRET)


def authorizations(emulator: Emulator, path: str) -> list[str | None]:
    return [e.request_header("authorization") for e in emulator.exchanges if e.path == path]


@pytest.mark.usefixtures("app_credentials")
def test_token_and_revoke_token_use_the_app_credentials(emulator: Emulator) -> None:
    with Pinterest(emulator.issue_token(USER), base_url=emulator.base_url) as client:
        issued = client.oauth.token.create(body={"grant_type": "client_credentials", "scope": "user_accounts:read"})
        assert issued.access_token and issued.token_type == "bearer"
        with Pinterest(issued.access_token, base_url=emulator.base_url) as app_client:
            assert app_client.user_account.get().username
            client.oauth.token.revoke(token=issued.access_token, token_type_hint="access_token")
            with pytest.raises(AuthenticationError):
                app_client.user_account.get()
    assert authorizations(emulator, "/v5/oauth/token") == [BASIC]
    assert authorizations(emulator, "/v5/oauth/token/revoke") == [BASIC]


@pytest.mark.usefixtures("app_credentials")
def test_the_async_client_uses_the_app_credentials_too(emulator: Emulator) -> None:
    async def main() -> str:
        async with AsyncPinterest(emulator.issue_token(USER), base_url=emulator.base_url) as client:
            issued = await client.oauth.token.create(body={"grant_type": "client_credentials", "scope": "pins:read"})
            await client.oauth.token.revoke(token=issued.access_token)
            return issued.access_token

    assert asyncio.run(main())
    assert authorizations(emulator, "/v5/oauth/token") == [BASIC]
    assert authorizations(emulator, "/v5/oauth/token/revoke") == [BASIC]


def test_without_app_credentials_nothing_is_sent(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PINTEREST_APP_ID", "PINTEREST_APP_SECRET", "PINTEREST_V5_APP_ID", "PINTEREST_V5_APP_SECRET"):
        monkeypatch.delenv(name, raising=False)
    with Pinterest(emulator.issue_token(USER), base_url=emulator.base_url) as client:
        with pytest.raises(ConfigError, match="PINTEREST_APP_ID and PINTEREST_APP_SECRET"):
            client.oauth.token.create(grant_type="client_credentials")
        with pytest.raises(ConfigError, match="PINTEREST_APP_ID"):
            client.oauth.token.revoke(token="pina_whatever")
    assert not [e for e in emulator.exchanges if e.path.startswith("/v5/oauth/")]


@pytest.mark.usefixtures("app_credentials")
def test_a_token_response_and_a_misfit_token_never_show_the_secret(emulator: Emulator) -> None:
    with Pinterest(emulator.issue_token(USER), base_url=emulator.base_url) as client:
        issued = client.oauth.token.create(body={"grant_type": "client_credentials", "scope": "user_accounts:read"})
        assert issued.access_token.startswith("pina_")
        assert issued.access_token not in repr(issued) and "access_token=<redacted>" in repr(issued)
        with pytest.raises(UsageError) as refused:  # bytes, not str: a misfit that check_request reports
            client.oauth.token.revoke(token=issued.access_token.encode())  # type: ignore[arg-type]
    assert str(refused.value) == "oauth.token.revoke: body.token is not a valid value (<redacted>)"
    assert issued.access_token not in str(refused.value)
    assert not [e for e in emulator.exchanges if e.path == "/v5/oauth/token/revoke"]
