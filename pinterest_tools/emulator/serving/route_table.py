"""Which module serves each API operation, and how it answers: computed from the routes.

:func:`rows` gives one :class:`Row` per operation of v5, v3 and ads v4: its id, method and
path, the module that answers it and how (a hand-written route, the engine from the
objects it stores, or synthesized from the description). The rows come from what the app
mounts (each area's ``ROUTES`` in ``v5`` and ``v3``; every other v5 operation is the
description-driven engine's), so whatever is written from them cannot drift from the code
unnoticed: ``specgen/emulator_routes.py`` (``nox -s generate``, outside the package) renders
them as ``docs/emulator.md``'s table and the package docstring's family summary, and
``--check`` and the test suite fail when either is stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType

from starlette.routing import BaseRoute, Route

from pinterest_tools.emulator import v3, v5
from pinterest_tools.emulator.core.operation_routes import V3, V5, ApiVersion
from pinterest_tools.emulator.described import (
    business_invites,
    catalog_items,
    customer_list_uploads,
    engine,
    local_inventory,
    typed_records,
)
from pinterest_tools.emulator.described.families import plans

PACKAGE = v5.__name__.rpartition(".")[0]  # pinterest_tools.emulator


@dataclass(frozen=True, slots=True, order=True)
class Row:
    """One operation: the API it belongs to, its id, method and path, and who serves it."""

    api: str
    operation_id: str
    method: str
    path: str
    module: str  # paths under the emulator package, e.g. ``v5/boards.py``
    answer: str  # how the answer is made: one of ``ANSWERS``


# How an operation's answer is made: by a hand-written route (from the records, or analytics
# derived from them), by the engine from the objects it stores, or synthesized from the
# description and the question alone (operations with no state of their own).
ROUTE, STATE, SYNTHESIZED = "route", "state", "synthesized"
ANSWERS = (ROUTE, STATE, SYNTHESIZED)


def module_path(module: ModuleType | str) -> str:
    """``pinterest_tools.emulator.v5.boards`` as ``v5/boards.py``."""
    name = module if isinstance(module, str) else module.__name__
    return name.removeprefix(PACKAGE + ".").replace(".", "/") + ".py"


def _api_name(api: ApiVersion, path: str) -> str:
    if api is V5:
        return "v5"
    return "ads v4" if path.startswith("/ads/v4/") else "v3"


def _written(api: ApiVersion, areas: Iterable[ModuleType]) -> dict[str, str]:
    """Operation id -> module of the hand-written routes, matched by method and path."""
    by_route = {(spec.method, api.prefix + spec.path): op_id for op_id, spec in api.operations.items()}
    found: dict[str, str] = {}
    for area in areas:
        routes: list[BaseRoute] = area.ROUTES
        for route in routes:
            if isinstance(route, Route):
                for method in sorted(route.methods or ()):
                    if (op_id := by_route.get((method, route.path))) is not None:
                        found[op_id] = module_path(area)
    return found


def _engine_module(operation_id: str) -> str:
    """The described module that holds an engine operation's objects, named with the engine."""
    plan = plans()[operation_id]
    if plan.family is not None and typed_records.handles(plan.family):
        return f"{module_path(engine)}` with `{module_path(typed_records)}"
    if plan.family == catalog_items.BATCHES or operation_id == "items_post":
        return f"{module_path(engine)}` with `{module_path(catalog_items)}"
    if plan.family == local_inventory.BATCHES or operation_id == "catalogs_local_inventory_items_post":
        return f"{module_path(engine)}` with `{module_path(local_inventory)}"
    if operation_id in business_invites.OPERATIONS:
        return f"{module_path(engine)}` with `{module_path(business_invites)}"
    if plan.family == customer_list_uploads.UPLOADS or operation_id == customer_list_uploads.RUN:
        return f"{module_path(engine)}` with `{module_path(customer_list_uploads)}"
    return module_path(engine)


def answer_kind(operation_id: str, module: str) -> str:
    """``ROUTE``, ``STATE`` or ``SYNTHESIZED`` for an operation served by ``module``."""
    if not module.startswith(module_path(engine)):
        return ROUTE
    from_state = {*engine.LOOKUPS, *engine.OWN_STATE, *engine.STATEFUL_ACTIONS}
    stored = plans()[operation_id].kind in engine.STORED_KINDS or operation_id in from_state
    return STATE if stored else SYNTHESIZED


def family_of(path: str) -> str:
    """The resource family an operation belongs to for the summary: its path's first two
    literal segments (``/v5/ad_accounts/{id}/campaigns/analytics`` -> ``ad_accounts/campaigns``)."""
    literals = [s for s in path.removeprefix(V5.prefix).split("/") if s and not s.startswith("{")]
    return "/".join(literals[:2])


def rows() -> list[Row]:
    """Every operation of v5, v3 and ads v4 with the module that serves it."""
    found = []
    for api, areas in ((V5, v5.AREAS), (V3, v3.AREAS)):
        written = _written(api, areas)
        for op_id, spec in api.operations.items():
            if op_id in written:
                module = written[op_id]
            elif api is V5:
                module = _engine_module(op_id)
            else:
                raise LookupError(f"no module serves the v3 operation {op_id}")
            path = api.prefix + spec.path
            found.append(Row(_api_name(api, spec.path), op_id, spec.method, path, module, answer_kind(op_id, module)))
    return sorted(found)
