"""Errors a script author sees say what to do; the library never prints; models are taken as dicts too."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from pinterest_tools.emulator.testing import start_emulator
from pinterest_tools.errors import (
    ApiConnectionError,
    InsufficientScopeError,
    MissingTokenError,
    TokenError,
    UsageError,
    scope_error,
)
from pinterest_tools.http.retry import RetryPolicy, _Retrier
from pinterest_tools.rest import Page, Pinterest

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://api.example.test"


def test_insufficient_scope_names_the_missing_scopes_and_the_command() -> None:
    with (
        start_emulator("inprocess") as emu,
        emu.client(scopes=["user_accounts:read", "pins:read"]) as reader,
        pytest.raises(InsufficientScopeError) as raised,
    ):
        reader.boards.list().first_page()
    error = raised.value
    # the emulator's fixture client knows its token's grant: the command keeps the scopes it has
    assert (error.status_code, error.code, error.missing_scopes) == (401, 3, ("boards:read",))
    assert error.command == "get_access_token -w -s boards:read,pins:read,user_accounts:read"
    assert str(error) == (
        f"{error.message}: the token lacks the scope(s) boards:read;"
        " run get_access_token -w -s boards:read,pins:read,user_accounts:read to save a token with them"
    )


def test_a_token_that_records_its_grant_gets_only_its_missing_scopes_named() -> None:
    needed = InsufficientScopeError(401, 3, "GET /v5/boards failed", scopes=("boards:read", "pins:read"))
    error = scope_error(needed, ["pins:read", "user_accounts:read"])
    assert error.missing_scopes == ("boards:read",) and error.scopes == ("boards:read", "pins:read")
    assert error.command == "get_access_token -w -s boards:read,pins:read,user_accounts:read"
    assert str(error) == (
        "GET /v5/boards failed: the token lacks the scope(s) boards:read;"
        " run get_access_token -w -s boards:read,pins:read,user_accounts:read to save a token with them"
    )
    assert error.hint == (
        "this call needs the scope(s) boards:read,pins:read and the token lacks boards:read:"
        " run get_access_token -w -s boards:read,pins:read,user_accounts:read"
    )


def test_insufficient_scope_without_a_recorded_grant_says_it_cannot_tell() -> None:
    answer = httpx.Response(401, json={"code": 3, "message": "Authorization failed."})
    transport = httpx.MockTransport(lambda request: answer)
    with (
        Pinterest("TOKEN", base_url=BASE, transport=transport) as client,
        pytest.raises(InsufficientScopeError) as raised,
    ):
        client.user_account.get()
    # a token given as a string does not record its grant: naming every scope of the call as
    # missing was wrong whenever the token held some, and the command would drop the app's others
    assert raised.value.missing_scopes == () and raised.value.scopes == ("user_accounts:read",)
    assert str(raised.value) == (
        "GET /v5/user_account failed: Authorization failed. (HTTP 401, code 3): this call needs the scope(s)"
        " user_accounts:read; which of them the token lacks cannot be told (a token given as a string does not"
        " record its grant: pass token_scopes= to the client to know). Run get_access_token -w -s"
        " user_accounts:read,<the other scopes your app uses>"
    )


def test_no_token_says_how_to_get_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACCESS_TOKEN", raising=False)
    monkeypatch.setenv("PINTEREST_OAUTH_TOKEN_DIR", str(tmp_path))
    with pytest.raises(TokenError) as raised:
        Pinterest()
    assert isinstance(raised.value, MissingTokenError)
    assert str(raised.value) == (
        f"no access_token: neither the environment variable ACCESS_TOKEN nor {tmp_path / 'access_token.json'} exists;"
        " run get_access_token -w -a access_token to save one, or set ACCESS_TOKEN to an access token"
    )


def closed_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_refused_loopback_connections_back_off_briefly_at_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    decide = _Retrier.after_error

    def recorded(self: _Retrier, request: httpx.Request, exc: httpx.TransportError, attempt: int) -> float:
        wait = decide(self, request, exc, attempt)
        waits.append(wait)
        return wait

    monkeypatch.setattr(_Retrier, "after_error", recorded)
    with (
        Pinterest("TOKEN", base_url=f"http://127.0.0.1:{closed_loopback_port()}") as client,
        pytest.raises(ApiConnectionError) as failed,
    ):
        client.user_account.get()
    assert "(attempt 4)" in str(failed.value)
    assert len(waits) == 3 and sum(waits) < 1.0, waits


def test_a_refused_remote_host_keeps_the_usual_backoff() -> None:
    retrier = _Retrier(RetryPolicy(random=lambda: 0.0), None)
    refused = httpx.ConnectError("refused")
    local = [retrier.after_error(httpx.Request("GET", "http://localhost:9/x"), refused, n) for n in (1, 2, 3)]
    ipv6 = retrier.after_error(httpx.Request("GET", "http://[::1]:9/x"), refused, 1)
    remote = [retrier.after_error(httpx.Request("GET", "https://api.pinterest.com/x"), refused, n) for n in (1, 2, 3)]
    assert local == [0.05, 0.1, 0.2] and ipv6 == 0.05
    assert remote == [1.0, 2.0, 4.0]


def test_retry_notices_go_to_the_logger_not_to_stderr() -> None:
    script = (
        "import logging\n"
        "from pinterest_tools import Pinterest\n"
        "from pinterest_tools.errors import ApiConnectionError\n"
        f"client = Pinterest('TOKEN', base_url='http://127.0.0.1:{closed_loopback_port()}', max_retries=1)\n"
        "records = []\n"
        "class Keep(logging.Handler):\n"
        "    def emit(self, record): records.append(record.name + ': ' + record.getMessage())\n"
        "logging.getLogger('pinterest_tools').addHandler(Keep())\n"
        "try:\n"
        "    client.user_account.get()\n"
        "except ApiConnectionError:\n"
        "    print('\\n'.join(records))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True
    )
    assert done.stderr == ""
    (notice,) = done.stdout.splitlines()
    assert notice.startswith("pinterest_tools.http.retry: GET /v5/user_account: ") and "retrying in 0.1 s" in notice


def test_an_object_valued_query_parameter_takes_a_dict() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"items": [], "bookmark": None})

    with Pinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(handler)) as client:
        parameters = {"catalog_type": "RETAIL", "report": {"report_type": "DISTRIBUTION_ISSUES"}}
        page = client.catalogs.reports.stats(parameters=parameters).first_page()
    assert isinstance(page, Page) and page.items == []
    # the description's style: deepObject, never the dict's repr
    assert seen[0].url.params.multi_items() == [
        ("parameters[catalog_type]", "RETAIL"),
        ("parameters[report][report_type]", "DISTRIBUTION_ISSUES"),
    ]


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        (
            ["RETAIL"],
            "catalogs.reports.stats: parameters must be a CatalogsHotelReportStatsParameters"
            " or CatalogsRetailReportStatsParameters or a dict, not list",
        ),
        (
            {"catalog_type": "SHOES", "report": {"report_type": "DISTRIBUTION_ISSUES"}},
            "catalogs.reports.stats: parameters is not a valid CatalogsHotelReportStatsParameters"
            " or CatalogsRetailReportStatsParameters: parameters.catalog_type is 'SHOES', not one of: HOTEL;"
            " parameters.catalog_type is 'SHOES', not one of: RETAIL",
        ),
    ],
)
def test_a_query_parameter_of_the_wrong_shape_is_a_usage_error_naming_it(parameters: object, message: str) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(500))
    with Pinterest("TOKEN", base_url=BASE, transport=transport) as client, pytest.raises(UsageError) as refused:
        client.catalogs.reports.stats(parameters=parameters).first_page()  # type: ignore[arg-type]
    assert str(refused.value) == message


def test_a_fixture_token_with_boards_read_only_creating_a_pin_names_exactly_what_it_lacks() -> None:
    with (
        start_emulator("inprocess") as emu,
        emu.client(scopes=["boards:read"]) as reader,
        pytest.raises(InsufficientScopeError) as raised,
    ):
        reader.pins.create(
            body={"board_id": "1", "media_source": {"source_type": "image_url", "url": "https://x.io/a.png"}}
        )
    error = raised.value
    assert error.scopes == ("boards:read", "boards:write", "pins:read", "pins:write")
    assert error.missing_scopes == ("boards:write", "pins:read", "pins:write")  # not boards:read, which it has
    assert error.command == "get_access_token -w -s boards:read,boards:write,pins:read,pins:write"
