"""The commands, one module each, named as the registry (:mod:`pinterest_tools.cli.registry`) names them.

A command module's docstring is its ``--help`` description (its first line is the
registry's purpose), and its ``main(argv)`` returns the exit code. Each runs as
``pinterest-tools <name>``, ``python -m pinterest_tools.<name>`` and
``python -m pinterest_tools.cli.commands.<name>``.
"""
