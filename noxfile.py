"""Developer sessions. `nox -s demo` and `nox -s tests` are the README's two commands.

Every tool is pinned here so that a session gives the same result on every
machine; runtime dependencies stay lower-bounded in pyproject.toml.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["tests", "lint"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
SHARED_SPEC = ROOT.parent / "shared" / "specs" / "pinterest-api-v5.23.0.json"

# jsonpath-rfc9535 applies specs/v5/overlay (OpenAPI Overlay targets are RFC 9535 JSONPaths).
JSONPATH = "jsonpath-rfc9535==1.0.1"
GENERATOR = ["openapi-python-client==0.29.1", "ruff==0.17.6", JSONPATH]
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
    JSONPATH,  # ... and apply the 5.28.0 overlay as it does
    # A client nobody here wrote (openapi-generator's, API 5.28.0, pydantic models): its models must
    # read every answer of the emulator (tests/emulator/test_emulator_pinterestsdk.py). Tests only.
    "pinterestsdk==2.1.0",
]
LINT_DEPS = ["openapi-spec-validator==0.9.0"]
# `nox -s build`: the build frontend, PyPI's own metadata check, and uv for the fresh venv the
# wheel is installed into (the version .ci/run installs).
BUILD_DEPS = ["build==1.6.1", "twine==7.0.0", "uv==0.13.9"]
EXTRAS = ".[emulator,mcp]"
# The official SDK, a baseline of the benchmarks only (it pins urllib3 1.26 and six 1.16,
# which nothing of ours uses: the two share the bench venv).
SDK = "pinterest-api-sdk==0.2.7"


def spec_env() -> dict[str, str]:
    """Point the sessions that need Pinterest's description at it (never committed; see specs/README.md)."""
    if "PINTEREST_V5_SPEC" in os.environ:
        return {"PINTEREST_V5_SPEC": os.environ["PINTEREST_V5_SPEC"]}
    return {"PINTEREST_V5_SPEC": str(SHARED_SPEC)} if SHARED_SPEC.exists() else {}


def newest_python() -> str | None:
    """The newest CPython on this machine, as a path, if it is newer than the oldest one supported (3.11).

    pyenv's versions first (its ``python3.X`` shims fail for every version but the selected
    one), then ``python3.X`` on the PATH; each candidate is run before it is trusted. Found
    once, when nox reads this file: a session's interpreter is fixed when it is declared.
    """
    found: list[tuple[tuple[int, int], str]] = []
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    for executable in pyenv.glob("versions/*/bin/python3"):
        release = re.fullmatch(r"3\.(\d+)\.\d+", executable.parent.parent.name)  # no rc, dev or t builds
        if release:
            found.append(((3, int(release.group(1))), str(executable)))
    for minor in range(12, 20):
        on_path = shutil.which(f"python3.{minor}")
        if on_path:
            found.append(((3, minor), on_path))
    for version, executable in sorted(found, reverse=True):
        if version <= (3, 11):
            break
        check = [executable, "-c", "import sys; print(*sys.version_info[:2])"]
        ran = subprocess.run(check, capture_output=True, text=True, check=False)
        if ran.returncode == 0 and ran.stdout.split() == [str(part) for part in version]:
            return executable
    return None


NEWEST_PYTHON = newest_python()


