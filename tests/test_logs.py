"""Logging levels and redaction: a whole OAuth flow and API calls at -l 3 leave no secret in any output."""

from __future__ import annotations

import base64
import io
import json
import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from pinterest_api_v5.api.boards import boards_list
from pinterest_api_v5.api.user_account import user_account_get
from support.core import FakePinterest, fake_browser, free_port, make_config, restore_logging  # noqa: F401

from pinterest_tools.connection import connect
from pinterest_tools.http.paging import iter_items
from pinterest_tools.logs import REDACTED, configure_logging, redact, register_secret
from pinterest_tools.oauth.tokens import FileTokenStore

APP_SECRET = "app-secret-QWERTY-0001"
CODE = "auth-code-ASDFGH-0002"
ACCESS, REFRESH = "access-ZXCVBN-0003", "refresh-POIUYT-0004"
ACCESS2, REFRESH2 = "access-LKJHGF-0005", "refresh-MNBVCX-0006"
BASIC = base64.b64encode(f"test-app-id:{APP_SECRET}".encode()).decode()
SECRETS = [APP_SECRET, CODE, ACCESS, REFRESH, ACCESS2, REFRESH2, BASIC]


pytestmark = pytest.mark.usefixtures("restore_logging")


@pytest.fixture(autouse=True)
def own_secrets() -> Any:
    """Each test starts with no registered secret: one another test left (an app secret of
    ``secret``, say) would redact part of a field's name and make the expected lines wrong."""
    from pinterest_tools import logs

    with logs._SECRETS_LOCK:
        kept = set(logs._SECRETS)
        logs._SECRETS.clear()
    yield
    with logs._SECRETS_LOCK:
        logs._SECRETS.clear()
        logs._SECRETS.update(kept)


def token_reply(access: str, refresh: str) -> httpx.Response:
    body = {"access_token": access, "refresh_token": refresh, "token_type": "bearer", "expires_in": 3600, "scope": "x"}
    return httpx.Response(200, json=body)


def test_redact_patterns() -> None:
    register_secret("registered-secret-value")
    text = (
        'Authorization: Bearer abc.def-123 basic dXNlcjpwYXNz code=xyz&state=1 {"refresh_token": "r1"} '
        "{'access_token': 'a1'} client_secret=s3 registered-secret-value"
    )
    out = redact(text)
    for leaked in ("abc.def-123", "dXNlcjpwYXNz", "xyz", '"r1"', "'a1'", "s3", "registered-secret-value"):
        assert leaked not in out
    assert "state=1" in out and out.count(REDACTED) == 7
    register_secret("short")  # too short to register: it would redact ordinary words
    assert redact("short") == "short"


def test_levels(tmp_path: Path) -> None:
    assert {n: configure_logging(n).level for n in range(4)} == {0: 0, 1: 0, 2: 0, 3: 0}
    for level, expected in [(0, logging.ERROR), (1, logging.WARNING), (2, logging.INFO), (3, logging.DEBUG)]:
        configure_logging(level)
        assert logging.getLogger().level == expected
    assert len([h for h in logging.getLogger().handlers if type(h).__name__ == "_Handler"]) == 1


