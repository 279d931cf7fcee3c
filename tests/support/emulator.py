"""The `emulator` fixture, and the contract check every emulator test gets for free.

Registered as a plugin in conftest.py. Each test that uses `emulator` (or
`make_emulator`) gets a fresh emulator on a free loopback port, recording every exchange.
At teardown every recorded exchange is validated with openapi-core: v5 ones against
Pinterest's description when it is at hand (`support.description` finds or downloads it;
never copied into the project) with the
project's supplement merged in (specgen.v5_source, as the generator does), v3 and ads
v4 ones against the project's specs/v3/openapi.yaml:

- each response against the description's schema for that operation and status (except
  injected faults, which stand for infrastructure outside the API, e.g. a gateway's 502);
- each request the emulator accepted (2xx) against the request schema (a request the
  emulator refused has already failed the test that sent it, or was meant to);
- a 404/405 for a path or method the description lacks is not checked (there is no
  schema for it; the emulator answers it in v5's error shape).

Two defects of v5's description are read as meant rather than as written (a `oneOf` of
enums that share values, see `overlapping_enum_unions`; a nested `deepObject` query
parameter, see `deep_objects_as_exploded`). Problems fail the test at
teardown (reported as an error), as do exceptions the emulator raised. The terminal
summary reports how many operations of each API were covered.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
import yaml
from pinterest_api_v5 import AuthenticatedClient

from pinterest_tools.emulator import Emulator, run_emulator
from pinterest_tools.emulator.wire.exchanges import Exchange
from support.description import MISSING, spec_path

ROOT = Path(__file__).resolve().parents[2]
V3_SPEC = ROOT / "specs" / "v3" / "openapi.yaml"


def _explain(error: BaseException) -> str:
    """An openapi-core error with its causes and the jsonschema messages inside them."""
    parts = []
    current: BaseException | None = error
    while current is not None:
        parts.append(type(current).__name__)
        for schema_error in getattr(current, "schema_errors", ()) or ():
            location = "/".join(str(p) for p in schema_error.absolute_path)
            parts.append(f"{location or '<body>'}: {schema_error.message}")
        current = current.__cause__ or current.__context__
    return "; ".join(parts)


def overlapping_enum_unions(node: Any) -> int:
    """Read a `oneOf` of string enums that share values as `anyOf`; returns how many were.

    v5 describes the Pin analytics' `metric_types` items (one and several Pins) as
    oneOf[standard Pin metrics, video Pin metrics], two enums that share IMPRESSION,
    PIN_CLICK, SAVE, ... A shared value matches both, which `oneOf` forbids, so every
    request for those metrics (the quickstart's `get_analytics -o pin` asks for
    IMPRESSION,PIN_CLICK) would fail the check although it is what the description means.
    Nothing else in either description has this shape.
    """
    found = 0
    if isinstance(node, dict):
        members = node.get("oneOf")
        if isinstance(members, list) and members and all(isinstance(m, dict) and "enum" in m for m in members):
            values = [value for member in members for value in member["enum"]]
            if len(values) != len(set(values)):
                node["anyOf"] = node.pop("oneOf")
                found += 1
        for value in node.values():
            found += overlapping_enum_unions(value)
    elif isinstance(node, list):
        for value in node:
            found += overlapping_enum_unions(value)
    return found


def deep_objects_as_exploded(spec: Any) -> int:
    """Read a `deepObject` query parameter as openapi-core can; returns how many there were.

    v5's catalog report stats take `parameters` as `style: deepObject` without `explode`
    (so `false`, for which OpenAPI 3.0 defines no deepObject form, and openapi-core
    refuses to read it), and its schema nests an object (`parameters[report][report_type]`)
    that openapi-core 0.23 cannot deserialize either: no request could pass. The parameter
    is read with `explode: true` and checked as an object; the emulator checks its fields.
    """
    found = 0
    for parameter in spec.get("components", {}).get("parameters", {}).values():
        if parameter.get("style") == "deepObject":
            parameter["explode"] = True
            parameter["schema"] = {"type": "object"}
            found += 1
    return found


@dataclass
class ContractChecker:
    """One API description, loaded once per session, checking the exchanges it covers."""

    name: str
    spec_name: str
    openapi: Any
    prefixes: tuple[str, ...]  # the request paths this description covers
    strip: str  # removed from a path before looking it up ("/v5": v5's paths lack it)
    operations: int
    covered: set[str] = field(default_factory=set)
    exchanges: int = 0

    @classmethod
    def load(
        cls, spec: dict[str, Any], *, name: str, spec_name: str, prefixes: tuple[str, ...], strip: str, operations: int
    ) -> ContractChecker:
        from openapi_core import OpenAPI

        spec["servers"] = [{"url": "/"}]  # validate paths, whatever host the emulator had
        overlapping_enum_unions(spec)
        deep_objects_as_exploded(spec)
        return cls(name, spec_name, OpenAPI.from_dict(spec), prefixes, strip, operations)

    def fresh(self) -> ContractChecker:
        """The same description with counters of its own."""
        return ContractChecker(self.name, self.spec_name, self.openapi, self.prefixes, self.strip, self.operations)

    def problems(self, exchange: Exchange) -> list[str]:
        from openapi_core.templating.paths.exceptions import PathError
        from openapi_core.testing import MockRequest, MockResponse

        if not exchange.path.startswith(self.prefixes) or exchange.status is None:
            return []
        request = MockRequest(
            "http://emulator.invalid",
            exchange.method,
            exchange.path.removeprefix(self.strip),
            args=parse_qsl(exchange.query, keep_blank_values=True),  # type: ignore[arg-type]
            headers=dict(exchange.request_headers),
            data=exchange.request_body,
            content_type=exchange.request_header("content-type") or "application/json",
        )
        response = MockResponse(
            exchange.response_body,
            exchange.status,
            headers=dict(exchange.response_headers),
            content_type=exchange.response_header("content-type") or "",
        )
        where = f"{exchange.method} {exchange.path} -> {exchange.status}"
        found = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openapi-core warns about the oauth2 scheme it cannot check
            if 200 <= exchange.status < 300:
                try:
                    self.openapi.validate_request(request)
                except Exception as error:
                    found.append(f"{where}: request does not match the description: {_explain(error)}")
            if exchange.fault is None:
                try:
                    self.openapi.validate_response(request, response)
                except PathError:
                    if exchange.operation_id is not None or exchange.status not in (404, 405):
                        found.append(f"{where}: the description has no such operation")
                except Exception as error:
                    found.append(f"{where}: response does not match the description: {_explain(error)}")
                else:
                    self.exchanges += 1
                    if exchange.operation_id:
                        self.covered.add(exchange.operation_id)
        return found


_checkers: list[ContractChecker] | None = None


def contract_checkers() -> list[ContractChecker]:
    """The session's checkers: v5 when Pinterest's description is at hand, and v3 (ours)."""
    global _checkers
    if _checkers is None:
        from pinterest_api_v3.operations import OPERATIONS as V3_OPERATIONS
        from pinterest_api_v5.operations import OPERATIONS as V5_OPERATIONS

        _checkers = []
        if spec_path().exists():
            from specgen.v5_source import merged_v5_description

            _checkers.append(
                ContractChecker.load(
                    merged_v5_description(str(spec_path())),  # with the supplement, as the emulator serves it
                    name="v5",
                    spec_name=f"API 5.28.0 ({spec_path().name}, specs/v5/supplement and specs/v5/overlay)",
                    prefixes=("/v5/",),
                    strip="/v5",
                    operations=len(V5_OPERATIONS),
                )
            )
        _checkers.append(
            ContractChecker.load(
                yaml.safe_load(V3_SPEC.read_text()),
                name="v3",
                spec_name=V3_SPEC.name,
                prefixes=("/v3/", "/ads/v4/"),
                strip="",
                operations=len(V3_OPERATIONS),
            )
        )
    return _checkers


def contract_checker() -> ContractChecker | None:
    """The v5 checker, or None when Pinterest's description is not available."""
    return next((checker for checker in contract_checkers() if checker.name == "v5"), None)


