"""The ``copy_board`` engine: boards in order, contents concurrently, a journal, and no duplicates.

What it does per source board (upstream's order): create the target board (with ``-n``'s
name for a single board), copy the pins outside any section, then each section and its
pins. Pins of one board are created one after another in source order, so the target
lists them in the same order; up to ``concurrency`` boards are copied at once. Boards are
created strictly in source order too (board *i* waits until board *i-1* exists; meanwhile
it reads its source pins and sections), so the target's board list matches the source's.

No duplicates, even when answers are lost: a create that failed in a way that leaves it
unknown whether Pinterest acted (a 5xx, a dropped connection, a body cut short) is never
simply repeated. The target is looked at first, and an object it has that no journal
entry accounts for and that matches (a board or section by name, a pin by title and
description) is adopted instead. The same check runs once per board, section list and
pin list that an earlier, interrupted run had started, because that run may have been
killed between a create and its journal entry. Every create is recorded in the
:class:`~pinterest_tools.cli.copying.copy_journal.Journal` before the next one starts.

Failures: errors that retrying may cure (429, 5xx, connection errors, unreadable bodies)
are retried with backoff, up to ``attempts`` times per step; a pin Pinterest refuses as
spam, or that is not a plain pin, is skipped with a note; any other error fails that pin,
section or board (counted, the copy goes on); an authentication, scope or quota error
stops the whole copy (the journal keeps what was done). Requests are paced by the
rate-limit headers of earlier answers, so that concurrent workers wait for the window to
reset instead of running into 429s.

Nothing here prints: board output goes through ``write`` (each board's lines in source
order, whatever the concurrency), progress through ``progress``, the rest to the log.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from pinterest_tools.cli.copying.copy_journal import Journal
from pinterest_tools.cli.copying.copy_report import OrderedOutput, Summary, Tally
from pinterest_tools.cli.copying.copy_retry import is_fatal, is_transient, read_with_retries
from pinterest_tools.cli.copying.pin_copy import NotCopyableError, pin_body, same_content
from pinterest_tools.cli.shared.summaries import board_summary, pin_summary, section_summary
from pinterest_tools.errors import (
    ApiStatusError,
    ConflictError,
    PinterestError,
    SpamError,
)
from pinterest_tools.paging import MAX_PAGE_SIZE

if TYPE_CHECKING:
    from pinterest_tools.cli.adapter import PinterestApi

log = logging.getLogger(__name__)

Json = dict[str, Any]
T = TypeVar("T")
PAGE = MAX_PAGE_SIZE  # the most Pinterest lists in one page: fewest requests
LIST_DRY_RUN = "dry-run: skipping attempt to create"


class _StoppedError(Exception):
    """Another worker hit a fatal error (or Ctrl-C): stop at the next step."""


# ---------------------------------------------------------------------------- the copier
@dataclass
class CopyOptions:
    name: str | None = None  # -n: the target board's name (single board)
    dry_run: bool = False
    concurrency: int = 4
    attempts: int = 6  # per step, on top of the transport's retries
    backoff: float = 1.0  # first wait between attempts, doubling, at most 30 s


class BoardCopier:
    def __init__(
        self,
        source: PinterestApi,
        target: PinterestApi,
        journal: Journal,
        options: CopyOptions,
        *,
        write: Callable[[str], None],
        progress: Callable[[Summary], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.source, self.target, self.journal, self.options = source, target, journal, options
        self.version = source.version
        self.write = write
        self.progress = progress
        self.sleep = sleep
        self.summary = Summary()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._fatal: BaseException | None = None
        self.output: OrderedOutput | None = None

    # ------------------------------------------------------------------ entry point
    def run(self, boards: list[Json]) -> Summary:
        """Copy ``boards`` (source board objects, in order); the summary (also ``self.summary``)."""
        self.summary.boards_total = len(boards)
        self.summary.pins_total = sum(int(board.get("pin_count") or 0) for board in boards)
        self.output = OrderedOutput(self.write, len(boards))
        if not self.options.dry_run and self.journal.baseline is None:
            existing = self._retry("list the target's boards", lambda: list(self.target.user_boards(page_size=PAGE)))
            self.journal.set_baseline({str(board["id"]) for board in existing})
        ready = [threading.Event() for _ in boards]
        workers = max(1, min(self.options.concurrency, len(boards) or 1))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="copy_board") as pool:
            futures = [pool.submit(self._board_job, i, board, ready) for i, board in enumerate(boards)]
            try:
                self._wait_all(futures)
            except BaseException:
                self._stop.set()
                for future in futures:
                    future.cancel()
                raise
        if self._fatal is not None:
            raise self._fatal
        if not self.options.dry_run and self.summary.failed == 0:
            self.journal.mark_complete()
        self._report()
        return self.summary

    def _wait_all(self, futures: list[Future[None]]) -> None:
        pending = set(futures)
        while pending:  # a timeout keeps the main thread responsive to Ctrl-C
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_EXCEPTION)
            for future in done:
                future.result()

    # ------------------------------------------------------------------ helpers
    def _emit(self, index: int, *lines: str) -> None:
        assert self.output is not None
        self.output.add(index, list(lines))

    def _count(self, kind: str, outcome: str, n: int = 1) -> None:
        with self._lock:
            tally: Tally = getattr(self.summary, kind)
            setattr(tally, outcome, getattr(tally, outcome) + n)
        self._report()

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.summary)

    def _check_stop(self) -> None:
        if self._stop.is_set():
            raise _StoppedError

    def _paced(self, api: PinterestApi, call: Callable[[], T]) -> T:
        """``call`` unless the copy is stopping; the client's transport paces it (``http.pacing``): each
        request waits for room in its (token, rate-limit category) window, shared by all the workers."""
        self._check_stop()
        return call()

    def _backoff(self, attempt: int) -> float:
        return min(30.0, self.options.backoff * 2.0 ** (attempt - 1))

    def _retry(self, what: str, call: Callable[[], T], api: PinterestApi | None = None) -> T:
        """A read (safe to repeat): paced by the transport, and retried on transient errors."""
        return read_with_retries(
            what,
            call,
            attempts=self.options.attempts,
            backoff=self.options.backoff,
            sleep=self.sleep,
            before=self._check_stop,
        )

    def _create(self, what: str, create: Callable[[], Json], find: Callable[[], Json | None], check: bool) -> Json:
        """A create, never repeated blindly: after an unclear failure (or with ``check``) the target is searched first.

        A 409 ("already exists") is answered by the same search: the object may be ours, from a
        request whose answer was lost. If the search finds nothing, the 409 stands.
        """
        uncertain = check
        conflict: ApiStatusError | None = None
        for attempt in range(1, self.options.attempts + 1):
            try:
                if uncertain:
                    found = self._paced(self.target, find)
                    if found is not None:
                        log.info("%s: found it in the target (created before its answer was lost)", what)
                        return found
                    if conflict is not None:
                        raise conflict
                    uncertain = False
                return self._paced(self.target, create)
            except ApiStatusError as exc:
                if isinstance(exc, ConflictError) and conflict is None:
                    conflict, uncertain = exc, True
                    continue
                if exc is conflict or not is_transient(exc) or attempt == self.options.attempts:
                    raise
                error: PinterestError = exc
            except PinterestError as exc:
                if not is_transient(exc) or attempt == self.options.attempts:
                    raise
                error = exc
            uncertain = True
            log.warning("%s: %s; checking the target, then trying again", what, error.message)
            self.sleep(self._backoff(attempt))
        raise PinterestError(f"{what}: no attempt left")

    # ------------------------------------------------------------------ one board
    def _board_job(self, index: int, board: Json, ready: list[threading.Event]) -> None:
        try:
            try:
                contents = self._read_contents(board)  # while the boards before this one are being created
                if index > 0:
                    while not ready[index - 1].wait(0.05):  # boards are created in source order
                        self._check_stop()
                target_id, earlier = self._board_shell(index, board)
            finally:
                ready[index].set()
            if contents is not None:
                self._board_contents(index, board, target_id, earlier, *contents)
        except _StoppedError:
            pass
        except BaseException as exc:
            if is_fatal(exc) or not isinstance(exc, Exception):
                with self._lock:
                    self._fatal = self._fatal or exc
                self._stop.set()
            else:
                self._count("boards", "failed")
                self._emit(index, f"failed to copy board {board.get('id')}: {_message(exc)}")
        finally:
            assert self.output is not None
            self.output.finish(index)

    def _board_shell(self, index: int, board: Json) -> tuple[str | None, bool]:
        """The target board (created, adopted or from the journal; None for a dry run), and whether from the journal."""
        source_id = str(board["id"])
        self._emit(index, "source board:", *board_summary(board, self.version))
        wanted = dict(board)
        if self.options.name:
            self._emit(index, f'setting target board name to "{self.options.name}"')
            wanted["name"] = self.options.name
        if self.options.dry_run:
            self._emit(index, f"{LIST_DRY_RUN} board:", *board_summary(wanted, self.version))
            self._count("boards", "copied")
            return None, False
        known = self.journal.target_board(source_id)
        if known is not None:
            self._emit(index, "target board:", *board_summary(self.journal.board_summary(source_id), self.version))
            self._count("boards", "earlier")
            return known, True
        body = {"name": wanted["name"]}
        for key in ("description", "privacy") if self.version == 5 else ("description", "privacy", "category"):
            if wanted.get(key):
                body[key] = wanted[key]
        name = str(wanted["name"])
        created = self._create(
            f"create board {name!r}",
            lambda: self.target.create_board(body),
            lambda: self._find_board(name),
            check=self.journal.resumed,
        )
        target_id = str(created["id"])
        keys = ("id", "name", "description", "privacy", "url", "category", "pin_count")
        self.journal.record_board(source_id, target_id, {k: created.get(k) for k in keys if k in created})
        self._emit(index, "target board:", *board_summary(created, self.version))
        self._count("boards", "copied")
        return target_id, False

    def _find_board(self, name: str) -> Json | None:
        accounted = (self.journal.baseline or set()) | self.journal.board_targets()
        for board in self.target.user_boards(page_size=PAGE):
            if str(board["id"]) not in accounted and str(board.get("name", "")).lower() == name.lower():
                return board
        return None

    def _read_contents(self, board: Json) -> tuple[list[Json], list[Json]] | None:
        """The source board's pins outside sections and its sections; None when the journal has it all."""
        source_id = str(board["id"])
        if self.journal.is_done(source_id):
            self._count("sections", "earlier", len(self.journal.section_targets(source_id)))
            self._count("pins", "earlier", len(self.journal.pin_targets(source_id)))
            self._count("pins", "skipped", self.journal.skipped_pins(source_id))
            return None
        pins = self._retry(
            f"list the pins of board {source_id}",
            lambda: list(self.source.board_pins(source_id, page_size=PAGE)),
            self.source,
        )
        sections = self._retry(
            f"list the sections of board {source_id}", lambda: list(self.source.sections(source_id, PAGE)), self.source
        )
        return pins, sections

    def _board_contents(
        self, index: int, board: Json, target_id: str | None, resumed: bool, pins: list[Json], sections: list[Json]
    ) -> None:
        """Pins outside sections, then each section and its pins; ``resumed``: an earlier run began this board."""
        source_id = str(board["id"])
        self._copy_pins(index, source_id, pins, target_id, None, resumed, "board pin")
        for number, section in enumerate(sections, 1):
            self._copy_section(index, number, source_id, section, target_id, resumed)
        if not self.options.dry_run:
            self.journal.mark_done(source_id)

    def _copy_section(
        self, index: int, number: int, board_id: str, section: Json, target_board: str | None, resumed: bool
    ) -> None:
        section_id = str(section["id"])
        name = str(section.get("name") or section.get("title") or "")
        section_resumed = False
        if self.options.dry_run or target_board is None:
            self._emit(index, f"{LIST_DRY_RUN} board section:", *section_summary(section, self.version))
            self._count("sections", "copied")
            target_section = None
        else:
            self._emit(index, f"source section #{number}:", *section_summary(section, self.version))
            target_section = self.journal.section(board_id, section_id)
            board_target: str = target_board
            if target_section is None:
                try:
                    created = self._create(
                        f"create section {name!r}",
                        lambda: self.target.create_section(board_target, name),
                        lambda: self._find_section(board_id, board_target, name),
                        check=resumed,
                    )
                except PinterestError as exc:
                    self._failed(index, "sections", f"section {section_id}", exc)
                    return
                target_section = str(created["id"])
                self.journal.record_section(board_id, section_id, target_section)
                self._count("sections", "copied")
                shown = created
            else:
                self._count("sections", "earlier")
                shown = {"id": target_section, "name": name, "title": name}
                section_resumed = resumed
            self._emit(index, f"target section #{number}:", *section_summary(shown, self.version))
        pins = self._retry(
            f"list the pins of section {section_id}",
            lambda: list(self.source.section_pins(board_id, section_id, PAGE)),
            self.source,
        )
        self._copy_pins(index, board_id, pins, target_board, target_section, section_resumed, "board section pin")

    def _find_section(self, board_id: str, target_board: str, name: str) -> Json | None:
        accounted = self.journal.section_targets(board_id)
        for section in self.target.sections(target_board, PAGE):
            title = str(section.get("name") or section.get("title") or "")
            if str(section["id"]) not in accounted and title.lower() == name.lower():
                return section
        return None

    # ------------------------------------------------------------------ pins
    def _copy_pins(
        self,
        index: int,
        board_id: str,
        pins: list[Json],
        target_board: str | None,
        target_section: str | None,
        resumed: bool,
        label: str,
    ) -> None:
        orphans: list[Json] | None = None  # pins an interrupted run created but did not record
        for pin in pins:
            pin_id = str(pin["id"])
            if self.options.dry_run or target_board is None:
                self._emit(index, f"{LIST_DRY_RUN} {label}:", *pin_summary(pin, self.version))
                self._count("pins", "copied")
                continue
            recorded, target_pin = self.journal.pin(board_id, pin_id)
            if recorded:
                self._count("pins", "earlier" if target_pin else "skipped")
                continue
            try:
                body = pin_body(pin, self.version, target_board, target_section)
                if resumed and orphans is None:
                    orphans = self._retry(
                        f"list the pins of target board {target_board}",
                        lambda: self._unrecorded_pins(board_id, target_board, target_section),
                    )
                adopted = next((o for o in orphans or [] if same_content(o, body)), None)
                if adopted is not None:
                    assert orphans is not None
                    orphans.remove(adopted)
                    created = adopted
                else:
                    created = self._create(
                        f"copy pin {pin_id}",
                        partial(self.target.create_pin, body),
                        partial(self._find_pin, board_id, target_board, target_section, body),
                        check=False,
                    )
            except NotCopyableError as exc:
                self._skip(index, board_id, pin_id, f"skipping pin {pin_id} because {exc.message.split(' ', 2)[-1]}")
                continue
            except SpamError:
                self._skip(index, board_id, pin_id, f"skipping pin {pin_id} because of spam exception")
                continue
            except PinterestError as exc:
                self._failed(index, "pins", f"pin {pin_id}", exc)
                continue
            self.journal.record_pin(board_id, pin_id, str(created["id"]))
            self._count("pins", "copied")

    def _failed(self, index: int, kind: str, what: str, exc: PinterestError) -> None:
        """Count and note a failed section or pin, and go on; a fatal error stops the copy instead."""
        if is_fatal(exc):
            raise exc
        self._count(kind, "failed")
        self._emit(index, f"failed to copy {what}: {_message(exc)}")

    def _skip(self, index: int, board_id: str, pin_id: str, note: str) -> None:
        self.journal.record_pin(board_id, pin_id, None)
        self._emit(index, note)
        self._count("pins", "skipped")

    def _unrecorded_pins(self, board_id: str, target_board: str, target_section: str | None) -> list[Json]:
        listed = (
            self.target.section_pins(target_board, target_section, PAGE)
            if target_section
            else self.target.board_pins(target_board, PAGE)
        )
        recorded = self.journal.pin_targets(board_id)
        return [pin for pin in listed if str(pin["id"]) not in recorded]

    def _find_pin(self, board_id: str, target_board: str, target_section: str | None, body: Json) -> Json | None:
        return next(
            (pin for pin in self._unrecorded_pins(board_id, target_board, target_section) if same_content(pin, body)),
            None,
        )


def _message(exc: BaseException) -> str:
    return exc.message if isinstance(exc, PinterestError) else f"{type(exc).__name__}: {exc}"
