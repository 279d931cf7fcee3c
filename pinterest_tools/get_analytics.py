"""``python -m pinterest_tools.get_analytics``: runs :mod:`pinterest_tools.cli.commands.get_analytics`.

The name upstream's scripts and users' pipes run. Generated from the command registry by
specgen/shims.py (``nox -s generate``); edit the command, not this.
"""

from pinterest_tools.cli.commands.get_analytics import main

if __name__ == "__main__":
    raise SystemExit(main())
