"""`python -m pinterest_tools.emulator`: prints its base URL, serves, dumps its state on exit."""

from __future__ import annotations

import base64
import datetime as dt
import json
import signal
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET


def start(*args: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "pinterest_tools.emulator", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    return process, url


def stop(process: subprocess.Popen[str], how: int = signal.SIGINT) -> str:
    process.send_signal(how)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 0, stderr
    return stderr


def test_serves_the_oauth_flow_and_dumps_its_state(tmp_path):
    dump = tmp_path / "state.json"
    process, url = start("--auto-approve", "--dump", str(dump))
    try:
        assert url.startswith("http://127.0.0.1:")
        query = {"client_id": DEMO_APP_ID, "redirect_uri": "http://localhost:8085/", "response_type": "code",
                 "scope": "boards:read,boards:write,user_accounts:read", "state": "x"}  # fmt: skip
        location = httpx.get(url + "/oauth/", params=query).headers["location"]
        code = parse_qs(urlsplit(location).query)["code"][0]
        basic = base64.b64encode(f"{DEMO_APP_ID}:{DEMO_APP_SECRET}".encode()).decode()
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": "http://localhost:8085/"}
        token = httpx.post(url + "/v5/oauth/token", data=form, headers={"Authorization": f"Basic {basic}"}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        assert httpx.post(url + "/v5/boards", json={"name": "From the CLI"}, headers=headers).status_code == 201
        assert "Pinterest API emulator" in httpx.get(url + "/").text
    finally:
        stderr = stop(process)
    assert "demo app 1484362" in stderr and "PINTEREST_API_URI=" in stderr
    state = json.loads(dump.read_text())
    assert "From the CLI" in [board["name"] for board in state["users"][0]["boards"]]


def test_serves_a_data_file(tmp_path):
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"users": [{"username": "solo", "boards": [{"name": "Only"}]}]}))
    dump = tmp_path / "after.json"
    process, url = start("--data", str(data), "--dump", str(dump))
    try:
        state = httpx.get(url + "/_emulator/state?secrets=1").json()  # the dump keeps the secrets
        assert [user["username"] for user in state["users"]] == ["solo"]
    finally:
        stop(process, signal.SIGTERM)
    assert json.loads(dump.read_text()) == state


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--fault-rate", "2"], 2, "probability"),
        (["--rate-limit", "lots"], 2, "rate limit"),
        (["--fault-kinds", "gremlins"], 2, "unknown fault"),
        (["--data", "/nonexistent/data.json"], 1, "error:"),
        (["--report-outcome", "MAYBE"], 2, "invalid choice"),
        (["--report-polls", "-1"], 2, "must not be negative"),
    ],
)
def test_argument_errors(args, code, message):
    result = subprocess.run(
        [sys.executable, "-m", "pinterest_tools.emulator", *args], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == code and message in result.stderr and result.stdout == ""


def test_reports_fail_by_command_line_option():
    process, url = start("--report-polls", "0", "--report-outcome", "FAILED")
    try:
        state = httpx.get(url + "/_emulator/state").json()
        account = state["users"][0]["ad_accounts"][0]["id"]
        token = _token(url, "ads:read")
        headers = {"Authorization": f"Bearer {token}"}
        today = dt.datetime.now(dt.UTC).date()  # reports reach 914 days back from the emulator's (real) today
        body = {
            "start_date": (today - dt.timedelta(days=3)).isoformat(),
            "end_date": (today - dt.timedelta(days=2)).isoformat(),
            "columns": ["SPEND_IN_DOLLAR"],
            "level": "ADVERTISER",
            "granularity": "DAY",
        }
        created = httpx.post(f"{url}/v5/ad_accounts/{account}/reports", json=body, headers=headers).json()
        status = httpx.get(f"{url}/v5/ad_accounts/{account}/reports", params=created, headers=headers).json()
        assert status["report_status"] == "FAILED"
    finally:
        stop(process)


def _token(url: str, scope: str) -> str:
    """A client-credentials token from the running emulator (no browser needed)."""
    basic = base64.b64encode(f"{DEMO_APP_ID}:{DEMO_APP_SECRET}".encode()).decode()
    response = httpx.post(
        url + "/v5/oauth/token",
        data={"grant_type": "client_credentials", "scope": scope},
        headers={"Authorization": f"Basic {basic}"},
    )
    return str(response.json()["access_token"])


@pytest.mark.parametrize("package", ["starlette", "uvicorn", "python_multipart"])
def test_without_the_emulator_extra_the_command_says_how_to_install_it_in_one_line(package: str) -> None:
    """As when ``pip install pinterest-tools`` left the [emulator] extra out: the package cannot be imported."""
    code = (
        "import builtins, runpy\n"
        "real = builtins.__import__\n"
        "def blocked(name, *args, **kwargs):\n"
        f"    if name.partition('.')[0] == {package!r}:\n"
        "        raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = blocked\n"
        "runpy.run_module('pinterest_tools.emulator', run_name='__main__')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"the emulator needs {package}: pip install 'pinterest-tools[emulator]'\n"
