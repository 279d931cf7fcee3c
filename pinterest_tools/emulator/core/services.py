"""One emulator's moving parts, bundled so that routes and middleware reach them alike.

A Starlette app carries its ``Services`` in ``app.state.services``; ``services_of(request)``
gets them back with their type.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import HTTPConnection

from pinterest_tools.emulator.auth.tokens import TokenStore
from pinterest_tools.emulator.core.settings import Settings, rate_limit_pairs
from pinterest_tools.emulator.data.clock import Clock
from pinterest_tools.emulator.data.state import State
from pinterest_tools.emulator.wire.exchanges import Recorder
from pinterest_tools.emulator.wire.fault_plan import FaultPlan, FaultRules
from pinterest_tools.emulator.wire.rate_limits import Limits


class Services:
    def __init__(self, settings: Settings, state: State) -> None:
        self.settings = settings
        self.state = state
        self.clock = Clock()
        self.tokens = TokenStore(self.clock, settings.tokens)
        # The data file's rate limits, then run_emulator()'s or the command line's over them.
        overrides = {**dict(rate_limit_pairs(state.rate_limits)), **dict(settings.rate_limits)}
        self.limits = Limits(self.clock, settings.rate_limit, settings.daily_quota, overrides)
        self.faults = FaultPlan(settings.fault_rate, settings.fault_seed, settings.fault_kinds)
        self.fault_rules = FaultRules(settings.fault_seed)  # added and removed at run time (/_emulator/faults)
        # Answers set for operations with no state of their own (trends, targeting, ...): operation
        # id -> the JSON body answered instead of the synthesized one (/_emulator/answers).
        self.answers: dict[str, Any] = {}
        self.csrf_secret = secrets.token_bytes(16)  # signs the consent form
        self.start_document: dict[str, Any] = {}  # the data it started from, for a reset (set by the app)
        self.recorder = Recorder(settings.record)
        self.upload_secret = secrets.token_bytes(16)  # signs the media upload form
        self.failures: list[BaseException] = []  # unexpected exceptions (emulator bugs)


def services_of(connection: HTTPConnection) -> Services:
    services = connection.app.state.services
    assert isinstance(services, Services)
    return services
