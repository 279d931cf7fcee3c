"""Generate ``pinterest_tools/rest/resources/`` and ``api.md``: the ``client.<namespace>.<method>`` layer.

In three parts, each one concern:

- :mod:`specgen.facade.model`: what the facade is, read from the description and the
  generated package (operations, their parameters, bodies and results, the namespaces);
- :mod:`specgen.facade.annotations`, :mod:`specgen.facade.render` and
  :mod:`specgen.facade.api_index`: its text (the modules, ``api.md``);
- :mod:`specgen.facade.write`: the files (formatted with ruff) and the drift check.

This package's own names are the entry points ``nox -s generate`` and the tests use.
"""

from __future__ import annotations

from typing import Any

from specgen.facade.model import (
    FacadeError,
    Operation,
    all_models,
    class_name,
    describe,
    endpoint_modules,
    file_name,
    module_name,
    namespace_tree,
    normalized_id,
    squash,
)
from specgen.facade.write import differences, import_generated, write_package

__all__ = [
    "FacadeError",
    "Operation",
    "class_name",
    "differences",
    "endpoint_modules",
    "import_generated",
    "module_name",
    "normalized_id",
    "operations",
    "render_all",
    "render_package",
    "squash",
    "write_package",
]


def operations(spec_raw: dict[str, Any], spec: dict[str, Any]) -> list[Operation]:
    """Every operation of the description (as published, and normalized) as a facade method."""
    return describe(spec_raw, spec, all_models())


def render_package(spec_raw: dict[str, Any], spec: dict[str, Any], source: str) -> dict[str, str]:
    """Path under ``resources/`` -> text of every module (the generated package must be importable)."""
    return render_all(spec_raw, spec, source)[0]


def render_all(spec_raw: dict[str, Any], spec: dict[str, Any], source: str) -> tuple[dict[str, str], str]:
    """The files of ``pinterest_tools/rest/resources/`` and the text of ``api.md`` (the method index)."""
    from specgen.facade.api_index import render_index
    from specgen.facade.render import accessors_module, operations_table, resource_module
    from specgen.v5_source import load_overlay, load_supplement, supplement_operations, version_key

    ops = operations(spec_raw, spec)
    tree = namespace_tree(ops)
    files = {file_name(namespace, tree): resource_module(namespace, tree, source) for namespace in tree}
    files["__init__.py"] = accessors_module(sorted({namespace[0] for namespace in tree}), source)
    aliases = {
        alias: operation["operationId"]
        for item in spec_raw["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for alias in operation.get("x-operation-aliases", ())
    }
    files["operations.py"] = operations_table(ops, source, aliases)
    supplement = frozenset(op_id for _, _, op_id in supplement_operations(load_supplement()))
    if version_key(str(spec_raw.get("info", {}).get("version", ""))) >= version_key(load_overlay()["info"]["version"]):
        # The 5.28.0 overlay gives every operation the operationId of Pinterest's 5.28.0
        # description, so every row can link to Pinterest's own reference page.
        supplement = frozenset()
    return files, render_index(ops, source, supplement & {op.op_id for op in ops})
