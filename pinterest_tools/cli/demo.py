"""Run the quickstart's commands against a local emulator: no Pinterest account, no network.

``nox -s demo`` (or ``python -m pinterest_tools.cli.demo``) starts the emulator on a free
loopback port with auto-approved consent, shows the emulator's banner, obtains a token
through the real OAuth flow (a stand-in browser follows the consent redirect), then runs a
handful of commands the way a person would type them, printing each command line and its
output. What the commands write (the token file, the analytics report) goes to a new
folder under the system's temporary directory, which is kept, and named at the end, so
that every path the output shows still exists when the demo ends; nothing outside it is
written.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


BANNER_END = "Ctrl-C to stop"  # the last line of the emulator's banner (pinterest_tools/emulator/__main__.py)


def _forward(stream: IO[str]) -> None:
    """Pass what the emulator logs after its banner to our stderr, as it comes."""
    for line in stream:
        sys.stderr.write(line)
        sys.stderr.flush()


@contextlib.contextmanager
def emulator(extra: list[str]) -> Iterator[str]:
    """An emulator subprocess with auto-approved consent; yields its base URL once its banner is shown.

    The emulator prints its base URL on stdout and its banner on stderr. Left to itself, the
    banner reached the terminal whenever the emulator's stderr was flushed, often after the
    first command's output; so it is read here, up to its last line, and printed in order
    before the first command runs. The rest of the emulator's stderr follows on ours.
    """
    process = subprocess.Popen(
        [PYTHON, "-m", "pinterest_tools.emulator", "--auto-approve", "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        base_url = process.stdout.readline().strip()
        if not base_url.startswith("http"):
            sys.stderr.write(process.stderr.read())
            raise SystemExit("demo: the emulator did not start (is the `emulator` extra installed?)")
        for line in process.stderr:
            print(line, end="", flush=True)
            if BANNER_END in line:
                break
        threading.Thread(target=_forward, args=(process.stderr,), daemon=True).start()
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)


def json_lines(output: str) -> list[dict[str, object]]:
    """The JSON objects of a ``--json`` listing (log lines around them are skipped)."""
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


class Demo:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.failures = 0

    def run(self, command: str, *args: str, stdin: str | None = None) -> str:
        """Run ``pinterest-tools <command> <args>`` as a person would; show and return its output."""
        print(f"\n$ pinterest-tools {command} {shlex.join(args)}".rstrip(), flush=True)
        result = subprocess.run(
            [PYTHON, "-m", f"pinterest_tools.{command}", *args],
            env=self.env,
            input=stdin or "",
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,  # the request log lines stay next to the output they explain
            text=True,
        )
        print(result.stdout, end="", flush=True)
        if result.returncode != 0:
            self.failures += 1
            print(f"(exit code {result.returncode})", flush=True)
        return result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pinterest_tools.cli.demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--api-version", choices=["3", "5"], default="5", help="API version (default 5)")
    parser.add_argument("--emulator-args", default="", help="extra emulator options, e.g. '--latency-ms 50'")
    args = parser.parse_args(argv)
    from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET

    # Kept after the demo: the commands' output names the files they write here.
    tmp = tempfile.mkdtemp(prefix="pinterest-demo-")
    print(f"Starting the Pinterest API emulator (API v{args.api_version}); files go to {tmp}", flush=True)
    with emulator(shlex.split(args.emulator_args)) as url:
        browser = Path(tmp) / "browser"
        browser.write_text(f'#!/bin/sh\nexec {shlex.quote(PYTHON)} -m pinterest_tools.emulator.visit "$1"\n')
        browser.chmod(browser.stat().st_mode | stat.S_IXUSR)
        env = {
            **os.environ,
            "PINTEREST_API_URI": url,
            "PINTEREST_OAUTH_URI": url,
            "PINTEREST_APP_ID": DEMO_APP_ID,
            "PINTEREST_APP_SECRET": DEMO_APP_SECRET,
            "PINTEREST_OAUTH_TOKEN_DIR": str(Path(tmp) / "tokens"),
            "PINTEREST_REDIRECT_PORT": str(free_port()),
            "PINTEREST_API_VERSION": args.api_version,
            "BROWSER": str(browser),
        }
        for name in ("ACCESS_TOKEN", "ACCESS_TOKEN_V3"):
            env.pop(name, None)  # the demo's token comes from the OAuth flow, not the caller's environment
        demo = Demo(env)
        scopes = "boards:read,boards:write,pins:read,pins:write,user_accounts:read" if args.api_version == "5" else ""
        demo.run("get_access_token", "-w", *(["-s", scopes] if scopes else []))
        boards = json_lines(demo.run("get_user_boards", "--json"))
        demo.run("get_user_boards", "--all")
        if boards:
            board_id = str(boards[0]["id"])
            demo.run("get_board", "-b", board_id, "--pins")
            pins = json_lines(demo.run("get_user_pins", "--json"))
            if pins:
                demo.run("get_pin", "-p", str(pins[0]["id"]))
            demo.run("copy_board", "-b", board_id, "-n", f"Copy of {boards[0].get('name', 'board')}")
        report = Path(tmp) / "analytics.json"
        demo.run("get_analytics", "-o", "user", "--output", str(report))
        if report.exists():
            print(f"(analytics written: {report.stat().st_size} bytes)")
    print(f"\nDemo finished: {'all commands succeeded' if not demo.failures else f'{demo.failures} failed'}.")
    print(f"Its files (the token, the analytics report, the stand-in browser) are kept in {tmp}; remove it when done.")
    return 1 if demo.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
