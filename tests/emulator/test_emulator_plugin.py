"""The pytest plugin as users get it: docs/emulator.md's example, discovery, markers, options, isolation, no extra.

Each test runs pytest on a small test file with pytester. The project is not installed in
the development virtualenv (so no entry point there): the runs load the plugin with ``-p``,
which registers it under the entry point's name, so that under ``nox`` (project installed)
the entry point and ``-p`` are one plugin.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from pinterest_tools.emulator import pytest_plugin

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = "pinterest_tools.emulator.pytest_plugin"


def readme_example() -> str:
    """The first Python block of docs/emulator.md's "Testing your own code" section, as written."""
    text = (ROOT / "docs" / "emulator.md").read_text(encoding="utf-8")
    section = text.split("## Testing your own code", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "docs/emulator.md's testing section has no python example"
    return match.group(1)


@pytest.mark.parametrize("mode", ["socket", "inprocess"])
def test_the_readme_example_passes_as_written(pytester: pytest.Pytester, mode: str) -> None:
    example = readme_example()
    assert len(example.splitlines()) <= 10
    pytester.makepyfile(test_readme_example=example)
    result = pytester.runpytest("-p", PLUGIN, f"--pinterest-emulator-mode={mode}")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"pinterest emulator: {mode} mode"])


def test_the_readme_example_passes_mypy_strict(tmp_path: Path) -> None:
    """Users copy it into typed test suites: an unannotated fixture argument failed ``mypy --strict``."""
    example = tmp_path / "test_readme_example.py"
    example.write_text(readme_example(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(example)],
        cwd=ROOT,
        env={**os.environ, "MYPYPATH": str(ROOT / "generated")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_the_readme_example_fails_when_its_assertion_is_wrong(pytester: pytest.Pytester) -> None:
    """The example really runs against the emulator: a different expectation fails."""
    pytester.makepyfile(test_readme_example=readme_example().replace('["Soups", "Pies"]', '["Pies", "Soups"]'))
    pytester.runpytest("-p", PLUGIN, "--pinterest-emulator-mode=inprocess").assert_outcomes(failed=1)


def test_pyproject_declares_the_entry_point_under_the_modules_name() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["pytest11"] == {PLUGIN: PLUGIN}
    assert "starlette" not in pytest_plugin.__dict__  # the module itself imports only pytest


def test_the_installed_entry_point_loads_the_plugin(pytester: pytest.Pytester) -> None:
    """Under nox the project is installed and pytest finds the plugin by itself (no -p)."""
    try:
        importlib.metadata.distribution("pinterest-tools")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("pinterest-tools is not installed here (nox installs it; its entry point is checked above)")
    found = [ep for ep in importlib.metadata.entry_points(group="pytest11") if ep.name == PLUGIN]
    assert [ep.value for ep in found] == [PLUGIN]
    pytester.makepyfile("def test_it(pinterest_emulator):\n    assert pinterest_emulator.mode == 'socket'\n")
    pytester.runpytest().assert_outcomes(passed=1)


def test_pytest_loads_the_declared_entry_point_alone_and_together_with_p(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What pip installs, made by hand: a dist-info with pyproject's pytest11 table on the path."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    site = pytester.mkdir("site")
    dist_info = site / "pinterest_tools-0.1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: pinterest-tools\nVersion: 0.1.0\n")
    lines = [f"{name} = {value}" for name, value in declared["pytest11"].items()]
    (dist_info / "entry_points.txt").write_text("[pytest11]\n" + "\n".join(lines) + "\n")
    monkeypatch.syspath_prepend(site)
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    pytester.makepyfile("def test_it(pinterest_emulator_inprocess):\n    assert pinterest_emulator_inprocess.token\n")
    pytester.runpytest().assert_outcomes(passed=1)
    pytester.runpytest("-p", PLUGIN).assert_outcomes(passed=1)  # one plugin, not two
    disabled = pytester.runpytest("-p", f"no:{PLUGIN}")
    disabled.assert_outcomes(errors=1)
    disabled.stdout.fnmatch_lines(["*fixture 'pinterest_emulator_inprocess' not found*"])


def test_loading_with_p_offers_the_fixtures_options_and_marker(pytester: pytest.Pytester) -> None:
    fixtures = pytester.runpytest("-p", PLUGIN, "--fixtures")
    listed = {line.split(" -- ")[0] for line in fixtures.stdout.lines if " -- " in line}
    assert {"pinterest_emulator", "pinterest_emulator_inprocess", "pinterest_emulator_factory"} <= listed
    helped = pytester.runpytest("-p", PLUGIN, "--help")
    helped.stdout.fnmatch_lines(["*--pinterest-emulator-mode*", "*--pinterest-emulator-data=FILE*"])
    markers = pytester.runpytest("-p", PLUGIN, "--markers")
    markers.stdout.fnmatch_lines(["@pytest.mark.pinterest_emulator(mode=None, data=None, **options)*"])


ISOLATION = """
import pytest

@pytest.fixture(params=["pinterest_emulator", "pinterest_emulator_inprocess"])
def emu(request):
    return request.getfixturevalue(request.param)

def test_1_changes_the_state(emu):
    emu.seed({"users": [{"username": "ana", "boards": [{"name": "Soups"}]}]})
    emu.clock.advance(3600)
    assert emu.state.find_user("ana")

def test_2_starts_fresh(emu):
    assert emu.state.find_user("ana") is None
    assert emu.exchanges == []
"""


def test_every_test_gets_a_fresh_emulator_in_both_modes(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_isolation=ISOLATION)
    pytester.runpytest("-p", PLUGIN, "-p", "no:randomly").assert_outcomes(passed=4)


MARKED = """
import pytest
from pinterest_tools.errors import AuthenticationError
DATA = {"users": [{"username": "solo", "boards": [{"name": "Only"}]}]}

@pytest.mark.pinterest_emulator(mode="inprocess", data=DATA, token_lifetime=60, record=False)
def test_marker(pinterest_emulator):
    assert pinterest_emulator.mode == "inprocess"
    assert [b.name for b in pinterest_emulator.state.boards_of("solo")] == ["Only"]
    token = pinterest_emulator.token
    pinterest_emulator.clock.advance(61)
    assert pinterest_emulator.tokens.valid(token) is None
    with pinterest_emulator.client() as client, pytest.raises(AuthenticationError):
        client.user_account.get()
    assert pinterest_emulator.exchanges == []

def test_ini_defaults(pinterest_emulator):
    assert pinterest_emulator.mode == "inprocess"
    assert pinterest_emulator.state.first_user().username == "from_file"

@pytest.mark.pinterest_emulator(mode="socket")
def test_marker_mode_wins(pinterest_emulator):
    assert pinterest_emulator.mode == "socket" and pinterest_emulator.base_url.startswith("http://127.0.0.1:")

def test_factory(pinterest_emulator_factory):
    a = pinterest_emulator_factory(mode="inprocess")
    b = pinterest_emulator_factory(mode="socket", data={"users": [{"username": "other"}]})
    assert a.state.first_user().username == "from_file" and b.state.first_user().username == "other"

@pytest.mark.pinterest_emulator(fault_rat=0.5)
def test_unknown_option(pinterest_emulator):
    pass
"""


def test_marker_ini_and_factory_configure_the_emulator(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_marked=MARKED)
    (pytester.path / "data").mkdir()
    (pytester.path / "data" / "users.json").write_text('{"users": [{"username": "from_file"}]}')
    pytester.makeini("[pytest]\npinterest_emulator_mode = inprocess\npinterest_emulator_data = data/users.json\n")
    result = pytester.runpytest("-p", PLUGIN)
    result.assert_outcomes(passed=4, errors=1)
    result.stdout.fnmatch_lines(["*TypeError: unknown emulator option(s): fault_rat*"])


def test_the_data_option_replaces_the_demo_data(pytester: pytest.Pytester) -> None:
    (pytester.path / "accounts.json").write_text('{"users": [{"username": "cli_user", "boards": [{"name": "B"}]}]}')
    pytester.makepyfile(
        "def test_it(pinterest_emulator):\n"
        "    assert [u.username for u in pinterest_emulator.state.users.values()] == ['cli_user']\n"
    )
    pytester.runpytest("-p", PLUGIN, "--pinterest-emulator-data", "accounts.json").assert_outcomes(passed=1)
    (pytester.path / "broken.json").write_text('{"users": [{"boards": []}]}')
    broken = pytester.runpytest("-p", PLUGIN, "--pinterest-emulator-data", "broken.json")
    broken.assert_outcomes(errors=1)
    broken.stdout.fnmatch_lines(["*DataFileError: *broken.json: data.users[[]0[]].username: required*"])


def test_a_bad_ini_mode_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\npinterest_emulator_mode = tcp\n")
    result = pytester.runpytest("-p", PLUGIN)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*pinterest_emulator_mode must be one of socket, inprocess, not 'tcp'*"])


CRASH = """
def test_emulator_bug(pinterest_emulator, monkeypatch):
    emu = pinterest_emulator
    def broken(self, key):
        raise RuntimeError("emulator bug")
    monkeypatch.setattr(type(emu.state), "boards_of", broken)
    import httpx
    with httpx.Client(transport=emu.transport, base_url=emu.base_url) as http:
        answer = http.get("/v5/boards", headers={"Authorization": "Bearer " + emu.token})
    assert (answer.status_code, answer.text) == (500, "Internal Server Error")
"""


@pytest.mark.parametrize("mode", ["socket", "inprocess"])
def test_an_emulator_exception_errors_the_test_at_teardown(pytester: pytest.Pytester, mode: str) -> None:
    pytester.makepyfile(test_crash=CRASH)
    result = pytester.runpytest("-p", PLUGIN, f"--pinterest-emulator-mode={mode}")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*the Pinterest emulator raised while serving (answered 500): RuntimeError*"])


def test_without_the_emulator_extra_pytest_still_works(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed without `[emulator]`: the plugin loads, its fixtures say what to install."""
    blocked = pytester.mkdir("without_extra")
    for module in ("starlette", "uvicorn"):
        (blocked / module).mkdir()
        (blocked / module / "__init__.py").write_text(f"raise ModuleNotFoundError(\"No module named '{module}'\")\n")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(blocked), os.environ.get("PYTHONPATH", "")]))
    pytester.makepyfile(
        test_users_suite="def test_plain():\n    assert True\n\ndef test_emulator(pinterest_emulator):\n    pass\n"
    )
    result = pytester.runpytest_subprocess("-p", PLUGIN)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        ["*the Pinterest emulator needs the emulator extra: pip install 'pinterest-tools[[]emulator[]]'*starlette*"]
    )
    assert "During handling" not in result.stdout.str()
