"""The shared, in-memory state every route module reads and changes.

One ``State`` per emulator: apps, users and everything they own, keyed by id. Ids are
numeric strings handed out by one counter, so a run from the same data is deterministic
(the same request sequence creates the same ids). Route handlers run under ``lock``, which
also makes it safe for a test thread to look at the state while the server runs.

Every API version reads and changes the same collections (a board created with v3 is
listed by v5); areas that need more (async reports) add typed collections here rather
than keeping state of their own.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from pinterest_tools.emulator.data.ids import digits
from pinterest_tools.emulator.data.records import (
    Ad,
    AdAccount,
    AdGroup,
    App,
    Board,
    Campaign,
    Media,
    Pin,
    Report,
    Resource,
    Section,
    User,
)

FIRST_ID = 1_000_000_000_001


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_HasId)


def by_id(records: Iterable[R]) -> list[R]:
    """Records in creation order (ids grow with creation)."""
    return sorted(records, key=lambda record: int(record.id))


V = TypeVar("V")


class Records(dict[str, V]):
    """Records by id that know whether they are in id order (creation order).

    Ids come from one growing counter, so records added one by one stay in id order and
    a listing need not sort them again on every request (paging 100,000 pins would sort
    all of them once per page). An id smaller than one added before (a data file listing
    ids out of order) turns ``in_id_order`` off for good, and listings sort as before.
    """

    def __init__(self) -> None:
        super().__init__()
        self.in_id_order = True
        self._largest = -1

    def __setitem__(self, key: str, value: V) -> None:
        if key not in self:
            number = int(key) if digits(key) else -1
            if number < self._largest or number < 0:
                self.in_id_order = False
            self._largest = max(self._largest, number)
        super().__setitem__(key, value)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def __ior__(self, other: Any) -> Records[V]:  # type: ignore[override,misc]
        self.update(other)
        return self


def in_id_order(records: Records[R], keep: Callable[[R], bool]) -> list[R]:
    """The records ``keep`` accepts, in creation order, sorting only when ``records`` are out of id order."""
    chosen = [record for record in records.values() if keep(record)]
    return chosen if records.in_id_order else by_id(chosen)


class State:
    """Everything the emulator knows, in memory only."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.apps: dict[str, App] = {}
        self.rate_limits: dict[str, str] = {}  # the data file's: category -> "N/WINDOW" (wire/rate_limits.py)
        self.users: dict[str, User] = {}
        self.boards: dict[str, Board] = {}
        self.sections: dict[str, Section] = {}
        self.pins: Records[Pin] = Records()
        self.media: dict[str, Media] = {}
        self.ad_accounts: dict[str, AdAccount] = {}
        self.campaigns: dict[str, Campaign] = {}
        self.ad_groups: dict[str, AdGroup] = {}
        self.ads: dict[str, Ad] = {}
        self.reports: dict[str, Report] = {}  # async reports by token (not in the data file)
        self.resources: Records[Resource] = Records()  # objects of the description-driven families
        # customer list upload id -> part number -> the bytes PUT to that part's URL, until the
        # upload is run (not in the data file: a file in flight is not part of the data)
        self.upload_parts: dict[str, dict[int, bytes]] = {}
        self.next_id = FIRST_ID

    # ---------------------------------------------------------------- ids
    def new_id(self) -> str:
        with self.lock:
            value = self.next_id
            self.next_id += 1
            return str(value)

    def reserve(self, ids: Iterable[str]) -> None:
        """Keep the counter above ids that came from a data file."""
        with self.lock:
            for value in ids:
                self.next_id = max(self.next_id, int(value) + 1)

    # ---------------------------------------------------------------- users
    def find_user(self, key: str) -> User | None:
        """A user by id or by username."""
        with self.lock:
            if key in self.users:
                return self.users[key]
            return next((user for user in self.users.values() if user.username == key), None)

    def user(self, key: str) -> User:
        found = self.find_user(key)
        if found is None:
            raise KeyError(f"no emulated user {key!r}")
        return found

    def first_user(self) -> User:
        """The default user: the first one of the data file (dexter_demo in the demo data)."""
        with self.lock:
            return next(iter(self.users.values()))

    # ---------------------------------------------------------------- organic queries
    def boards_of(self, user: str) -> list[Board]:
        owner = self.user(user).id
        with self.lock:
            return by_id(board for board in self.boards.values() if board.owner_id == owner)

    def sections_of(self, board_id: str) -> list[Section]:
        with self.lock:
            return by_id(section for section in self.sections.values() if section.board_id == board_id)

    def pins_on_board(self, board_id: str) -> list[Pin]:
        """All pins on the board, including those in its sections (as v5 lists them)."""
        with self.lock:
            return in_id_order(self.pins, lambda pin: pin.board_id == board_id)

    def pins_in_section(self, section_id: str) -> list[Pin]:
        with self.lock:
            return in_id_order(self.pins, lambda pin: pin.section_id == section_id)

    def pins_of(self, user: str) -> list[Pin]:
        owner = self.user(user).id
        with self.lock:
            return in_id_order(self.pins, lambda pin: pin.owner_id == owner)

    # ---------------------------------------------------------------- ads queries
    def ad_accounts_of(self, user: str) -> list[AdAccount]:
        owner = self.user(user).id
        with self.lock:
            return by_id(account for account in self.ad_accounts.values() if account.owner_id == owner)

    def campaigns_of(self, ad_account_id: str) -> list[Campaign]:
        with self.lock:
            return by_id(c for c in self.campaigns.values() if c.ad_account_id == ad_account_id)

    def ad_groups_of(self, ad_account_id: str) -> list[AdGroup]:
        with self.lock:
            return by_id(g for g in self.ad_groups.values() if g.ad_account_id == ad_account_id)

    def ads_of(self, ad_account_id: str) -> list[Ad]:
        with self.lock:
            return by_id(ad for ad in self.ads.values() if ad.ad_account_id == ad_account_id)

    def resources_in(self, family: str, parents: dict[str, str]) -> list[Resource]:
        """The objects of one family under the same parents, in creation order."""
        with self.lock:
            return in_id_order(self.resources, lambda r: r.family == family and r.parents == parents)

    # ---------------------------------------------------------------- deletions
    def delete_board(self, board_id: str) -> None:
        """A board goes with its sections and its pins, as on Pinterest."""
        with self.lock:
            del self.boards[board_id]
            for section in self.sections_of(board_id):
                del self.sections[section.id]
            for pin in self.pins_on_board(board_id):
                del self.pins[pin.id]

    def delete_pin(self, pin_id: str) -> None:
        with self.lock:
            del self.pins[pin_id]

    # ---------------------------------------------------------------- saves
    def save_pin(
        self,
        source: Pin,
        owner_id: str,
        board_id: str,
        section_id: str | None,
        created_at: dt.datetime,
        description: str | None = None,
    ) -> Pin:
        """A repin of ``source`` (v5 save and v3 partner save): its media and texts, a new owner."""
        with self.lock:
            pin = Pin(
                id=self.new_id(),
                owner_id=owner_id,
                board_id=board_id,
                section_id=section_id,
                media=source.media,
                title=source.title,
                description=description if description is not None else source.description,
                link=source.link,
                alt_text=source.alt_text,
                dominant_color=source.dominant_color,
                parent_pin_id=source.id,
                created_at=created_at,
            )
            self.pins[pin.id] = pin
            return pin
