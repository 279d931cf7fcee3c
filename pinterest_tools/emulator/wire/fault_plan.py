"""Which fault, if any, a request gets: from its ``X-Emulator-Fault`` header or at random.

Random faults draw from one ``random.Random(seed)``, one draw per API request in arrival
order, so a sequential client sees the same faults on every run with the same seed.
``expire-token`` (it would end a token for the rest of the run) and ``200-for-201`` (not a
failure) are never drawn at random; ask for them by header or list them in ``kinds``. How
each fault is carried out lives in ``serving.fault_injection``.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from enum import StrEnum

FAULT_HEADER = "x-emulator-fault"


class Fault(StrEnum):
    ERROR_500 = "500"
    ERROR_502 = "502"
    ERROR_503 = "503"
    DROP_BEFORE = "drop-before"  # the connection closes before the server acts
    DROP_AFTER = "drop-after"  # the server acts, then the connection closes unanswered
    SLOW = "slow"  # the answer comes late
    TRUNCATE = "truncate"  # the server acts; the body is cut short (invalid JSON)
    EXPIRE_TOKEN = "expire-token"  # the caller's token expires just before this request
    # The route runs and a 201 goes out as 200, as the live API answered pins/save and
    # board_sections/create, which document 201: clients must take either. Ask for it by header, or for
    # every request with ``--fault-rate 1 --fault-kinds 200-for-201``.
    OK_FOR_CREATED = "200-for-201"


# Faults that change what a client sees of the API's state for good, or that are not
# failures at all, are never drawn at random unless listed in ``kinds``.
RANDOM_FAULTS: tuple[Fault, ...] = tuple(
    fault for fault in Fault if fault not in (Fault.EXPIRE_TOKEN, Fault.OK_FOR_CREATED)
)


@dataclass(frozen=True, slots=True)
class Planned:
    fault: Fault
    delay_ms: int | None = None  # for ``slow``: ``slow:1500``


def parse_fault(value: str) -> Planned:
    """``503``, ``drop-after``, ``slow`` or ``slow:1500`` (milliseconds); ValueError otherwise."""
    name, _, argument = value.strip().lower().partition(":")
    try:
        fault = Fault(name)
    except ValueError:
        choices = ", ".join(fault.value for fault in Fault)
        raise ValueError(f"unknown fault {value!r}; one of {choices} (slow takes :MILLISECONDS)") from None
    if argument and fault is not Fault.SLOW:
        raise ValueError(f"fault {name} takes no argument")
    delay = bounded_delay(argument, f"fault {value.strip()!r}") if argument else None
    return Planned(fault, delay)


def parse_kinds(text: str) -> tuple[Fault, ...]:
    """A comma-separated list of fault names (for ``--fault-kinds``)."""
    return tuple(parse_fault(name).fault for name in text.split(",") if name.strip())


class FaultPlan:
    """Decides each request's fault; deterministic for a given seed and request order."""

    def __init__(self, rate: float = 0.0, seed: int = 0, kinds: tuple[Fault, ...] = RANDOM_FAULTS) -> None:
        if not 0.0 <= rate <= 1.0:
            raise ValueError("the fault rate is a probability between 0 and 1")
        if rate and not kinds:
            raise ValueError("a fault rate needs at least one fault kind")
        self.rate = rate
        self.kinds = kinds
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def choose(self, header: str | None) -> Planned | None:
        """The header's fault if it names one, else maybe a random one."""
        if header:
            return parse_fault(header)
        if not self.rate:
            return None
        with self._lock:
            if self._random.random() >= self.rate:
                return None
            return Planned(self._random.choice(self.kinds))


# The longest a fault may hold an answer back: a ``slow:N`` header, a fault rule's delay. Longer
# than any sensible client timeout, so every timeout can be tested, but never a connection held
# without bound (``slow:99999999999999999999`` once slept until the process ended).
MAX_DELAY_MS = 60_000