def run_flow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, level: int) -> tuple[str, FakePinterest]:
    stream = io.StringIO()
    configure_logging(level, stream=stream)
    fake_browser(monkeypatch, lambda state: f"code={CODE}&state={state}")
    expired = httpx.Response(401, json={"code": 2, "message": "Authentication failed."})
    fake = (
        FakePinterest()
        .add("POST", "/v5/oauth/token", token_reply(ACCESS, REFRESH), token_reply(ACCESS2, REFRESH2))
        .add("GET", "/v5/user_account", expired, httpx.Response(200, json={"username": "pindexter"}))
        .add("GET", "/v5/boards", httpx.Response(200, json={"items": [{"id": "1", "name": "b"}]}))
    )
    config = make_config(tmp_path, PINTEREST_APP_SECRET=APP_SECRET, PINTEREST_REDIRECT_PORT=str(free_port()))
    monkeypatch.delenv("ACCESS_TOKEN", raising=False)
    with connect(config, scopes=["boards:read"], transport=fake.transport) as client:
        FileTokenStore(config.store_dir).save(client.token)
        user_account_get.sync_detailed(client=client.v5)
        list(iter_items(boards_list, client=client, page_size=10))
        logging.getLogger("pinterest_tools.test").debug("token in a message: %s %s", client.token.access_token, ACCESS)
        try:
            raise RuntimeError(f"failure mentioning {client.token.refresh_token}")
        except RuntimeError:
            logging.getLogger("pinterest_tools.test").exception("with a traceback")
    return stream.getvalue(), fake


def test_no_secret_in_any_output_at_level_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    output, fake = run_flow(tmp_path, monkeypatch, 3)
    captured = capfd.readouterr()
    everything = output + captured.out + captured.err
    assert "request headers" in output and "response body" in output and "x-pinterest-rid" in output
    assert "GET /v5/user_account" in output and "POST /v5/oauth/token" in output
    for secret in SECRETS:
        assert secret not in everything, secret
    assert REDACTED in output
    # the requests themselves did carry them
    assert fake.requests[0].headers["authorization"] == f"Basic {BASIC}"


def test_level_2_shows_request_lines_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output, _ = run_flow(tmp_path, monkeypatch, 2)
    lines = output.splitlines()
    assert "GET /v5/user_account" in lines and "GET /v5/boards?page_size=10" in lines
    assert "request headers" not in output and "response body" not in output
    for secret in SECRETS:
        assert secret not in output


CRLF_TOKEN = "pina_CRLFTOKEN\r\nSECONDLINE\x00THIRDPART\x1b[0mTAIL01"


@pytest.mark.parametrize(
    "shown",
    [
        CRLF_TOKEN,  # as it is
        f"Illegal header value b'Bearer {repr(CRLF_TOKEN.encode())[2:-1]}'",  # httpx's LocalProtocolError
        repr(CRLF_TOKEN),
        '{"token": ' + json.dumps(CRLF_TOKEN) + "}",
        "q=" + quote(CRLF_TOKEN, safe=""),
        CRLF_TOKEN.replace("\r\n", "\n"),  # a line ending rewritten on the way
        "SECONDLINE",  # one piece alone, as on the second line of a message
    ],
)
def test_a_token_with_control_characters_is_redacted_in_every_form(shown: str) -> None:
    register_secret(CRLF_TOKEN)
    redacted = redact(f"error: unexpected LocalProtocolError: {shown}")
    for piece in ("CRLFTOKEN", "SECONDLINE", "THIRDPART", "TAIL01"):
        assert piece not in redacted, redacted
    assert REDACTED in redacted


def test_bearer_pattern_covers_escaped_control_characters() -> None:
    text = "Illegal header value b'Bearer unregistered\\r\\nrest-of-it'"
    assert redact(text) == f"Illegal header value b'Bearer {REDACTED}'"


