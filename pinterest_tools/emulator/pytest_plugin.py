"""pytest plugin: a fresh local Pinterest API emulator per test, for tests of your own code.

Installed with ``pip install 'pinterest-tools[emulator]'`` and loaded by pytest through
the ``pytest11`` entry point ``pinterest_tools.emulator.pytest_plugin`` (disable it with
``-p no:pinterest_tools.emulator.pytest_plugin``; load it by hand with ``-p
pinterest_tools.emulator.pytest_plugin`` where entry points are not installed). Without
the ``emulator`` extra the plugin still loads (it imports nothing but pytest); a test
that asks for one of its fixtures errors with a message saying what to install.

Fixtures (all function-scoped: every test gets its own emulator, state, clock and tokens)
========================================================================================

``pinterest_emulator``
    An emulator in the session's mode (``--pinterest-emulator-mode``, default socket),
    configured by the test's ``pinterest_emulator`` marker.
``pinterest_emulator_inprocess``
    The same, always in process.
``pinterest_emulator_factory``
    ``factory(mode=None, data=None, **options) -> emulator`` for several emulators or
    settings chosen at run time; each is stopped at teardown.

Markers, options and ini settings
=================================

``@pytest.mark.pinterest_emulator(mode=..., data=..., **options)``
    ``mode``: ``"socket"`` or ``"inprocess"``; ``data``: a data-file path or a parsed data
    document (the format is ``pinterest_tools.emulator``'s docstring) replacing the demo
    data; ``options``: ``run_emulator``'s (``fault_rate``, ``rate_limit``,
    ``token_lifetime``, ``record``, ...).
``--pinterest-emulator-mode socket|inprocess`` (ini ``pinterest_emulator_mode``)
    The mode of ``pinterest_emulator`` when the marker does not say (default socket).
``--pinterest-emulator-data FILE`` (ini ``pinterest_emulator_data``)
    A data file every emulator starts from instead of the demo data (a relative ini
    path is relative to the ini file).

The emulator the fixtures yield
===============================

- ``mode``: ``"socket"`` or ``"inprocess"``.
- ``base_url``: the emulator's root, with the meaning of ``PINTEREST_API_URI`` (no
  ``/v5``): ``http://127.0.0.1:<port>`` on a socket, ``http://pinterest-emulator.invalid``
  in process (a name that never resolves).
- ``transport``: None on a socket; in process, the ``httpx`` transport (sync and async
  in one object) every client must be given: ``httpx.Client(transport=emu.transport,
  base_url=emu.base_url)``, or ``with pinterest_tools.http.transport.use_transport(
  emu.transport): ...`` around code that builds its own pinterest-tools clients.
- ``token``: an access token of the default user (dexter_demo in the demo data) with
  every v5 scope; ``issue_token(user=None, scopes=None, *, version=5, expires_in=None,
  app_id=DEMO_APP_ID) -> str`` issues others (a user by id or username).
- ``client(user=None, scopes=None, *, token=None, timeout=None, max_retries=None)``: a
  :class:`pinterest_tools.Pinterest` bound to the emulator (``client.boards.list()``,
  ``client.pins.create(...)``: every v5 operation), with ``token`` if given, else the
  default token, else one issued for ``user``/``scopes``; ``timeout`` (seconds per
  request) and ``max_retries`` (attempts after the first) are the facade's.
  ``async_client(...)`` is the same as an :class:`pinterest_tools.AsyncPinterest`. The
  client holds its token as ``access_token``: it reads no environment token or token
  file. The type is decided in one place, ``testing.bind_client``. Sync clients are
  closed at teardown; close async ones with ``async with``.
- ``seed(document) -> {"users": [...], "resources": [...]}``: adds a data document (users
  with their boards, sections, pins, media, ad accounts; apps; ``resources``: audiences,
  customer lists, catalogs, feeds, ... of the description-driven families) to the current data; a user named like an
  existing one gets the lists appended (see ``pinterest_tools.emulator.serving.merge``). Returns the seeded users in
  the data-file format with every id filled in. Invalid data raises
  ``DataFileError`` naming the place.
- The control plane, as over HTTP under ``control_url`` (``<base_url>/_emulator``, see
  ``pinterest_tools.emulator.serving.control``): ``reset()`` (back to the starting data),
  ``add_fault(operation_id=..., probability=1, count=2, status=503)`` (or ``method=``/``path=``,
  ``delay_ms=``; returns the rule with its ``id``) and ``remove_fault(id)``,
  ``set_answer(operation_id, body)``/``clear_answer(operation_id)`` for Pinterest-owned data
  (trends, keyword metrics, targeting, audience sizing), ``snapshot()`` and ``restore(doc)``.
- ``state`` (the live records: ``state.boards_of("ana")``), ``dump()`` (the data
  document), ``clock`` (``clock.advance(seconds)`` expires tokens), ``tokens``,
  ``exchanges`` (every API exchange; the fixtures record unless ``record=False``),
  ``services``.
- v3 and ads v4 are served too: ``issue_token(version=3)`` and any httpx client on
  ``base_url`` with ``transport``.

At teardown the emulator stops; if it raised an exception while serving (an emulator
bug, answered 500), the test errors with that exception.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pinterest_tools.emulator.testing import PinterestEmulator

MODES = ("socket", "inprocess")
MARKER = "pinterest_emulator"
EXTRA_HINT = "pip install 'pinterest-tools[emulator]'"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("pinterest-emulator", "local Pinterest API emulator (pinterest-tools)")
    group.addoption(
        "--pinterest-emulator-mode",
        choices=MODES,
        default=None,
        help="how the pinterest_emulator fixture serves: on a loopback socket or in process (default: socket)",
    )
    group.addoption(
        "--pinterest-emulator-data",
        metavar="FILE",
        default=None,
        help="a data file every emulator starts from instead of the demo data",
    )
    parser.addini("pinterest_emulator_mode", "default mode of the pinterest_emulator fixture (socket, inprocess)")
    parser.addini("pinterest_emulator_data", "data file every emulator starts from (relative to the ini file)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(mode=None, data=None, **options): how the pinterest_emulator fixture starts its emulator",
    )
    mode = _default_mode(config)
    if mode not in MODES:
        raise pytest.UsageError(f"pinterest_emulator_mode must be one of {', '.join(MODES)}, not {mode!r}")


def _default_mode(config: pytest.Config) -> str:
    return str(config.getoption("--pinterest-emulator-mode") or config.getini("pinterest_emulator_mode") or "socket")


def _default_data(config: pytest.Config) -> Path | None:
    given = config.getoption("--pinterest-emulator-data")
    if given:
        return Path(given).resolve()
    ini = str(config.getini("pinterest_emulator_data") or "")
    if not ini:
        return None
    base = config.inipath.parent if config.inipath is not None else config.rootpath
    return base / ini


def pytest_report_header(config: pytest.Config) -> str:
    return f"pinterest emulator: {_default_mode(config)} mode"


def _testing() -> Any:
    """``pinterest_tools.emulator.testing``, or a clear error when the extra is missing."""
    try:
        from pinterest_tools.emulator import testing
    except ImportError as error:
        missing = str(error)
    else:
        return testing
    pytest.fail(f"the Pinterest emulator needs the emulator extra: {EXTRA_HINT} ({missing})", pytrace=False)


@pytest.fixture
def pinterest_emulator_factory(request: pytest.FixtureRequest) -> Iterator[Callable[..., PinterestEmulator]]:
    """``factory(mode=None, data=None, **options)`` starts an emulator; all are stopped at teardown."""
    testing = _testing()
    from pinterest_tools.emulator.core.settings import Options

    contexts: list[Any] = []
    started: list[PinterestEmulator] = []

    def start(mode: str | None = None, data: Any = None, **options: Any) -> PinterestEmulator:
        unknown = sorted(set(options) - set(Options.__annotations__))
        if unknown:
            raise TypeError(
                f"unknown emulator option(s): {', '.join(unknown)} (known: {', '.join(Options.__annotations__)})"
            )
        options.setdefault("record", True)
        context = testing.start_emulator(
            mode or _default_mode(request.config),
            data=data if data is not None else _default_data(request.config),
            **options,
        )
        emulator: PinterestEmulator = context.__enter__()
        contexts.append(context)
        started.append(emulator)
        return emulator

    yield start
    for context in reversed(contexts):
        context.__exit__(None, None, None)
    failures = [failure for emulator in started for failure in emulator.services.failures]
    if failures:
        pytest.fail(f"the Pinterest emulator raised while serving (answered 500): {failures[0]!r}", pytrace=False)


def _marked(request: pytest.FixtureRequest) -> dict[str, Any]:
    marker = request.node.get_closest_marker(MARKER)
    if marker is None:
        return {}
    if marker.args:
        raise TypeError(f"@pytest.mark.{MARKER} takes keyword arguments only (mode=, data=, options)")
    return dict(marker.kwargs)


@pytest.fixture
def pinterest_emulator(
    request: pytest.FixtureRequest, pinterest_emulator_factory: Callable[..., PinterestEmulator]
) -> PinterestEmulator:
    """A fresh emulator in the session's mode, as the test's ``pinterest_emulator`` marker configures it."""
    return pinterest_emulator_factory(**_marked(request))


@pytest.fixture
def pinterest_emulator_inprocess(
    request: pytest.FixtureRequest, pinterest_emulator_factory: Callable[..., PinterestEmulator]
) -> PinterestEmulator:
    """A fresh emulator served in process (no socket), as the ``pinterest_emulator`` marker configures it."""
    return pinterest_emulator_factory(**(_marked(request) | {"mode": "inprocess"}))
