"""The in-process emulator: ``run_emulator()`` and the ``Emulator`` handle tests use.

A test gets a running server on a free loopback port, its base URL, its live state to
assert on, tokens without going through OAuth, and the recorded exchanges.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Unpack

from pinterest_tools.emulator.auth.apps import DEMO_APP_ID
from pinterest_tools.emulator.auth.tokens import TokenStore
from pinterest_tools.emulator.core.services import Services
from pinterest_tools.emulator.core.settings import Options, make_settings
from pinterest_tools.emulator.data import demo_data
from pinterest_tools.emulator.data.clock import Clock
from pinterest_tools.emulator.data.state import State
from pinterest_tools.emulator.serving import control, data_file, merge
from pinterest_tools.emulator.serving.app import build_app
from pinterest_tools.emulator.serving.server import ServerThread
from pinterest_tools.emulator.wire.exchanges import Exchange

DataSource = str | Path | Mapping[str, Any] | None


def load_state(data: DataSource) -> State:
    """The demo data (None), a data file (a path) or a parsed data document (a mapping)."""
    if data is None:
        return data_file.load(demo_data.demo_document())
    if isinstance(data, Mapping):
        return data_file.load(data)
    return data_file.load_path(data)


class Emulator:
    """A running emulator."""

    def __init__(self, services: Services, server: ServerThread) -> None:
        self.services = services
        self._server = server
        self.base_url = server.base_url

    @property
    def state(self) -> State:
        return self.services.state

    @property
    def clock(self) -> Clock:
        """Advance it to expire tokens or reset rate-limit windows without waiting."""
        return self.services.clock

    @property
    def tokens(self) -> TokenStore:
        return self.services.tokens

    @property
    def exchanges(self) -> list[Exchange]:
        """The API exchanges so far (recorded only with ``record=True``)."""
        return self.services.recorder.exchanges

    def issue_token(
        self,
        user: str | None = None,
        scopes: Iterable[str] | None = None,
        *,
        version: int = 5,
        expires_in: float | None = None,
        app_id: str = DEMO_APP_ID,
    ) -> str:
        """An access token for ``user`` (id or username), as if they had gone through OAuth.

        ``user`` defaults to the first user (dexter_demo in the demo data); ``scopes`` to every
        scope the app may ask for in that API version.
        """
        app = self.state.apps[app_id]
        granted = list(scopes) if scopes is not None else list(app.scopes if version == 5 else app.v3_scopes)
        owner = self.state.user(user) if user is not None else self.state.first_user()
        return self.tokens.issue(app.id, owner.id, granted, version=version, lifetime=expires_in).value

    def dump(self) -> dict[str, Any]:
        """The current state in the data-file format."""
        return data_file.dump(self.state)

    # The control plane in process: the same operations as over HTTP under /_emulator/ (serving/control.py).

    @property
    def control_url(self) -> str:
        """Where the control plane answers over HTTP: ``<base URL>/_emulator``."""
        return self.base_url + control.PREFIX

    def reset(self) -> None:
        """Back to the data it started from; fault rules and set answers removed, rate-limit windows emptied."""
        control.reset(self.services, self.services.start_document)

    def seed(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """Add a data-file document to the current data (``serving.merge``); returns the seeded users, ids filled."""
        return merge.seed(self.state, document)

    def add_fault(self, **rule: Any) -> dict[str, Any]:
        """A fault rule (``operation_id=`` or ``method=``/``path=``, ``probability``, ``count``, ``status``,
        ``delay_ms``) as ``wire.fault_plan.FaultRule`` reads it; returns it with its ``id``."""
        return self.services.fault_rules.add(rule).as_json()

    def remove_fault(self, rule_id: str) -> bool:
        return self.services.fault_rules.remove(rule_id)

    def set_answer(self, operation_id: str, body: Any) -> None:
        """Answer ``body`` for an operation synthesized from the description (trends, targeting, ...)."""
        control.set_answer(self.services, operation_id, body)

    def clear_answer(self, operation_id: str) -> None:
        self.services.answers.pop(operation_id, None)

    def snapshot(self) -> dict[str, Any]:
        """The state as a data document, for :meth:`restore`."""
        return data_file.dump(self.state)

    def restore(self, document: Mapping[str, Any]) -> None:
        """Replace the state with a data document (a :meth:`snapshot`)."""
        merge.replace_state(self.state, data_file.load(document))

    def stop(self) -> None:
        self._server.stop()


@contextlib.contextmanager
def run_emulator(
    *, data: DataSource = None, host: str = "127.0.0.1", port: int = 0, **options: Unpack[Options]
) -> Iterator[Emulator]:
    """Start an emulator on ``host:port`` (a free loopback port by default); stop it on exit.

    ``data`` is None (the demo data), a data-file path or a parsed data document. The
    options are ``settings.Options``: ``latency_ms``, ``fault_rate``, ``fault_seed``,
    ``fault_kinds``, ``slow_ms``, ``rate_limit`` ("100/60", "10/s" or a ``RateLimit``),
    ``daily_quota``, ``rate_limits`` (``{"ads_write": "10/s"}`` or ``"ads_write=10/s"``: a
    rate-limit category's limit replaced), ``sandbox`` (answer as Pinterest's API sandbox),
    ``control_token`` and ``allowed_hosts`` (who may use ``/_emulator/``), ``auto_approve``,
    ``token_lifetime`` (seconds), ``record``, ``media_processing_polls``.
    """
    services = Services(make_settings(**options), load_state(data))
    server = ServerThread(build_app(services), host, port)
    server.start()
    emulator = Emulator(services, server)
    try:
        yield emulator
    finally:
        emulator.stop()