def check_emulator(emu: Emulator) -> None:
    """Fail the current test if the emulator broke or an exchange broke the contract."""
    if emu.services.failures:
        pytest.fail(f"the emulator raised: {emu.services.failures[0]!r}", pytrace=False)
    exchanges = emu.exchanges
    problems = [problem for checker in contract_checkers() for e in exchanges for problem in checker.problems(e)]
    if problems:
        pytest.fail("contract violations:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def make_emulator() -> Iterator[Callable[..., Emulator]]:
    """Start emulators with settings (`make_emulator(fault_rate=0.1)`); all are checked at teardown."""
    started: list[tuple[Any, Emulator]] = []

    def make(**settings: Any) -> Emulator:
        settings.setdefault("record", True)
        context = run_emulator(**settings)
        emu = context.__enter__()
        started.append((context, emu))
        return emu

    yield make
    for context, _ in reversed(started):
        context.__exit__(None, None, None)
    for _, emu in started:
        check_emulator(emu)


@pytest.fixture
def emulator(make_emulator: Callable[..., Emulator]) -> Emulator:
    """A fresh emulator with the demo data, recording, contract-checked at teardown."""
    return make_emulator()


@pytest.fixture
def facade_emulator() -> Iterator[Any]:
    """A fresh in-process emulator with the demo data for tests through the facade
    (``facade_emulator.client()``), recording, contract-checked at teardown."""
    from pinterest_tools.emulator.testing import start_emulator

    with start_emulator("inprocess", record=True) as emu:
        yield emu
        check_emulator(emu)


def at_noon(emu: Emulator) -> Emulator:
    """``emu`` with its clock moved on to the next 12:00 UTC (it only moves forward).

    A test that reads "today" from the emulator's clock and sends a date exactly at a limit
    counted from today ("90 days back") fails when midnight passes before the emulator checks
    it; from noon, the day lasts twelve more hours.
    """
    emu.clock.advance((12 * 3600 - emu.clock.now()) % (24 * 3600))
    return emu


def http(emu: Emulator, token: str | None = None, *, user: str = "dexter_demo") -> httpx.Client:
    """A plain httpx client on `emu`'s v5 API with a bearer token (default: all scopes of `user`)."""
    token = token or emu.issue_token(user)
    return httpx.Client(base_url=emu.base_url + "/v5", headers={"Authorization": f"Bearer {token}"})


def v5_client(emu: Emulator, token: str | None = None) -> AuthenticatedClient:
    """The generated v5 client pointed at `emu` (default: an all-scopes token for dexter_demo)."""
    return AuthenticatedClient(base_url=emu.base_url + "/v5", token=token or emu.issue_token())


# Under pytest-xdist the checks run in the workers: each hands its coverage to the controller.
_from_workers: dict[str, tuple[set[str], int, int, str]] = {}


def _coverage() -> list[tuple[str, set[str], int, int, str]]:
    """(name, operations covered, exchanges, operations in all, description) per checker."""
    mine = [(c.name, set(c.covered), c.exchanges, c.operations, c.spec_name) for c in _checkers or []]
    merged = {name: (covered, exchanges, total, spec) for name, covered, exchanges, total, spec in mine}
    for name, (covered, exchanges, total, spec) in _from_workers.items():
        had = merged.get(name, (set(), 0, total, spec))
        merged[name] = (had[0] | covered, had[1] + exchanges, total, spec)
    return [(name, *values) for name, values in merged.items()]


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None and _checkers is not None:
        workeroutput["emulator_contract"] = [
            (c.name, sorted(c.covered), c.exchanges, c.operations, c.spec_name) for c in _checkers
        ]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    for name, covered, exchanges, total, spec in getattr(node, "workeroutput", {}).get("emulator_contract", []):
        had = _from_workers.get(name, (set(), 0, total, spec))
        _from_workers[name] = (had[0] | set(covered), had[1] + exchanges, total, spec)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    coverage = _coverage()
    if not coverage:
        return
    if not any(name == "v5" for name, *_ in coverage):
        terminalreporter.write_line(
            f"emulator contract: v5 not checked ({MISSING}: {spec_path()} not found; set PINTEREST_V5_SPEC)"
        )
    for name, covered, exchanges, total, spec in coverage:
        terminalreporter.write_line(
            f"emulator contract: {len(covered)} of {total} {name} operations covered, "
            f"{exchanges} exchanges validated against {spec}"
        )
