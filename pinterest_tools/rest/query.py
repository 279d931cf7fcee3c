"""Query parameters whose value is an object, sent in OpenAPI's ``deepObject`` style.

The description's one object-valued query parameter, ``parameters`` of
``GET /catalogs/reports/stats``, is declared ``style: deepObject``: Pinterest reads
``parameters[catalog_type]=RETAIL&parameters[report_type]=...``. The generated
``_get_kwargs`` puts the object's ``to_dict()`` into ``params`` as one value, which httpx
would send as the dict's Python repr; the facade's send expands it first. A list inside
the object repeats its key (``parameters[ids]=1&parameters[ids]=2``), as httpx does for a
list at the top.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def expand_object_params(request: dict[str, Any]) -> dict[str, Any]:
    """``request`` (a generated ``_get_kwargs()``) with each object-valued query parameter in deepObject form."""
    params = request.get("params")
    if not isinstance(params, Mapping) or not any(isinstance(value, Mapping) for value in params.values()):
        return request
    pairs: list[tuple[str, Any]] = []
    for key, value in params.items():
        _add(pairs, str(key), value)
    return {**request, "params": pairs}


def _add(pairs: list[tuple[str, Any]], key: str, value: Any) -> None:
    if isinstance(value, Mapping):
        for name, item in value.items():
            _add(pairs, f"{key}[{name}]", item)
    elif isinstance(value, list | tuple):
        pairs.extend((key, item) for item in value)
    else:
        pairs.append((key, value))
