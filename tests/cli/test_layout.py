"""The package's shape: the library below, the command-line program (``pinterest_tools.cli``) on top.

Three promises are checked here. The import graph has no circle and the library never
imports ``pinterest_tools.cli`` (only ``__main__`` and the ``python -m pinterest_tools.<command>``
modules do, by name). And the command registry is the one list: the command modules, those
``python -m`` modules, docs/commands.md's reference and the console script all agree
with it, so adding a command means its module, its registry entry and its test (and running
``nox -s generate``, which writes what the registry implies: specgen/shims.py and
specgen/command_reference.py). Last, the emulator's folders stand on the floors its package
docstring draws: each imports only the folders on the floors below it.
"""

from __future__ import annotations

import ast
import itertools
import re
import sys
import tomllib
import types
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import pinterest_tools
from pinterest_tools.cli import main, registry
from pinterest_tools.cli.shared.organic import CommandParser
from specgen import command_reference, shims

PACKAGE_DIR = Path(pinterest_tools.__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
CLI = "pinterest_tools.cli"


def module_names() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__.py``)."""
    found = {}
    for path in PACKAGE_DIR.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = module_names()


def imported(name: str, path: Path) -> set[str]:
    """The package's modules ``name`` imports anywhere: at the top, inside functions, for type checking only."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in MODULES else base)
    return {target for target in targets if target in MODULES and target != name}


