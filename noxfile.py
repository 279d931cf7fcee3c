"""Developer sessions. `nox -s demo` and `nox -s tests` are the README's two commands.

Every tool is pinned here so that a session gives the same result on every
machine; runtime dependencies stay lower-bounded in pyproject.toml.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["tests", "lint"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
SHARED_SPEC = ROOT.parent / "shared" / "specs" / "pinterest-api-v5.23.0.json"

GENERATOR = ["openapi-python-client==0.29.1", "ruff==0.17.6"]
RUFF = "ruff==0.17.6"
MYPY = "mypy==2.4.1"
PYTEST = "pytest==9.2.0"
TEST_DEPS = [
    PYTEST,
    "pyyaml==6.0.4",
    "respx==0.23.1",
    "anyio==4.16.0",
    "openapi-core==0.23.1",
    "pytest-xdist==3.8.0",  # the suite runs on every core: it stays within minutes on a 2-core machine
    MYPY,  # the facade's everyday scripts must pass mypy --strict (tests/rest/test_facade_scripts.py)
    RUFF,  # the facade's generated resources are compared with a fresh render (tests/rest/test_facade_surface.py)
    "ruamel.yaml==0.19.1",  # the generator's YAML parser: the tests read the merged description as it does
]
LINT_DEPS = ["openapi-spec-validator==0.9.0"]
EXTRAS = ".[emulator,mcp]"
# The official SDK, a baseline of the benchmarks only (it pins urllib3 1.26 and six 1.16,
# which nothing of ours uses: the two share the bench venv).
SDK = "pinterest-api-sdk==0.2.7"


def spec_env() -> dict[str, str]:
    """Point the sessions that need Pinterest's description at it (never committed; see specs/README.md)."""
    if "PINTEREST_V5_SPEC" in os.environ:
        return {"PINTEREST_V5_SPEC": os.environ["PINTEREST_V5_SPEC"]}
    return {"PINTEREST_V5_SPEC": str(SHARED_SPEC)} if SHARED_SPEC.exists() else {}


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (offline: HTTP goes only to 127.0.0.1)."""
    session.install("-e", EXTRAS, *TEST_DEPS)
    session.run("pytest", "-n", "auto", *session.posargs, env=spec_env())


@nox.session(default=False, venv_backend="uv")
def tests_lowest(session: nox.Session) -> None:
    """The test suite on the lowest versions pyproject.toml allows, so its lower bounds stay true."""
    session.install("--resolution", "lowest-direct", "-e", EXTRAS, *TEST_DEPS)
    session.run("pytest", "-q", "-n", "auto", *session.posargs, env=spec_env())


@nox.session(default=False)
def demo(session: nox.Session) -> None:
    """Run the commands against the built-in emulator (no account, no network); `-- -v 3` for v3."""
    session.install("-e", EXTRAS)
    session.run("python", "-m", "pinterest_tools.cli.demo", *session.posargs)


@nox.session(default=False)
def browser(session: nox.Session) -> None:
    """The OAuth consent flow in headless Chromium (needs Debian's chromium; CI installs it)."""
    session.install("-e", EXTRAS, *TEST_DEPS, "playwright==1.65.2")
    session.run("pytest", "-m", "browser", *session.posargs, env=spec_env())


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (check + format) and mypy strict on the project's code; mypy on the generated packages."""
    # pytest too: the emulator's pytest plugin is type-checked against it.
    session.install("-e", EXTRAS, RUFF, MYPY, PYTEST, *LINT_DEPS, *GENERATOR)
    code = ["pinterest_tools", "specgen", "tests", "noxfile.py", "benchmarks", "examples"]
    session.run("ruff", "check", *code)
    session.run("ruff", "format", "--check", *code)
    session.run("mypy", "pinterest_tools", "specgen")
    with session.chdir("generated"):
        session.run(
            "mypy", "--config-file", "/dev/null", "--python-version", "3.11", "pinterest_api_v5", "pinterest_api_v3"
        )
    session.run("openapi-spec-validator", "specs/v3/openapi.yaml", "specs/v5/supplement/openapi.yaml")


@nox.session(default=False)
def generate(session: nox.Session) -> None:
    """Write every generated file (pass `-- --spec PATH` or set PINTEREST_V5_SPEC; `-- --check` for the drift check).

    generated/, the facade and api.md come from the description; the command modules and
    the tables of docs/ from the project's own commands, emulator and MCP server, which is
    why the project is installed here with both extras (CONTRIBUTING.md lists every file).
    """
    session.install("-e", EXTRAS, *GENERATOR)
    session.run("python", "-m", "specgen.generate", *session.posargs, env=spec_env())


@nox.session(default=False, venv_backend="uv")
def bench(session: nox.Session) -> None:
    """Benchmarks (never part of the tests), next to raw httpx and the official SDK: writes benchmarks/RESULTS.md."""
    # Installed as a user's `pip install` leaves it: not editable, byte code compiled
    # (pip's default; uv's is to compile on first import, which an editable checkout under
    # PYTHONDONTWRITEBYTECODE never does). Reinstalled every run: the checkout changes.
    session.install("--reinstall-package", "pinterest-tools", "--compile-bytecode", EXTRAS, SDK)
    session.run("python", "-m", "benchmarks", *session.posargs)
