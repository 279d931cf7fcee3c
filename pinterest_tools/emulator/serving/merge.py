"""Adding data to a running emulator: a data-file document merged into its current state.

Tests want "the demo data plus my board" more often than a whole new data file, so
:func:`seed` adds rather than replaces. The merge works on the data-file form (see
``pinterest_tools.emulator`` and ``data_file``), which is what makes it cover every record type the format
has, today and after it grows:

- a user of the seed whose ``username`` (or ``id``) is already known is that user: the
  lists it carries (``boards``, ``media``, ``ad_accounts``, ...) are appended to theirs and
  its other fields replace theirs; any other user is added after the existing ones, so
  the default (first) user stays the same;
- ``apps`` are appended (an app whose id is already defined replaces it), any other
  top-level list is appended and ``next_id`` only ever grows;
- records without ids get new ones, as in a data file; an id already in use is an error.

The state is then rebuilt from the merged document (``data_file.load``) and swapped in
place, under the state's lock, so references to ``emulator.state`` stay valid and ids,
users and issued tokens survive; the records themselves are new objects (look a board up
again after seeding rather than keeping the one read before). What the data-file format
does not hold (async report jobs in flight) is dropped: seed before starting such jobs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pinterest_tools.emulator.data.state import State
from pinterest_tools.emulator.serving import data_file

_NESTED = ("users", "apps")


def merge_documents(current: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``current`` (a complete data document, as ``data_file.dump`` writes it) plus ``extra``."""
    if not isinstance(extra, Mapping):
        raise data_file.DataFileError("seed: expected a data document (an object with users, apps, ...)")
    version = extra.get("format", data_file.FORMAT)
    if version != data_file.FORMAT:
        raise data_file.DataFileError(f"seed.format: this emulator reads format {data_file.FORMAT}, not {version!r}")
    merged = {key: list(value) if isinstance(value, list) else value for key, value in current.items()}
    for key, value in extra.items():
        if key == "format":
            continue
        if key == "next_id" and isinstance(value, int) and isinstance(merged.get(key), int):
            merged[key] = max(merged[key], value)
        elif key == "users" and isinstance(value, list):
            merged["users"] = _merge_users(merged.get("users", []), value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]
        else:
            merged[key] = value
    return merged


def _merge_users(users: list[Any], extra: list[Any]) -> list[Any]:
    result = [dict(user) if isinstance(user, Mapping) else user for user in users]
    for user in extra:
        known = _find_user(result, user) if isinstance(user, Mapping) else None
        if known is None:
            result.append(user)  # an invalid entry stays, for the loader to name its place
            continue
        for key, value in user.items():
            if isinstance(value, list) and isinstance(known.get(key), list):
                known[key] = [*known[key], *value]
            else:
                known[key] = value
    return result


def _find_user(users: list[Any], user: Mapping[str, Any]) -> dict[str, Any] | None:
    for known in users:
        if not isinstance(known, dict):
            continue
        if "username" in user and known.get("username") == user["username"]:
            return known
        if "id" in user and known.get("id") == user["id"]:
            return known
    return None


def replace_state(state: State, fresh: State) -> None:
    """Make ``state`` hold what ``fresh`` holds, in place (routes and handles keep their reference)."""
    with state.lock:
        lock = state.lock
        vars(state).clear()
        vars(state).update(vars(fresh))
        state.lock = lock


def seed(state: State, extra: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``extra`` into ``state`` (in place); returns the seeded users and resources as the data
    file shows them now (``{"users": [...], "resources": [...]}``, ids filled in).

    Raises ``data_file.DataFileError`` naming the place when the merged document is
    invalid, as a place in ``extra`` (``seed.users[0].boards[1]``: the caller's document,
    not the merged one, where existing users come first); the state is then left as it was.
    """
    with state.lock:
        before = set(state.resources)
        current = data_file.dump(state)
        try:
            fresh = data_file.load(merge_documents(current, extra))
        except data_file.DataFileError as exc:
            raise data_file.DataFileError(_in_seed(str(exc), _places(current, extra))) from None
        replace_state(state, fresh)
        now = data_file.dump(state)
    wanted = [user for user in extra.get("users", []) if isinstance(user, Mapping)]
    users = [found for user in wanted if (found := _find_user(now["users"], user)) is not None]
    return {"users": users, "resources": [r for r in now.get("resources", []) if r["id"] not in before]}


def _places(current: Mapping[str, Any], extra: object) -> list[tuple[str, str]]:
    """(place in the merged document, the same place in ``extra``) for each part ``extra`` brought,
    following :func:`merge_documents`: appended lists shift by the current list's length, and a
    known user's lists by that user's."""
    places: list[tuple[str, str]] = []
    if not isinstance(extra, Mapping):
        return places
    users = [user for user in current.get("users", []) if isinstance(user, Mapping)]
    added = len(current.get("users", []))
    for key, value in extra.items():
        if key == "users" and isinstance(value, list):
            for i, user in enumerate(value):
                known = _find_user(list(users), user) if isinstance(user, Mapping) else None
                if known is None:
                    places.append((f"data.users[{added}]", f"seed.users[{i}]"))
                    added += 1
                    continue
                k = users.index(known)
                places.append((f"data.users[{k}]:", f"seed.users[{i}]:"))  # the user object itself, exactly
                for field, item in user.items():
                    shift = len(known[field]) if isinstance(item, list) and isinstance(known.get(field), list) else None
                    if shift is None:
                        places.append((f"data.users[{k}].{field}", f"seed.users[{i}].{field}"))
                    else:
                        places += [
                            (f"data.users[{k}].{field}[{shift + j}]", f"seed.users[{i}].{field}[{j}]")
                            for j in range(len(item))
                        ]
        elif isinstance(value, list) and isinstance(current.get(key), list):
            places += [(f"data.{key}[{len(current[key]) + j}]", f"seed.{key}[{j}]") for j in range(len(value))]
        else:
            places.append((f"data.{key}", f"seed.{key}"))
    return places


def _in_seed(message: str, places: list[tuple[str, str]]) -> str:
    """``message`` with its leading place in the merged document named as the place in the seed."""
    for merged, given in sorted(places, key=lambda pair: -len(pair[0])):
        follows = message[len(merged) : len(merged) + 1]
        if message.startswith(merged) and (merged.endswith(":") or follows in (".", "[", ":", "")):
            return given + message[len(merged) :]
    return message