GRAPH = {name: imported(name, path) for name, path in MODULES.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one node (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        part.append(member)
                        if member == node:
                            break
                    if len(part) > 1:
                        found.append(sorted(part))
    return found


def unit_graph(depth: int, within: str = "pinterest_tools") -> dict[str, set[str]]:
    """The graph of the modules under ``within``, each cut to its first ``depth`` names.

    Depth 2 makes the parts of the package (``pinterest_tools.http``, ``pinterest_tools.cli``,
    ``pinterest_tools.config``); depth 3 under ``pinterest_tools.cli`` its parts (``commands``,
    ``shared``, ``adapter``, ``copying``, ``registry``, ...).
    """

    def unit(name: str) -> str:
        return ".".join(name.split(".")[:depth])

    units: dict[str, set[str]] = {}
    for name, targets in GRAPH.items():
        if name.startswith(within):
            inside = {unit(t) for t in targets if t.startswith(within)}
            units.setdefault(unit(name), set()).update(inside - {unit(name)})
    return units


def test_the_graph_sees_lazy_relative_and_type_checking_imports() -> None:
    assert "pinterest_tools.cli.shared.organic" in GRAPH["pinterest_tools.cli.commands.get_pin"]
    assert "pinterest_tools.connection" in GRAPH["pinterest_tools.cli.shared.common"]  # inside a function
    assert "pinterest_tools.cli.adapter.analytics_query" in GRAPH["pinterest_tools.cli.adapter"]  # TYPE_CHECKING
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_no_import_circle_among_modules() -> None:
    assert circles(GRAPH) == []


def test_no_import_circle_among_the_packages_parts() -> None:
    """``http`` never imports ``oauth`` (OAuth's token requests go through ``http``), nor ``paging`` ``http``."""
    assert circles(unit_graph(2)) == []


def test_no_import_circle_among_the_command_line_programs_parts() -> None:
    parts = unit_graph(3, within=CLI)
    assert {"pinterest_tools.cli.commands", "pinterest_tools.cli.shared", "pinterest_tools.cli.adapter"} <= set(parts)
    assert circles(parts) == []


EMULATOR = "pinterest_tools.emulator"


def emulator_floors() -> list[tuple[str, ...]]:
    """The emulator's floors from the ground up, each its folders, as the package docstring draws them.

    The sketch is the literal block under the docstring's ``Floors`` heading, the top floor
    first; a floor is a line that starts with folder names (``v5/  v3/``).
    """
    docstring = ast.get_docstring(ast.parse(MODULES[EMULATOR].read_text(encoding="utf-8"))) or ""
    block = docstring.split("\nFloors\n======\n", 1)[1].split("::\n\n", 1)[1]
    sketch = itertools.takewhile(lambda line: line.startswith(" "), block.splitlines())
    drawn = [re.match(r" +((?:\w+/ +)+)", line) for line in sketch]
    return [tuple(re.findall(r"(\w+)/", found.group(1))) for found in drawn if found][::-1]


def emulator_folder(module: str) -> str | None:
    """The folder of the emulator a module is in (``core`` for ``pinterest_tools.emulator.core.services``)."""
    parts = module.split(".")
    folder = ".".join(parts[:3])
    return parts[2] if module.startswith(EMULATOR + ".") and (ROOT / folder.replace(".", "/")).is_dir() else None


def test_the_emulator_floors_are_read_from_its_docstring() -> None:
    floors = emulator_floors()
    assert floors[0] == ("data",) and ("v5", "v3") in floors and floors[-1] == ("serving",)
    assert emulator_folder("pinterest_tools.emulator.core.services") == "core"
    assert emulator_folder("pinterest_tools.emulator.testing") is None
    assert emulator_folder("pinterest_tools.emulator") is None


def test_every_emulator_folder_stands_on_one_floor() -> None:
    drawn = [folder for floor in emulator_floors() for folder in floor]
    folders = {emulator_folder(name) for name in MODULES} - {None}
    assert sorted(drawn) == sorted(folders), "draw every folder of the emulator once in its docstring's floors"


def test_each_emulator_folder_imports_only_the_floors_below_it() -> None:
    """No folder imports one on its own floor or above, nor the entry points (``testing``, ...) on top."""
    floor_of = {folder: level for level, floor in enumerate(emulator_floors()) for folder in floor}
    upward = []
    for name, targets in sorted(GRAPH.items()):
        if (folder := emulator_folder(name)) is None:
            continue
        for target in sorted(t for t in targets if t == EMULATOR or t.startswith(EMULATOR + ".")):
            below = emulator_folder(target)
            if below != folder and (below is None or floor_of[below] >= floor_of[folder]):
                upward.append(f"{name} -> {target}")
    assert upward == []


def test_no_import_circle_among_the_emulators_folders() -> None:
    folders = unit_graph(3, within=EMULATOR)
    assert {"pinterest_tools.emulator.core", "pinterest_tools.emulator.serving"} <= set(folders)
    assert circles(folders) == []


def cli_importers() -> dict[str, set[str]]:
    """Modules outside ``pinterest_tools/cli/`` that import from it: module -> what they import."""
    return {
        name: {t for t in targets if t == CLI or t.startswith(CLI + ".")}
        for name, targets in GRAPH.items()
        if not (name == CLI or name.startswith(CLI + ".")) and any(t == CLI or t.startswith(CLI + ".") for t in targets)
    }


def test_nothing_outside_cli_imports_it_but_main_and_the_command_shims() -> None:
    expected = {f"pinterest_tools.{name}": {registry.module_name(name)} for name in registry.COMMANDS}
    expected["pinterest_tools.__main__"] = {"pinterest_tools.cli.main"}
    assert cli_importers() == expected


def test_the_library_names_cli_in_no_import_string() -> None:
    """``importlib.import_module("pinterest_tools.cli...")`` and the like would pass the graph unseen."""
    library = [p for n, p in MODULES.items() if not n.startswith(CLI) and n not in cli_importers()]
    assert len(library) > 100
    quoted = re.compile(r"""["']pinterest_tools\.cli\b""")
    assert [p.relative_to(ROOT).as_posix() for p in library if quoted.search(p.read_text(encoding="utf-8"))] == []


def test_the_registry_names_exactly_the_command_modules() -> None:
    on_disk = {p.stem for p in (PACKAGE_DIR / "cli" / "commands").glob("*.py") if p.stem != "__init__"}
    assert on_disk == set(registry.COMMANDS)
    assert all(registry.module_name(name) in MODULES for name in registry.COMMANDS)
    with pytest.raises(KeyError):
        registry.module_name("no_such_command")


def test_the_shims_are_what_the_registry_implies() -> None:
    assert shims.differences() == [], "run nox -s generate"
    assert set(shims.present()) == {PACKAGE_DIR / f"{name}.py" for name in registry.COMMANDS}


def test_a_shim_only_calls_its_command() -> None:
    tree = ast.parse(shims.shim_text("get_pin"))
    docstring, call_import, run = tree.body
    assert isinstance(docstring, ast.Expr) and "pinterest_tools.cli.commands.get_pin" in ast.unparse(docstring)
    assert ast.unparse(call_import) == "from pinterest_tools.cli.commands.get_pin import main"
    assert ast.unparse(run) == "if __name__ == '__main__':\n    raise SystemExit(main())"


def test_a_missing_or_extra_shim_is_found(tmp_path: Path) -> None:
    for path, text in shims.expected(tmp_path).items():
        path.write_text(text)
    assert shims.differences(tmp_path) == []
    (tmp_path / "get_pin.py").unlink()
    extra = tmp_path / "old_name.py"
    extra.write_text(shims.shim_text("get_board").replace("get_board", "old_name"))
    assert shims.differences(tmp_path) == [
        "get_pin.py: missing",
        "old_name.py: no command of that name in the registry",
    ]


def written_reference() -> str:
    text = command_reference.PAGE.read_text(encoding="utf-8")
    return text[text.index(command_reference.START) : text.index(command_reference.END)]


def test_the_reference_lists_every_command_of_the_registry_in_order() -> None:
    """Whatever the Python version (the ``--help`` texts themselves are compared on 3.11 and 3.12)."""
    reference = written_reference()
    rows = re.findall(r"^\| \[`(\w+)`\]\(#\w+\) \| (.*) \|$", reference, re.MULTILINE)
    assert rows == list(registry.COMMANDS.items())
    assert re.findall(r"^## (\w+)$", reference, re.MULTILINE) == list(registry.COMMANDS)


def test_the_console_script_is_the_registrys_dispatcher() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"pinterest-tools": "pinterest_tools.cli.main:main"}
    assert main.COMMANDS is registry.COMMANDS


def new_command(name: str, purpose: str) -> types.ModuleType:
    """A command module written as the real ones are (``commands/get_pin.py``), held in memory."""
    from pinterest_tools.cli.shared.common import add_common_arguments, run

    module = types.ModuleType(registry.module_name(name), f"{purpose}\n\nSays hello.\n")

    def _main(argv: Sequence[str]) -> int:
        parser = CommandParser(name, module.__doc__)
        parser.add_argument("--who", default="world", help="whom to greet")
        add_common_arguments(parser)
        print(f"hello {parser.parse_args(argv).who}")
        return 0

    module._main = _main  # type: ignore[attr-defined]
    module.main = lambda argv=None: run(_main, argv)  # type: ignore[attr-defined]
    return module


def test_a_new_command_needs_only_its_module_and_its_registry_entry(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Every reader of the registry picks a new command up: the dispatcher, the reference, the shims."""
    name, purpose = "say_hello", "Greet someone."
    monkeypatch.setitem(registry.COMMANDS, name, purpose)
    monkeypatch.setitem(sys.modules, registry.module_name(name), new_command(name, purpose))
    assert main.main([name, "--who", "pinner"]) == 0 and capsys.readouterr().out == "hello pinner\n"
    assert main.main(["--help"]) == 0 and re.search(rf"^  {name} +{purpose}$", capsys.readouterr().out, re.MULTILINE)
    reference = command_reference.reference()
    assert f"| [`{name}`](#{name}) | {purpose} |" in reference and f"usage: {name} [-h] [--who WHO]" in reference
    assert shims.differences() == [f"{name}.py: missing"]
    assert shims.write(tmp_path) == len(registry.COMMANDS) and (tmp_path / f"{name}.py").exists()
