"""``pinterest-tools <command> [options]``: one entry point for every command of the registry.

Each command also runs as ``python -m pinterest_tools.<command>``. The registry
(:mod:`pinterest_tools.cli.registry`) is plain data, so ``pinterest-tools --help`` imports no
command; ``pinterest-tools <command>`` imports that command's module only.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from pinterest_tools.cli.registry import COMMANDS, module_name


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [
        "usage: pinterest-tools <command> [options]   (or: python -m pinterest_tools.<command>)",
        "",
        "commands:",
        *(f"  {name:<{width}}  {purpose}" for name, purpose in COMMANDS.items()),
        "",
        "`pinterest-tools <command> --help` describes a command's options.",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"pinterest-tools: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(module_name(name))
    result: int = module.main(rest)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
