"""The package's public surface: ``pinterest_tools.__all__``, modelled on httpx's test of its exports.

httpx asserts that ``__all__`` is exactly the public names of its namespace. The names here
are imported on first use (PEP 562), so they are resolved first; the test then also checks
what the lazy imports could get wrong: a name that resolves to nothing, to an object of
another name, or one that type checkers cannot see.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import types
from pathlib import Path

import pytest

import pinterest_tools
from pinterest_tools import errors

INIT = Path(pinterest_tools.__file__)


def test_all_imports_are_exported() -> None:
    for name in pinterest_tools.__all__:
        getattr(pinterest_tools, name)
    public = {
        name
        for name, value in vars(pinterest_tools).items()
        if not isinstance(value, types.ModuleType) and not name.startswith("_")
    }
    assert len(set(pinterest_tools.__all__)) == len(pinterest_tools.__all__)
    assert set(pinterest_tools.__all__) == public | {"__version__"}


@pytest.mark.parametrize("name", [name for name in pinterest_tools.__all__ if name != "__version__"])
def test_each_name_is_the_object_its_module_defines(name: str) -> None:
    value = getattr(pinterest_tools, name)
    assert inspect.isclass(value) and value.__name__ == name
    assert value.__module__.startswith("pinterest_tools.") and not value.__module__.rpartition(".")[2].startswith("_")
    assert getattr(importlib.import_module(value.__module__), name) is value
    assert name in dir(pinterest_tools)


def test_every_error_class_is_exported() -> None:
    defined = {
        name
        for name, value in vars(errors).items()
        if inspect.isclass(value) and issubclass(value, errors.PinterestError) and value.__module__ == errors.__name__
    }
    assert len(defined) == 21
    assert defined <= set(pinterest_tools.__all__)


def test_the_surface_is_the_clients_the_pagers_and_the_errors() -> None:
    assert {name for name in pinterest_tools.__all__ if not name.endswith("Error")} == {
        "__version__",
        "Pinterest",
        "AsyncPinterest",
        "Paginator",
        "AsyncPaginator",
        "Page",
        "AsyncPage",
    }


def test_type_checkers_see_every_name() -> None:
    """The names a type checker reads are the TYPE_CHECKING imports: exactly the exports."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    guarded = [node for node in tree.body if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)]
    assert len(guarded) == 1
    imported = {
        alias.name: node.module
        for node in ast.walk(guarded[0])
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert set(imported) == set(pinterest_tools.__all__) - {"__version__"}
    assert all(getattr(pinterest_tools, name).__module__ == module for name, module in imported.items())


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'pinterest_tools' has no attribute 'Client'"):
        pinterest_tools.Client  # noqa: B018
