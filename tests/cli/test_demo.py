"""`nox -s demo`, the README's first command, end to end: emulator, OAuth, commands, cleanup."""

from __future__ import annotations

import subprocess
import sys


def test_demo_runs_every_step_against_the_emulator() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pinterest_tools.cli.demo"], capture_output=True, text=True, timeout=300, check=False
    )
    out = result.stdout
    assert result.returncode == 0, out[-3000:] + result.stderr[-2000:]
    for step in (
        "get_access_token -w",
        "get_user_boards",
        "get_board -b",
        "get_pin -p",
        "copy_board -b",
        "get_analytics -o user",
    ):
        assert f"$ pinterest-tools {step}" in out
    assert "wrote access_token to" in out  # the token came through the auto-approved OAuth flow
    assert "Board ID: " in out and "Pin ID: " in out
    assert "(analytics written: " in out  # the README promises get_analytics among the demo's steps
    assert "Demo finished: all commands succeeded." in out