def run_tests(session: nox.Session) -> None:
    session.install("-e", EXTRAS, *TEST_DEPS)
    session.run("pytest", "-n", "auto", *session.posargs, env=spec_env())


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (offline: HTTP goes only to 127.0.0.1)."""
    run_tests(session)


@nox.session(default=False, python=NEWEST_PYTHON)
def tests_newest(session: nox.Session) -> None:
    """The test suite on the newest Python this machine has (3.13 here); CI runs it beside `tests` (3.11)."""
    if NEWEST_PYTHON is None:
        session.skip("no Python newer than 3.11 on this machine: `nox -s tests` covers the only one")
    run_tests(session)


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
def build(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/, check them as PyPI would, and run the wheel in a fresh venv."""
    session.install(*BUILD_DEPS)
    dist = ROOT / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    # The wheel is built from the sdist (build's default): a file the sdist lacks fails here.
    session.run("python", "-m", "build", "--installer", "uv", "--outdir", str(dist), str(ROOT))
    (sdist,), (wheel,) = sorted(dist.glob("*.tar.gz")), sorted(dist.glob("*.whl"))
    session.run("twine", "check", "--strict", str(sdist), str(wheel))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    version = re.fullmatch(r"pinterest_tools-([^-]+)-py3-none-any\.whl", wheel.name)
    if version is None:
        session.error(f"{wheel.name} is not a pure-Python wheel of pinterest_tools")
    dist_info = f"pinterest_tools-{version.group(1)}.dist-info"
    wanted = [
        f"{dist_info}/licenses/LICENSE",
        "pinterest_tools/py.typed",
        "pinterest_api_v5/py.typed",
        "pinterest_api_v3/py.typed",
    ]
    missing = [name for name in wanted if name not in names]
    with tarfile.open(sdist) as archive:
        root = sdist.name.removesuffix(".tar.gz")
        missing += [
            f"{sdist.name}: {name}"
            for name in ("LICENSE", "CHANGELOG.md")
            if f"{root}/{name}" not in archive.getnames()
        ]
    if missing:
        session.error(f"the distributions lack {', '.join(missing)}")
    session.log(f"{wheel.name}: {len(names)} files, with {', '.join(wanted)}")
    with tempfile.TemporaryDirectory() as scratch:
        venv = Path(scratch) / "venv"
        session.run("uv", "venv", "--quiet", "--python", str(Path(session.bin) / "python"), str(venv))
        python = str(venv / "bin" / "python")
        session.run("uv", "pip", "install", "--quiet", "--python", python, str(wheel))
        session.run(str(venv / "bin" / "pinterest-tools"), "--help", external=True)
        # The version the wheel's metadata states is the one the package says (one source).
        said = "import importlib.metadata as m, pinterest_tools as p; print(p.__version__, m.version(p.__name__))"
        versions = session.run(python, "-c", said, external=True, silent=True)
        if not isinstance(versions, str) or versions.split() != [version.group(1)] * 2:
            session.error(f"the installed package and its metadata disagree on the version: {versions!r}")


@nox.session(default=False)
def generate(session: nox.Session) -> None:
    """Write every generated file (pass `-- --spec PATH` or set PINTEREST_V5_SPEC; `-- --check` for the drift check).

    generated/, the facade and api.md come from the description; the command modules and
    the tables of docs/ from the project's own commands, emulator and MCP server, which is
    why the project is installed here with both extras (CONTRIBUTING.md lists every file).
    """
    session.install("-e", EXTRAS, *GENERATOR)
    session.run("python", "-m", "specgen.generate", *session.posargs, env=spec_env())


@nox.session(default=False)
def overlay(session: nox.Session) -> None:
    """Derive the three files of specs/v5/overlay/ from the 5.28.0 fact sheet (`-- --check` to compare)."""
    # pinterestsdk 2.1.0 (generated from API 5.28.0) gives the structure of the schemas the
    # fact sheet names without listing their fields; only the derivation reads it.
    session.install("pinterestsdk==2.1.0", "ruamel.yaml==0.19.1", JSONPATH)
    session.run("python", "-m", "specgen.derive_overlay", *session.posargs, env=spec_env())


@nox.session(default=False, venv_backend="uv")
def bench(session: nox.Session) -> None:
    """Benchmarks (never part of the tests), next to raw httpx and the official SDK: writes benchmarks/RESULTS.md."""
    # Installed as a user's `pip install` leaves it: not editable, byte code compiled
    # (pip's default; uv's is to compile on first import, which an editable checkout under
    # PYTHONDONTWRITEBYTECODE never does). Reinstalled every run: the checkout changes.
    session.install("--reinstall-package", "pinterest-tools", "--compile-bytecode", EXTRAS, SDK)
    session.run("python", "-m", "benchmarks", *session.posargs)