def bounded_delay(value: object, what: str) -> int:
    """A delay in milliseconds from 0 to :data:`MAX_DELAY_MS`; ValueError naming ``what`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{what}: milliseconds, an integer from 0 to {MAX_DELAY_MS}")
    try:
        delay = int(value)
    except ValueError:
        raise ValueError(f"{what}: milliseconds, an integer from 0 to {MAX_DELAY_MS}") from None
    if not 0 <= delay <= MAX_DELAY_MS:
        raise ValueError(f"{what}: {delay} ms is outside 0 to {MAX_DELAY_MS}")
    return delay


# Statuses a fault rule may answer with, and the Pinterest code each carries.
RULE_STATUSES = {429: 429, 500: 12, 502: 12, 503: 21, 504: 12}


@dataclass(frozen=True, slots=True)
class FaultRule:
    """A fault added at run time: which requests it hits, how often, how many times, and what it does.

    It hits an operation (``operation_id``) or a method and path (``method`` and ``path``,
    the path as the description writes it, ``/v5/pins/{pin_id}``, or a concrete one); each
    matching request with ``probability``, at most ``count`` times (None: for good). It
    answers ``status`` (one of :data:`RULE_STATUSES`) or, without one, lets the request
    through ``delay_ms`` late.
    """

    id: str
    operation_id: str | None = None
    method: str | None = None
    path: str | None = None
    probability: float = 1.0
    count: int | None = None
    status: int | None = None
    delay_ms: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "operation_id": self.operation_id,
            "method": self.method,
            "path": self.path,
            "probability": self.probability,
            "count": self.count,
            "status": self.status,
            "delay_ms": self.delay_ms,
        }


RULE_KEYS = frozenset({"operation_id", "method", "path", "probability", "count", "status", "delay_ms"})


def parse_rule(rule_id: str, given: object) -> FaultRule:
    """A rule from its JSON form; ValueError saying what is wrong."""
    if not isinstance(given, dict):
        raise ValueError("a fault rule is a JSON object: operation_id or method+path, probability, count, status")
    unknown = sorted(set(given) - RULE_KEYS)
    if unknown:
        raise ValueError(f"unknown fault rule field(s): {', '.join(unknown)}; known: {', '.join(sorted(RULE_KEYS))}")
    operation_id, method, path = given.get("operation_id"), given.get("method"), given.get("path")
    if operation_id is None and (method is None or path is None):
        raise ValueError("a fault rule names an operation_id, or a method and a path")
    if any(value is not None and not isinstance(value, str) for value in (operation_id, method, path)):
        raise ValueError("operation_id, method and path are strings")
    probability = given.get("probability", 1.0)
    if isinstance(probability, bool) or not isinstance(probability, int | float) or not 0 <= probability <= 1:
        raise ValueError("probability: a number from 0 to 1")
    count = given.get("count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        raise ValueError("count: a positive integer, or null for every matching request")
    status = given.get("status")
    if status is not None and status not in RULE_STATUSES:
        raise ValueError(f"status: one of {', '.join(map(str, RULE_STATUSES))}")
    delay = bounded_delay(given.get("delay_ms", 0), "delay_ms")
    if status is None and not delay:
        raise ValueError("a fault rule answers a status or a delay_ms, or both")
    return FaultRule(
        rule_id, operation_id, method.upper() if method else None, path, float(probability), count, status, delay
    )


class FaultRules:
    """The rules added at run time, in the order added; the first that fires wins."""

    def __init__(self, seed: int = 0) -> None:
        self._rules: dict[str, FaultRule] = {}
        self._left: dict[str, int | None] = {}
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._next = 1

    def add(self, given: object) -> FaultRule:
        with self._lock:
            rule = parse_rule(str(self._next), given)
            self._next += 1
            self._rules[rule.id] = rule
            self._left[rule.id] = rule.count
            return rule

    def remove(self, rule_id: str) -> bool:
        with self._lock:
            self._left.pop(rule_id, None)
            return self._rules.pop(rule_id, None) is not None

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._left.clear()

    def listed(self) -> list[dict[str, object]]:
        with self._lock:
            return [rule.as_json() | {"left": self._left[rule.id]} for rule in self._rules.values()]

    def fire(self, operation_id: str | None, method: str, template: str | None, path: str) -> FaultRule | None:
        """The rule this request triggers, counted; None when none does."""
        if not self._rules:  # no rules, the usual case: no lock taken on every request
            return None
        with self._lock:
            for rule in list(self._rules.values()):
                if rule.operation_id is not None and rule.operation_id != operation_id:
                    continue
                if rule.method is not None and rule.method != method:
                    continue
                if rule.path is not None and rule.path not in (template, path):
                    continue
                if rule.probability < 1 and self._random.random() >= rule.probability:
                    continue
                left = self._left[rule.id]
                if left is not None:
                    if left <= 1:
                        del self._rules[rule.id], self._left[rule.id]
                    else:
                        self._left[rule.id] = left - 1
                return rule
        return None