def test_a_repr_keyword_holding_a_secret_is_redacted() -> None:
    text = "Reply(access_token='pina_A1', refresh_token=b'pinr_R1', code=\"c0de\", country_code='US')"
    assert redact(text) == (
        f"Reply(access_token='{REDACTED}', refresh_token=b'{REDACTED}', code=\"{REDACTED}\", country_code='US')"
    )


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ('{"partner_access_token": "pat-0001"}', f'{{"partner_access_token": "{REDACTED}"}}'),
        ("partner_refresh_token=prt-0002&x=1", f"partner_refresh_token={REDACTED}&x=1"),
        ('{"cryptographic_key":"ucvxbV2Tdss0vNeY"}', f'{{"cryptographic_key":"{REDACTED}"}}'),
        ('"x-amz-security-token": "FwoGZXIvYXdzE"', f'"x-amz-security-token": "{REDACTED}"'),
        ("token=pina_revoked0001&token_type_hint=access_token", f"token={REDACTED}&token_type_hint=access_token"),
        ("Reply(app_secret='s3cr3t-0003')", f"Reply(app_secret='{REDACTED}')"),
        # Not credentials: a name that only contains one, a country's code, a number.
        ('{"query_catalogs_report_token": "q1", "country_code": "US", "code": 2}', None),
        ("x-amz-signature=abc&conversion_token_id=7", None),
    ],
)
def test_every_credential_field_name_is_redacted(text: str, redacted: str | None) -> None:
    """Field names are matched by suffix, as the models' reprs match them (-l 3 logs the bodies)."""
    assert redact(text) == (text if redacted is None else redacted)


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        # A signed S3 URL (a finished report's "url", logged in a -l 3 body) spells its names in capitals.
        (
            '"url": "https://s3.example/r.csv?X-Amz-Date=20261201&X-Amz-Security-Token=FwoGZX-0001&X-Amz-Expires=3600"',
            f'"url": "https://s3.example/r.csv?X-Amz-Date=20261201&X-Amz-Security-Token={REDACTED}&X-Amz-Expires=3600"',
        ),
        ("PINTEREST_ACCESS_TOKEN=pina_0002 more", f"PINTEREST_ACCESS_TOKEN={REDACTED} more"),
        ('{"Refresh_Token": "pinr_0003"}', f'{{"Refresh_Token": "{REDACTED}"}}'),
        (
            '{"accessToken": "pina_0004", "clientSecret": "s-0004"}',
            f'{{"accessToken": "{REDACTED}", "clientSecret": "{REDACTED}"}}',
        ),
        # An escaped quote does not end a JSON string: all of the value goes.
        ('{"access_token": "pina_\\"0005\\\\", "n": 1}', f'{{"access_token": "{REDACTED}", "n": 1}}'),
        # JSON quoted inside a JSON string (an error body that carries another).
        (
            '{"detail": "{\\"refresh_token\\": \\"pinr_0006\\"}"}',
            f'{{"detail": "{{\\"refresh_token\\": \\"{REDACTED}\\"}}"}}',
        ),
        # v5 AmazonConnectRequest.one_time_passcode links an Amazon account.
        ('{"one_time_passcode": "089aee0d-0007"}', f'{{"one_time_passcode": "{REDACTED}"}}'),
    ],
)
def test_credential_fields_in_any_case_spelling_or_escaping_are_redacted(text: str, redacted: str) -> None:
    assert redact(text) == redacted


def test_a_credential_header_is_hidden_by_its_name() -> None:
    """-l 3 logs request headers: a session token or proxy credentials sent as a header stay hidden."""
    from pinterest_tools.logs import _headers

    headers = httpx.Headers(
        {"X-Amz-Security-Token": "FwoGZX-0008", "Proxy-Authorization": "Digest u=0009", "X-Request-Id": "r-1"}
    )
    shown = _headers(headers)
    assert "0008" not in shown and "0009" not in shown and "x-request-id: r-1" in shown


