"""How an emulator behaves: the knobs of the command line and of ``run_emulator()``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict, Unpack

from pinterest_tools.emulator.auth.tokens import TokenPolicy
from pinterest_tools.emulator.wire.fault_plan import RANDOM_FAULTS, Fault
from pinterest_tools.emulator.wire.rate_limits import RateLimit, checked_category, parse_rate_limit, parse_rate_limits


@dataclass(frozen=True, slots=True)
class Settings:
    latency_ms: int = 0  # added to every API response
    fault_rate: float = 0.0  # probability of a random fault per API request
    fault_seed: int = 0
    fault_kinds: tuple[Fault, ...] = RANDOM_FAULTS
    slow_ms: int = 2000  # how late a ``slow`` fault answers unless the header says otherwise
    rate_limit: RateLimit | None = None  # per-token burst limit; None: Pinterest-like 1000/60s
    daily_quota: int | None = None  # requests per app per day; None: unlimited
    rate_limits: tuple[tuple[str, RateLimit], ...] = ()  # category -> limit, replacing Pinterest's numbers
    sandbox: bool = False  # answer /v5 as Pinterest's API sandbox (also under /sandbox/v5)
    control_token: str | None = None  # required by /_emulator/ control requests when set
    allowed_hosts: tuple[str, ...] = ()  # Host header names accepted besides loopback names
    auto_approve: bool = False  # the consent page redirects at once
    tokens: TokenPolicy = field(default_factory=TokenPolicy)
    record: bool = False  # keep every API exchange (``Emulator.exchanges``)
    media_processing_polls: int = 1  # status polls answered "processing" before "succeeded"
    report_polls: int = 1  # async report polls answered IN_PROGRESS before the outcome
    report_outcome: str = "FINISHED"  # how async reports end: FINISHED, FAILED or CANCELLED


class Options(TypedDict, total=False):
    """``Settings`` as keyword arguments, in the forms people write them."""

    latency_ms: int
    fault_rate: float
    fault_seed: int
    fault_kinds: Iterable[Fault] | None  # None: every kind but expire-token
    slow_ms: int
    rate_limit: RateLimit | str | None  # "100/60", "10/s", ...
    daily_quota: int | None
    rate_limits: Mapping[str, RateLimit | str] | str | None  # {"ads_write": "10/s"} or "ads_write=10/s,..."
    sandbox: bool
    control_token: str | None
    allowed_hosts: Iterable[str]
    auto_approve: bool
    token_lifetime: int  # access tokens' lifetime in seconds
    record: bool
    media_processing_polls: int
    report_polls: int
    report_outcome: str  # FINISHED | FAILED | CANCELLED


REPORT_OUTCOMES = ("FINISHED", "FAILED", "CANCELLED")


def make_settings(**options: Unpack[Options]) -> Settings:
    values: dict[str, Any] = dict(options)
    if values.get("report_outcome", "FINISHED") not in REPORT_OUTCOMES:
        raise ValueError(f"report_outcome: one of {', '.join(REPORT_OUTCOMES)}")
    if values.get("report_polls", 0) < 0:
        raise ValueError("report_polls must not be negative")
    if "fault_kinds" in values:
        kinds = values["fault_kinds"]
        values["fault_kinds"] = RANDOM_FAULTS if kinds is None else tuple(kinds)
    if isinstance(values.get("rate_limit"), str):
        values["rate_limit"] = parse_rate_limit(values["rate_limit"])
    if "rate_limits" in values:
        values["rate_limits"] = rate_limit_pairs(values["rate_limits"])
    if "allowed_hosts" in values:
        values["allowed_hosts"] = tuple(values["allowed_hosts"])
    if "token_lifetime" in values:
        values["tokens"] = TokenPolicy(access_lifetime=values.pop("token_lifetime"))
    return Settings(**values)


def rate_limit_pairs(given: Mapping[str, RateLimit | str] | str | None) -> tuple[tuple[str, RateLimit], ...]:
    """``rate_limits`` in any accepted form as sorted (category, limit) pairs; ValueError naming a bad one."""
    if given is None:
        return ()
    if isinstance(given, str):
        return tuple(sorted(parse_rate_limits(given).items()))
    pairs = []
    for name, limit in given.items():
        pairs.append((checked_category(name), parse_rate_limit(limit) if isinstance(limit, str) else limit))
    return tuple(sorted(pairs))
