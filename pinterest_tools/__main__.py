"""``python -m pinterest_tools <command>``: the ``pinterest-tools`` console script, :mod:`pinterest_tools.cli.main`."""

from pinterest_tools.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
