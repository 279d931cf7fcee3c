"""The command-line program: ``pinterest-tools <command>`` and the quickstart's commands.

Everything here stands on the library (``pinterest_tools.http``, ``oauth``, ``workflows``,
``config``, ``errors``, ``logs``); nothing in the library imports this package.

- ``registry``   every command's name and purpose: the one list the rest reads
- ``main``       ``pinterest-tools <command>``, the console script
- ``commands/``  one module per command (``commands/get_pin.py`` is ``get_pin``)
- ``shared/``    what the commands share: arguments, errors and exit codes, prompts, output
- ``adapter/``   the commands' calls, written once for API v3 and once for v5
- ``copying/``   the copy engine of copy_pin and copy_board (journal, retries, output)
- ``demo``       ``nox -s demo``: the commands against a local emulator

Adding a command: its module in ``commands/`` (copy ``get_pin.py``), its entry in
``registry``, its test; then ``nox -s generate`` writes what the registry implies (outside
the package, in ``specgen/``): ``docs/commands.md``'s reference and the
``python -m pinterest_tools.<command>`` modules, ``pinterest_tools/<command>.py``.
"""
