"""``docs/emulator.md``'s operation table and the emulator package's family summary, from the routes.

Which module serves each operation is computed by the emulator itself
(:func:`pinterest_tools.emulator.serving.route_table.rows`, from what the app mounts: each
area's ``ROUTES`` in ``v5`` and ``v3``, every other v5 operation the description-driven
engine's); this module only renders it. Between ``<!-- emulator-operations:start -->`` and
``<!-- emulator-operations:end -->`` in ``docs/emulator.md`` it writes a summary per v5
resource family (how many operations a hand-written route answers, how many the engine
answers from the objects it stores, and which it synthesizes because they have no state of
their own) and one row per operation of v5, v3 and ads v4: its id, method and path, the
module that answers it and how. The family summary is also written between
``<!-- emulator-families:start -->`` and ``<!-- emulator-families:end -->`` in the package
docstring. ``nox -s generate`` (:mod:`specgen.project_files`) writes both; ``--check`` fails
when either is stale. Run it again after adding a route module or moving an operation
between modules.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from pinterest_tools.emulator.serving import route_table
from pinterest_tools.emulator.serving.route_table import ANSWERS, ROUTE, STATE, SYNTHESIZED, family_of
from specgen.marked_block import banner, replace_block

START = "<!-- emulator-operations:start -->"
END = "<!-- emulator-operations:end -->"
FAMILIES_START = "<!-- emulator-families:start -->"
FAMILIES_END = "<!-- emulator-families:end -->"
ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "emulator.md"
DOCSTRING = ROOT / "pinterest_tools" / "emulator" / "__init__.py"  # the package docstring holds the family summary
WRITER = "specgen/emulator_routes.py"


def _by_family() -> dict[str, dict[str, list[str]]]:
    """v5 family -> answer kind -> its operations."""
    found: dict[str, dict[str, list[str]]] = {}
    for row in route_table.rows():
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
    lines = ["| v5 family | hand-written route | from stored objects | synthesized (no state of its own) |"]
    lines.append("| --- | --- | --- | --- |")
    for family, kinds in _by_family().items():
        synthesized = ", ".join(f"`{op}`" for op in kinds[SYNTHESIZED])
        lines.append(f"| `{family}` | {len(kinds[ROUTE]) or ''} | {len(kinds[STATE]) or ''} | {synthesized} |")
    return lines


def table() -> str:
    """The block between the markers: a sentence, the family summary, then the rows as a collapsed Markdown table."""
    listed = route_table.rows()
    hand_written = sum(row.answer == ROUTE for row in listed)
    stored = sum(row.answer == STATE for row in listed)
    lines = [
        "",
        banner(WRITER, "the emulator's routes (pinterest_tools/emulator/serving/route_table.py)"),
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
    """The page ``text`` with the table between the markers renewed (ValueError without the markers)."""
    return replace_block(text, START, END, table)


def rewrite_docstring(text: str) -> str:
    """The package's ``__init__.py`` with the family summary between its markers renewed."""
    return replace_block(text, FAMILIES_START, FAMILIES_END, lambda: "\n".join(["", *families_text(), ""]))
