"""``python -m pinterest_tools.analytics_api_example``: runs :mod:`pinterest_tools.cli.commands.analytics_api_example`.

The name upstream's scripts and users' pipes run. Generated from the command registry by
specgen/shims.py (``nox -s generate``); edit the command, not this.
"""

from pinterest_tools.cli.commands.analytics_api_example import main

if __name__ == "__main__":
    raise SystemExit(main())
