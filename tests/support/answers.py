"""Finding objects in v5 answers, and filling an operation's path: shared by the round-trip tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pinterest_tools.emulator.described.engine import ID_FIELDS
from pinterest_tools.emulator.described.schema_table import table


def first_object(document: Any, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
    """The first object anywhere in an answer (a wrapper, a list, a batch's ``data``) that is ``wanted``."""
    if isinstance(document, dict):
        if wanted(document):
            return document
        values: list[Any] = list(document.values())
    elif isinstance(document, list):
        values = document
    else:
        return None
    return next((found for value in values if (found := first_object(value, wanted)) is not None), None)


def first_id(document: Any, id_param: str | None = None, names: Iterable[str] = ID_FIELDS) -> str | None:
    """The id of the first object in an answer (``id``, else a job's ``token``, ``request_id``, ...,
    or the field named like the family's item parameter, ``leads_export_id``)."""
    fields = (*names, id_param or "id")
    found = first_object(document, lambda o: any(isinstance(o.get(name), str) for name in fields))
    return None if found is None else next(str(found[n]) for n in fields if isinstance(found.get(n), str))


def path_of(operation_id: str, ids: dict[str, str]) -> str:
    path = table().operations[operation_id].path
    for name, value in ids.items():
        path = path.replace("{" + name + "}", value)
    return path


def active(body: Any) -> Any:
    """A create body with its objects ``ACTIVE`` (ads lists show ACTIVE and PAUSED unless asked)."""
    if isinstance(body, list):
        return [active(item) for item in body]
    if isinstance(body, dict):
        return {k: "ACTIVE" if k == "status" and isinstance(v, str) else active(v) for k, v in body.items()}
    return body
