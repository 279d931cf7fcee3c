"""``python -m pinterest_tools.save_pin``: runs :mod:`pinterest_tools.cli.commands.save_pin`.

The name upstream's scripts and users' pipes run. Generated from the command registry by
specgen/shims.py (``nox -s generate``); edit the command, not this.
"""

from pinterest_tools.cli.commands.save_pin import main

if __name__ == "__main__":
    raise SystemExit(main())
