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
    delay = int(argument) if argument else None
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
