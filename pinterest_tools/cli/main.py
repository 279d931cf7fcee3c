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
from pinterest_tools.cli.shared.common import run


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


def _usage(args: Sequence[str]) -> int:
    """Print the usage: on stdout when asked for (exit 0), on stderr for no or an unknown command (exit 2)."""
    if args and args[0] in ("-h", "--help"):
        print(usage())
        return 0
    if not args:
        print(usage(), file=sys.stderr)
        return 2
    print(f"pinterest-tools: unknown command {args[0]!r}\n\n{usage()}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help") or args[0] not in COMMANDS:
        # through the commands' runner: a closed pipe (``| head``) ends quietly, as a command's output does
        return run(_usage, args)
    name, rest = args[0], args[1:]
    module = importlib.import_module(module_name(name))
    result: int = module.main(rest)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
