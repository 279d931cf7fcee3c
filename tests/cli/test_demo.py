"""`nox -s demo`, the README's first command, end to end: emulator, OAuth, commands, its files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path


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
    # The emulator's banner comes before the first command, not somewhere in its output.
    assert out.index("Pinterest API emulator: v5 ") < out.index("Ctrl-C to stop") < out.index("$ pinterest-tools ")
    # Every file the output names still exists when the demo has ended; then the test removes them.
    kept = re.search(r"are kept in (\S+); remove it when done\.$", out, re.MULTILINE)
    assert kept, out[-500:]
    folder = Path(kept[1])
    try:
        named = {Path(path) for path in re.findall(r"(/[^\s;]+)", out) if path.startswith(str(folder))}
        assert {path.name for path in named} >= {"access_token.json", "analytics.json"}
        assert all(path.exists() for path in named), named
    finally:
        shutil.rmtree(folder, ignore_errors=True)