def test_redaction_stays_linear_on_long_bodies() -> None:
    """Each pattern starts only where a name can start, so a body of name characters is one pass.

    Sizes that take well under a second when linear (a quadratic scan would take minutes)."""
    size = 200_000
    for body in ("_" * size, "a" * size, '"' + "a" * size, '"a' * (size // 2), '"token"' + " " * size, "a=" * size):
        assert redact(body) == body
    assert redact('{"access_token": "' + "\\a" * size + '"}') == f'{{"access_token": "{REDACTED}"}}'


def test_logs_and_the_generated_models_hide_the_same_fields() -> None:
    import pinterest_api_v3.types as v3_types
    import pinterest_api_v5.types as v5_types

    from pinterest_tools import logs

    for types in (v5_types, v3_types):
        assert types._SECRET_SUFFIXES == logs.SECRET_SUFFIXES
        assert types._SECRET_NAMES == logs.SECRET_NAMES
    for name in ("partner_access_token", "x-amz-security-token", "app_secret", "one_time_passcode", "token", "code"):
        assert v5_types.is_secret_field(name, "value")
    for name in ("query_catalogs_report_token", "country_code", "x-amz-signature"):
        assert not v5_types.is_secret_field(name, "value")


@pytest.mark.parametrize(
    "name",
    ["X-Amz-Security-Token", "accessToken", "Refresh_Token", "CLIENT_SECRET", "oneTimePasscode", "Token", "CODE"],
)
def test_a_repr_and_a_log_line_agree_on_any_spelling_of_a_credential_name(name: str) -> None:
    """Keys a model does not know (``additional_properties``) come as the wire spells them: a repr
    hides them as a log line does, in any case and with ``-``, ``_`` or nothing between words."""
    import pinterest_api_v5.types as v5_types
    from pinterest_api_v5.models import MediaUploadParameters

    from pinterest_tools import logs

    assert logs.is_credential_name(name) and v5_types.is_secret_field(name, "value")
    parameters = MediaUploadParameters.from_dict({"key": "uploads/1", name: "wire-secret-0010"})
    assert "wire-secret-0010" not in repr(parameters) and "uploads/1" in repr(parameters)
    for other in ("country_code", "x-amz-signature", "Token_Type", "codes"):
        assert not logs.is_credential_name(other) and not v5_types.is_secret_field(other, "value")


def test_an_upload_s_session_token_stays_out_of_a_level_3_log(emulator: Any) -> None:
    """media/create answers with S3 upload parameters: -l 3 logs that body, not its session token."""
    from pinterest_tools import Pinterest

    stream = io.StringIO()
    configure_logging(3, stream=stream)
    with Pinterest(emulator.issue_token(), base_url=emulator.base_url) as client:
        registered = client.media.create(media_type="video")
    parameters = registered.upload_parameters
    assert parameters is not None
    session_token = parameters.to_dict()["x-amz-security-token"]
    log = stream.getvalue()
    assert "upload_parameters" in log and f'"x-amz-security-token":"{REDACTED}"' in log.replace(" ", "")
    assert session_token not in log and session_token not in repr(registered)


def test_a_secret_cut_by_the_body_limit_is_still_redacted() -> None:
    """-l 3 shows a body's first 4000 characters; a registered secret across that line was cut
    first and redacted after, so the cut piece (no longer the registered value) showed."""
    from pinterest_tools.logs import log_response

    register_secret(APP_SECRET)
    stream = io.StringIO()
    configure_logging(3, stream=stream)
    body = "x" * 3990 + f" {APP_SECRET} tail"
    log_response(httpx.Response(200, text=body, request=httpx.Request("GET", "https://api.example/v5/x")))
    log = stream.getvalue()
    assert "x" * 3000 in log and APP_SECRET[:8] not in log


def test_library_loggers_come_with_the_null_handler() -> None:
    """Every library module that logs takes its logger from ``library_log``, which puts the
    NullHandler on ``pinterest_tools`` (no longer the package ``__init__``: ``--help`` skips logging)."""
    import ast
    from pathlib import Path

    import pinterest_tools
    from pinterest_tools.library_log import get_logger

    root = Path(pinterest_tools.__file__).parent
    # The application side configures loggers (the commands, the emulator's and MCP server's own).
    exempt = {"library_log.py", "logs.py", "rest/session.py"}
    direct = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative in exempt or relative.startswith(("cli/", "emulator/", "mcp_server/")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "getLogger"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "logging"
            ):
                direct.append(f"{relative}:{node.lineno}")
    assert direct == []
    get_logger("pinterest_tools.http.retry")
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("pinterest_tools").handlers)
