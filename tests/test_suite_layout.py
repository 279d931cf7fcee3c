"""The suite's own layout: tests live beside what they test, under names that say which.

Each folder of ``tests/`` mirrors a package of the project (``tests/cli`` for
``pinterest_tools/cli``, ``tests/generated`` for ``generated/``, ``tests/benchmarks`` for
``benchmarks/``); the library's top-level modules have their tests at the top; shared
helpers are in ``tests/support``. Two files whose names hold the same words in another
order (``test_oauth_browser``/``test_browser_oauth``) left a reader guessing which one
tests what; none may come back.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
PACKAGES = {
    path.name for path in (ROOT / "pinterest_tools").iterdir() if path.is_dir() and (path / "__init__.py").exists()
}
OTHER_TREES = {"generated", "benchmarks"}


def suite_files() -> list[Path]:
    return sorted(TESTS.rglob("test_*.py"))


def test_every_test_folder_mirrors_a_package() -> None:
    folders = {path.parent.relative_to(TESTS).parts[0] for path in suite_files() if path.parent != TESTS}
    assert folders <= PACKAGES | OTHER_TREES, folders - PACKAGES - OTHER_TREES


def test_no_two_test_files_differ_only_in_word_order() -> None:
    words = Counter(frozenset(path.stem.removeprefix("test_").split("_")) for path in suite_files())
    assert [sorted(key) for key, count in words.items() if count > 1] == []


def test_no_two_test_files_share_a_name() -> None:
    """pytest imports test modules by their file name: two equal names in two folders would clash."""
    names = Counter(path.name for path in suite_files())
    assert [name for name, count in names.items() if count > 1] == []
