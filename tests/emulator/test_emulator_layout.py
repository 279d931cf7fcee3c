"""The emulator's layout: one folder per concern, each saying what it owns, and docs/emulator.md's
operation -> module table current.

A newcomer finds where a change goes from the package docstring's map of folders, each
folder's docstring and docs/emulator.md's table; these tests keep the three true as modules are
added or moved.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

import pinterest_tools.emulator as emulator_package
from pinterest_tools.emulator.serving import route_table
from specgen import emulator_routes, project_files

ROOT = Path(emulator_package.__file__).parent
# What users import or run by name; everything else lives in a folder.
ENTRY_POINTS = {"__init__.py", "__main__.py", "pytest_plugin.py", "testing.py", "visit.py"}
CONCERNS = {"serving", "core", "auth", "oauth_server", "data", "analytics", "wire", "described"}
PER_API = {"v5", "v3"}  # route modules per API; the two mirror each other's area names


def _docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def _modules(folder: str) -> set[str]:
    return {path.stem for path in (ROOT / folder).glob("*.py") if path.name != "__init__.py"}


def test_every_module_is_in_a_folder_but_the_entry_points() -> None:
    top = {path.name for path in ROOT.glob("*.py")}
    folders = {path.name for path in ROOT.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert top == ENTRY_POINTS
    assert folders == CONCERNS | PER_API
    assert not [path for path in ROOT.glob("*/*/*.py")], "folders are one level deep"


@pytest.mark.parametrize("folder", sorted(CONCERNS))
def test_each_concern_folder_names_every_module_it_owns(folder: str) -> None:
    owned = _docstring(ROOT / folder / "__init__.py")
    modules = sorted(_modules(folder))
    assert modules, f"{folder}/ is empty"
    assert [name for name in modules if f"`{name}`" not in owned] == [], f"{folder}/__init__.py does not say"


def test_the_package_docstring_maps_every_folder() -> None:
    mapped = _docstring(ROOT / "__init__.py")
    assert [name for name in sorted(CONCERNS | PER_API) if f"``{name}/``" not in mapped] == []


def test_module_names_are_not_reused_outside_the_per_api_mirrors() -> None:
    """``v5/boards.py`` and ``v3/boards.py`` mirror each other on purpose; elsewhere a module
    name says one thing once, so a search for it finds the one module meant."""
    names = Counter(path.stem for path in ROOT.rglob("*.py") if path.name != "__init__.py")
    mirrored = _modules("v5") & _modules("v3")
    assert {name for name, count in names.items() if count > 1} <= mirrored
    assert not mirrored & {name for folder in CONCERNS for name in _modules(folder)}


def test_the_operation_table_is_current() -> None:
    """The check ``nox -s generate -- --check`` makes, for docs/emulator.md alone."""
    block = project_files.Block(emulator_routes.PAGE, "the emulator's operation table", emulator_routes.rewrite)
    assert project_files.sync_block(block, check=True), "docs/emulator.md is stale: run nox -s generate"


def test_the_package_docstring_family_table_is_current() -> None:
    text = emulator_routes.DOCSTRING.read_text(encoding="utf-8")
    assert emulator_routes.rewrite_docstring(text) == text, "the package docstring is stale: run nox -s generate"
    assert "- ``ad_accounts/audiences``: 4 from state; synthesized:" in text


def test_only_operations_without_state_of_their_own_are_synthesized() -> None:
    """Every family the emulator stores answers its create, get, list, update and delete from state."""
    answers = {row.operation_id: row.answer for row in route_table.rows() if row.api == "v5"}
    stored = ("audiences_create", "customer_lists_get", "feeds_list", "keywords_update", "lead_form_get")
    assert {answers[op] for op in stored} == {route_table.STATE}
    assert answers["events_create"] == route_table.ROUTE
    assert answers["trending_keywords_list"] == route_table.SYNTHESIZED


def test_the_table_names_every_operation_once_with_an_existing_module() -> None:
    rows = route_table.rows()
    assert len(rows) == len({(row.api != "v5", row.operation_id) for row in rows})
    for row in rows:
        for module in row.module.split("` with `"):
            assert (ROOT / module).is_file(), row
    modules = {row.module for row in rows}
    assert "v5/boards.py" in modules and "v3/ad_metrics.py" in modules and "described/engine.py" in modules


def test_route_table_check_and_rewrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "emulator.md"
    page.write_text(f"# x\n\n{emulator_routes.START}\nold rows\n{emulator_routes.END}\n\nafter\n", encoding="utf-8")
    block = project_files.Block(page, "the emulator's operation table", emulator_routes.rewrite)

    assert not project_files.sync_block(block, check=True)
    assert "stale" in capsys.readouterr().err and "old rows" in page.read_text(encoding="utf-8")
    assert project_files.sync_block(block, check=False)
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# x\n\n{emulator_routes.START}\n") and text.endswith(f"{emulator_routes.END}\n\nafter\n")
    assert "| v5 | `boards_list` | `GET /v5/boards` | `v5/boards.py` | route |" in text and "old rows" not in text
    assert "| v5 | `audiences_get` | `GET /v5/ad_accounts/{ad_account_id}/audiences/{audience_id}` |" in text
    assert "generated by specgen/emulator_routes.py" in text  # the banner names its writer
    assert project_files.sync_block(block, check=True)

    page.write_text("no markers\n", encoding="utf-8")
    assert not project_files.sync_block(block, check=False)
    assert "emulator-operations:start" in capsys.readouterr().err
