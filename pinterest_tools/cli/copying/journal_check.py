"""Whether a copy_board journal read from disk can be trusted before a copy acts on it.

A journal is hand-editable JSON, so anything may be in it. Every field the copy reads is
checked for its type here (so a wrong type is "the journal is corrupt: <where>", never an
``AttributeError`` in the middle of a copy), and so is the one mistake that would make the
copy write into the wrong place: a board whose ``target`` is one of the boards being
copied (the copy would then add the source's pins to the source), or two source boards
sharing one target (each pin would land there twice). The layout is
:mod:`pinterest_tools.cli.copying.copy_journal`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class CorruptJournal(Exception):  # noqa: N818 - a reason, turned into JournalError by the caller
    """What is wrong, as "<where> is <what>" (the caller names the file)."""


def check(data: dict[str, Any], sources: Iterable[str]) -> None:
    """CorruptJournal naming the first field that is not what the copy expects; ``sources``: the boards being copied."""
    baseline = data.get("baseline")
    if baseline is not None and not _strings(baseline):
        raise CorruptJournal(f"baseline is {_kind(baseline)}, not a list of board ids")
    if not isinstance(data.get("complete", False), bool):
        raise CorruptJournal(f"complete is {_kind(data['complete'])}, not true or false")
    boards = data.get("boards")
    if not isinstance(boards, dict):
        raise CorruptJournal(f"boards is {_kind(boards)}, not an object")
    source_ids = set(map(str, sources)) | set(boards)
    owner: dict[str, str] = {}
    for source_id, entry in boards.items():
        where = f"boards.{source_id}"
        if not isinstance(entry, dict):
            raise CorruptJournal(f"{where} is {_kind(entry)}, not an object")
        target = entry.get("target")
        if not isinstance(target, str) or not target:
            raise CorruptJournal(f"{where}.target is {_kind(target)}, not a board id")
        if target in source_ids:
            raise CorruptJournal(f"{where}.target is {target}, a board being copied: the copy would write into it")
        if target in owner:
            raise CorruptJournal(f"{where}.target is {target}, the target of boards.{owner[target]} too")
        owner[target] = source_id
        _field(entry, where, "board", dict, "an object")
        _field(entry, where, "done", bool, "true or false")
        sections = _field(entry, where, "sections", dict, "an object")
        for key, value in sections.items():
            if not isinstance(value, str) or not value:
                raise CorruptJournal(f"{where}.sections.{key} is {_kind(value)}, not a section id")
        pins = _field(entry, where, "pins", dict, "an object")
        for key, value in pins.items():
            if value is not None and (not isinstance(value, str) or not value):
                raise CorruptJournal(f"{where}.pins.{key} is {_kind(value)}, not a pin id or null")


def _field(entry: dict[str, Any], where: str, key: str, kind: type, wanted: str) -> Any:
    if key not in entry:
        raise CorruptJournal(f"{where}.{key} is missing")
    value = entry[key]
    if not isinstance(value, kind):
        raise CorruptJournal(f"{where}.{key} is {_kind(value)}, not {wanted}")
    return value


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _kind(value: object) -> str:
    """The JSON name of ``value``'s type, as a person editing the file sees it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if not value else "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
