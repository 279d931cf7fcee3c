"""Which module serves each API operation: the README's table, written from the routes.

``python -m pinterest_tools.emulator.serving.route_table`` replaces what stands between
``<!-- emulator-operations:start -->`` and ``<!-- emulator-operations:end -->`` in
README.md with a summary per v5 resource family (how many operations a hand-written route
answers, how many the engine answers from the objects it stores, and which it synthesizes
because they have no state of their own) and one row per operation of v5, v3 and ads v4:
its id, method and path, the module that answers it and how. The family summary is also
written between ``<!-- emulator-families:start -->`` and ``<!-- emulator-families:end -->``
in the package docstring. The rows come from what the app mounts (each area's
``ROUTES`` in ``v5`` and ``v3``; every other v5 operation is the description-driven
engine's), so the table cannot drift from the code unnoticed: ``--check`` changes
nothing and exits 1 when the README is stale, and the test suite runs the same check.
Run it again after adding a route module or moving an operation between modules.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from starlette.routing import BaseRoute, Route

from pinterest_tools.emulator import v3, v5
from pinterest_tools.emulator.core.operation_routes import V3, V5, ApiVersion
from pinterest_tools.emulator.described import catalog_items, engine, typed_records
from pinterest_tools.emulator.described.families import plans
from pinterest_tools.marked_block import replace_block

START = "<!-- emulator-operations:start -->"
END = "<!-- emulator-operations:end -->"
FAMILIES_START = "<!-- emulator-families:start -->"
FAMILIES_END = "<!-- emulator-families:end -->"
README = Path(__file__).resolve().parents[3] / "README.md"
DOCSTRING = Path(__file__).resolve().parents[1] / "__init__.py"  # the package docstring holds the family summary
PACKAGE = v5.__name__.rpartition(".")[0]  # pinterest_tools.emulator
COMMAND = f"python -m {PACKAGE}.serving.route_table"  # also when run as __main__


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
    return module_path(engine)


def answer_kind(operation_id: str, module: str) -> str:
    """``ROUTE``, ``STATE`` or ``SYNTHESIZED`` for an operation served by ``module``."""
    if not module.startswith(module_path(engine)):
        return ROUTE
    return STATE if plans()[operation_id].kind in engine.STORED_KINDS or operation_id == "items_post" else SYNTHESIZED


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


def _by_family() -> dict[str, dict[str, list[str]]]:
    """v5 family -> answer kind -> its operations."""
    found: dict[str, dict[str, list[str]]] = {}
    for row in rows():
        if row.api == "v5":
            found.setdefault(family_of(row.path), {kind: [] for kind in ANSWERS})[row.answer].append(row.operation_id)
    return dict(sorted(found.items()))


def families_text() -> list[str]:
    """The family summary as wrapped text lines for the package docstring."""
    lines = []
    for family, kinds in _by_family().items():
        said = [f"{len(kinds[ROUTE])} by a route" if kinds[ROUTE] else "", f"{len(kinds[STATE])} from state"]
        said = [part for part in said if part and not part.startswith("0 ")]
        if kinds[SYNTHESIZED]:
            said.append("synthesized: " + ", ".join(kinds[SYNTHESIZED]))
        lines += textwrap.wrap(f"- ``{family}``: {'; '.join(said)}", width=92, subsequent_indent="  ")
    return lines


def families() -> list[str]:
    """The v5 summary: per resource family, how many operations each way answers, and the
    synthesized ones by name (the operations with no state of their own)."""
    counts = _by_family()
    lines = ["| v5 family | hand-written route | from stored objects | synthesized (no state of its own) |"]
    lines.append("| --- | --- | --- | --- |")
    for family, kinds in counts.items():
        synthesized = ", ".join(f"`{op}`" for op in kinds[SYNTHESIZED])
        lines.append(f"| `{family}` | {len(kinds[ROUTE]) or ''} | {len(kinds[STATE]) or ''} | {synthesized} |")
    return lines


def table() -> str:
    """The block between the markers: a sentence, the family summary, then the rows as a collapsed Markdown table."""
    listed = rows()
    hand_written = sum(row.answer == ROUTE for row in listed)
    stored = sum(row.answer == STATE for row in listed)
    lines = [
        "",
        f"<!-- generated by `{COMMAND}` from the routes; edit them, not this -->",
        "",
        f"{hand_written} operations are answered by hand-written route modules (`v5/`, `v3/`), the "
        f"other {len(listed) - hand_written} v5 operations by the description-driven engine "
        f"(`described/engine.py`): {stored} from the objects it stores, {len(listed) - hand_written - stored} "
        "synthesized from the description and the question (operations with no state of their own: "
        "lookups of Pinterest's own data, previews, sizing, trends). Paths are under `pinterest_tools/emulator/`.",
        "",
        *families(),
        "",
        "<details><summary>Operation, method and path, module, answer</summary>",
        "",
        "| API | operation | method and path | module | answer |",
        "| --- | --- | --- | --- | --- |",
        *(f"| {r.api} | `{r.operation_id}` | `{r.method} {r.path}` | `{r.module}` | {r.answer} |" for r in listed),
        "",
        "</details>",
        "",
    ]
    return "\n".join(lines)


def rewrite(text: str) -> str:
    """The README ``text`` with the table between the markers renewed (ValueError without the markers)."""
    return replace_block(text, START, END, table)


def rewrite_docstring(text: str) -> str:
    """The package's ``__init__.py`` with the family summary between its markers renewed."""
    return replace_block(text, FAMILIES_START, FAMILIES_END, lambda: "\n".join(["", *families_text(), ""]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is stale; change nothing")
    parser.add_argument("--readme", type=Path, default=README, help="the file to rewrite (default: README.md)")
    parser.add_argument(
        "--docstring", type=Path, default=DOCSTRING, help="the package docstring's file (default: its __init__.py)"
    )
    args = parser.parse_args(argv)
    status = 0
    for path, renew in ((args.readme, rewrite), (args.docstring, rewrite_docstring)):
        before = path.read_text(encoding="utf-8")
        try:
            after = renew(before)
        except ValueError as exc:
            sys.stderr.write(f"{path}: {exc}\n")
            return 1
        if after != before and args.check:
            sys.stderr.write(f"{path}: the operation table is stale; run {COMMAND}\n")
            status = 1
            continue
        if after != before:
            path.write_text(after, encoding="utf-8")
        sys.stderr.write(f"{path}: the operation table is {'rewritten' if after != before else 'current'}\n")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
