"""The emulator under hostile input: bodies it cannot read get Pinterest's JSON 400 in the
caller's API family, never a 500; its command line ends bad options and data files in one line."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pinterest_tools.emulator.__main__ import main
from pinterest_tools.emulator.core import media_upload
from pinterest_tools.emulator.wire import request_bodies

NESTED = b"[" * 50_000
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"

# (API version, method, path): every kind of route that reads a body.
ROUTES = [
    (5, "POST", "/v5/boards"),
    (5, "POST", "/v5/pins"),
    (5, "POST", "/v5/ad_accounts/{account}/reports"),
    (3, "PUT", "/v3/boards/"),
    (3, "PUT", "/v3/pins/"),
]


def send(emu, version: int, method: str, path: str, content, content_type: str) -> httpx.Response:
    token = emu.issue_token("dexter_demo", version=version)
    account = next(iter(emu.state.ad_accounts))
    headers = {"Authorization": f"Bearer {token}", "Content-Type": content_type}
    return httpx.request(method, emu.base_url + path.format(account=account), content=content, headers=headers)


def assert_refused(response: httpx.Response, version: int, message: str) -> None:
    """Pinterest's 400 with code 1, in the v5 shape or inside v3's envelope."""
    assert response.status_code == 400 and response.headers["content-type"] == JSON, response.text
    body = response.json()
    if version == 5:
        assert body == {"code": 1, "message": body["message"]}
    else:
        assert body["status"] == "failure" and body["code"] == 1 and body["data"] is None
    assert message in body["message"]


# (name, body, content type, what the message says)
UNREADABLE = [
    ("nested arrays", NESTED, JSON, "nests more than 64 levels"),  # once a RecursionError and a text/plain 500
    ("nested objects", b'{"a":' * 50_000, JSON, "nests more than 64 levels"),
    ("nested 70", b"[" * 70 + b"]" * 70, JSON, "nests more than 64 levels"),  # within the decoder's reach
    ("latin-1", b'{"name": "caf\xe9"}', JSON, "not UTF-8"),
    ("utf-16", '{"name": "x"}'.encode("utf-16"), JSON, "not UTF-8"),
    ("NaN", b'{"name": NaN}', JSON, "not valid JSON"),
    ("Infinity", b'{"name": Infinity}', JSON, "not valid JSON"),
    ("huge integer", b'{"name": 1' + b"0" * 5000 + b"}", JSON, "not valid JSON"),  # more digits than Python reads
    ("unfinished", b"{", JSON, "not valid JSON"),
    ("form latin-1", b"name=caf\xe9", FORM, "not UTF-8"),
    ("form percent latin-1", b"name=caf%E9", FORM, "form fields are not UTF-8"),
    ("form 500 fields", b"&".join(b"f%d=x" % n for n in range(500)), FORM, "more than 100 form fields"),
]


@pytest.mark.parametrize(("version", "method", "path"), ROUTES)
def test_unreadable_bodies_are_pinterest_style_400s(emulator, version, method, path):
    for name, content, content_type, message in UNREADABLE:
        response = send(emulator, version, method, path, content, content_type)
        try:
            assert_refused(response, version, message)
        except AssertionError as failure:
            raise AssertionError(f"{name}: {failure}") from None


@pytest.fixture
def small_bodies(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(request_bodies, "MAX_BODY", 1000)
    yield 1000


@pytest.mark.parametrize(("version", "method", "path"), ROUTES)
def test_bodies_over_the_limit_are_refused_declared_or_streamed(emulator, small_bodies, version, method, path):
    big = json.dumps({"name": "x" * 2000}).encode()
    assert_refused(send(emulator, version, method, path, big, JSON), version, "larger than 1000 bytes")
    streamed = (big[i : i + 100] for i in range(0, len(big), 100))  # chunked: no Content-Length to go by
    assert_refused(send(emulator, version, method, path, streamed, JSON), version, "larger than 1000 bytes")


@pytest.mark.parametrize(
    ("version", "method", "path"), [(5, "POST", "/v5/oauth/token"), (3, "PUT", "/v3/oauth/access_token/")]
)
@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [(b"grant_type=%FF", FORM, "form fields are not UTF-8"), (NESTED, JSON, "")],
)
def test_the_token_endpoints_refuse_unreadable_bodies(emulator, version, method, path, content, content_type, message):
    response = httpx.request(method, emulator.base_url + path, content=content, headers={"Content-Type": content_type})
    assert_refused(response, version, message)


def test_the_consent_page_refuses_an_unreadable_form(emulator):
    response = httpx.post(emulator.base_url + "/oauth/", content=b"decision=%FF", headers={"Content-Type": FORM})
    assert response.status_code == 400 and "text/html" in response.headers["content-type"]
    assert "not UTF-8" in response.text


def test_the_upload_host_refuses_a_malformed_multipart_body(emulator):
    response = httpx.post(
        emulator.base_url + media_upload.UPLOAD_PATH,
        content=b"garbage\r\n--x--",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    assert response.status_code == 400 and "<Code>MalformedPOSTRequest</Code>" in response.text


def test_a_readable_body_still_works(emulator):
    response = send(emulator, 5, "POST", "/v5/boards", json.dumps({"name": "Café ▶ 🎉"}).encode(), JSON)
    assert response.status_code == 201 and response.json()["name"] == "Café ▶ 🎉"


# ------------------------------------------------------------------ command line
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "99999"], "not a port"),  # once an OverflowError from bind()
        (["--port", "-1"], "not a port"),
        (["--fault-kinds", ","], "names no fault"),
        (["--fault-kinds", ",", "--fault-rate", "0.5"], "names no fault"),
        (["--latency-ms", "9" * 30], "more than 3600000 milliseconds"),
        (["--slow-ms", "9" * 30], "more than 3600000 milliseconds"),
        (["--token-lifetime", "9" * 30], "more than 3153600000 seconds"),
        (["--token-lifetime", "0"], "must be a positive integer"),
        (["--dump", "/nonexistent/state.json"], "is not a directory"),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(args, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and message in err.splitlines()[-1] and "Traceback" not in err


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: write(tmp / "nested.json", NESTED), "nested too deeply"),  # once a RecursionError
        (lambda tmp: write(tmp / "latin1.json", b'{"users": [{"username": "caf\xe9"}]}'), "not UTF-8 (byte 28)"),
        (lambda tmp: write(tmp / "digits.json", b'{"users": [{"username": "a", "id": 1' + b"0" * 5000 + b"}]}"),
         "not a usable JSON document"),
        (lambda tmp: write(tmp / "broken.json", b'{"users": ['), "not JSON"),
        (lambda tmp: write(tmp / "list.json", b"[]"), "expected an object"),
        (lambda tmp: tmp / "missing.json", "No such file or directory"),
        (lambda tmp: tmp, "it is a directory, not a regular file"),
    ],
    ids=["nested", "not-utf-8", "huge-int", "broken", "not-an-object", "missing", "directory"],
)  # fmt: skip
def test_unusable_data_files_are_one_line_and_exit_1(tmp_path, make, message, capsys):
    path = make(tmp_path)
    assert main(["--data", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err and str(path) in err


def test_a_port_in_use_is_one_line_and_exit_1(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: cannot listen on 127.0.0.1:{port}: [Errno 98] Address already in use\n"


def test_the_real_command_line_prints_no_traceback():
    """The same checks through the interpreter, as a user runs it: exit code and stderr only."""
    for args, code in [(["--port", "99999"], 2), (["--fault-kinds", ","], 2), (["--data", "/nonexistent.json"], 1)]:
        result = subprocess.run(
            [sys.executable, "-m", "pinterest_tools.emulator", *args], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == code and "Traceback" not in result.stderr and result.stdout == "", args
